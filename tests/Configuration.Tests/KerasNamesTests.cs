// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Configuration.Tests;

public sealed class KerasNamesTests
{
    [Theory]
    [InlineData("GlorotUniform", "glorot_uniform")]
    [InlineData("HeNormal", "he_normal")]
    [InlineData("VarianceScaling", "variance_scaling")]
    [InlineData("TruncatedNormal", "truncated_normal")]
    [InlineData("MinMaxNorm", "min_max_norm")]
    [InlineData("NonNeg", "non_neg")]
    [InlineData("MaxNorm", "max_norm")]
    [InlineData("L1L2", "l1l2")]
    [InlineData("L1", "l1")]
    [InlineData("OrthogonalRegularizer", "orthogonal_regularizer")]
    [InlineData("Conv2DTranspose", "conv2d_transpose")]
    [InlineData("ICNR", "icnr")]
    [InlineData("ReLU", "re_lu")]
    [InlineData("already_snake", "already_snake")]
    [InlineData("With Space-and-dash", "with_spaceanddash")]
    public void ToSnakeCase_FollowsKerasRules(string name, string expected)
    {
        Assert.Equal(expected, KerasNames.ToSnakeCase(name));
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Initializers.Tests;

/// <summary>Keras's compute_fans (keras/src/initializers/random_initializers.py) for every rank, read in Keras's kernel layout.</summary>
public sealed class FansTests
{
    public static TheoryData<long[], double, double> Shapes => new()
    {
        { [], 1, 1 },
        { [7], 7, 7 },
        { [3, 5], 3, 5 },
        { [4, 3, 5], 12, 20 },          // Conv1D (k, in, out): rf 4
        { [3, 3, 2, 3], 18, 27 },       // a Conv2DTranspose kernel (k, k, filters, in)
        { [2, 3, 4, 5, 6], 120, 144 },  // Conv3D: rf 24
        { [1, 1, 8, 16], 8, 16 },       // a 1x1 convolution is a dense layer
        { [0, 5], 0, 5 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Compute_FollowsKerasRule_ForEveryRank(long[] shape, double fanIn, double fanOut)
    {
        Assert.Equal((fanIn, fanOut), Fans.Compute(shape));
    }

    [Fact]
    public void Compute_ForATransposedConvolutionKernel_CountsFiltersAsFanIn()
    {
        // (k..., filters, in_channels): "fan_in" is the transpose's output channels times the receptive field.
        var (fanIn, fanOut) = Fans.Compute([5, 2, 7, 11]);

        Assert.Equal(10 * 7, fanIn);
        Assert.Equal(10 * 11, fanOut);
    }

    [Fact]
    public void Compute_RefusesNullAndNegativeShapes_NamingTheShape()
    {
        Assert.Equal("shape", Assert.Throws<ArgumentNullException>(() => Fans.Compute(null!)).ParamName);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Fans.Compute([3, -1]));
        Assert.Equal("shape", error.ParamName);
        Assert.Contains("(3, -1) has -1", error.Message, StringComparison.Ordinal);
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace LayersFramework.Initializers.Tests;

/// <summary>
/// ICNR: a strided transposed convolution with an ICNR kernel is a nearest-neighbour up-sampling of the stride-1
/// transposed convolution with the sub-kernel (no checkerboard), checked with libtorch's transposed convolutions.
/// </summary>
/// <remarks>
/// Keras kernels are (k..., filters, in_channels); libtorch's transposed-convolution weights are
/// (in_channels, filters, k...), hence the permutations. Everything runs in float64, so the strided and the
/// stride-1 results agree to rounding (1e-12).
/// </remarks>
public sealed class ICNRTests
{
    [Theory]
    [InlineData(2, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    public void ConvTranspose1d_WithIcnrKernel_RepeatsEachOutputOfTheSubKernel_StrideTimes(int stride, int taps)
    {
        using var scope = NewDisposeScope();
        const long Filters = 3, InChannels = 2, Length = 5;
        var kernelSize = stride * taps;
        var kernel = new ICNR([stride], new RandomNormal(seed: 4)).Initialize([kernelSize, Filters, InChannels], ScalarType.Float64);
        var sub = new RandomNormal(seed: 4).Initialize([taps, Filters, InChannels], ScalarType.Float64);
        using var generator = new Generator(8);
        var x = randn([2, InChannels, Length], ScalarType.Float64, generator: generator);

        var y = nn.functional.conv_transpose1d(x, kernel.permute(2, 1, 0), stride: stride);
        var z = nn.functional.conv_transpose1d(x, sub.permute(2, 1, 0), stride: 1);

        var zLength = Length + taps - 1;
        Assert.Equal(new long[] { 2, Filters, zLength * stride }, y.shape);
        Assert.Equal(new long[] { 2, Filters, zLength }, z.shape);
        var ys = TensorAssert.Values(y);
        var zs = TensorAssert.Values(z);
        for (var row = 0; row < 2 * Filters; row++)
        {
            for (var q = 0; q < zLength; q++)
            {
                for (var r = 0; r < stride; r++)
                {
                    var actual = ys[(row * zLength * stride) + (q * stride) + r];
                    Assert.True(Math.Abs(actual - zs[(row * zLength) + q]) < 1e-12, $"y[{row}, {(q * stride) + r}] = {actual}, z[{row}, {q}] = {zs[(row * zLength) + q]}");
                }
            }
        }
    }

    [Theory]
    [InlineData(2, 2, 1, 1)]
    [InlineData(2, 2, 2, 2)]
    [InlineData(2, 3, 1, 2)]
    [InlineData(3, 2, 2, 1)]
    public void ConvTranspose2d_WithIcnrKernel_GivesConstantStrideBlocks_EqualToTheStrideOneTranspose(int sh, int sw, int th, int tw)
    {
        using var scope = NewDisposeScope();
        const long Filters = 2, InChannels = 3, Height = 4, Width = 3;
        var kernel = new ICNR([sh, sw], new GlorotUniform(seed: 5)).Initialize([sh * th, sw * tw, Filters, InChannels], ScalarType.Float64);
        var sub = new GlorotUniform(seed: 5).Initialize([th, tw, Filters, InChannels], ScalarType.Float64);
        using var generator = new Generator(9);
        var x = randn([1, InChannels, Height, Width], ScalarType.Float64, generator: generator);

        var y = nn.functional.conv_transpose2d(x, kernel.permute(3, 2, 0, 1), strides: [sh, sw]);
        var z = nn.functional.conv_transpose2d(x, sub.permute(3, 2, 0, 1), strides: [1, 1]);

        long zh = Height + th - 1, zw = Width + tw - 1;
        Assert.Equal(new long[] { 1, Filters, zh * sh, zw * sw }, y.shape);
        var ys = TensorAssert.Values(y);
        var zs = TensorAssert.Values(z);
        for (var f = 0; f < Filters; f++)
        {
            for (var i = 0; i < zh * sh; i++)
            {
                for (var j = 0; j < zw * sw; j++)
                {
                    var actual = ys[(((f * zh * sh) + i) * zw * sw) + j];
                    var expected = zs[(((f * zh) + (i / sh)) * zw) + (j / sw)];
                    Assert.True(Math.Abs(actual - expected) < 1e-12, $"y[{f}, {i}, {j}] = {actual}, z[{f}, {i / sh}, {j / sw}] = {expected}");
                }
            }
        }
    }

    [Fact]
    public void Kernel_RepeatsEachTapOfTheSubKernel()
    {
        // w[k] = sub[k / s]: a (6, 1, 1) kernel with stride 3 from a (2, 1, 1) sub-kernel [a, b] is a a a b b b.
        using var scope = NewDisposeScope();
        var sub = TensorAssert.Values(new RandomUniform(seed: 3).Initialize([2, 1, 1]));
        var kernel = TensorAssert.Values(new ICNR([3], new RandomUniform(seed: 3)).Initialize([6, 1, 1]));

        Assert.Equal(new[] { sub[0], sub[0], sub[0], sub[1], sub[1], sub[1] }, kernel);
    }

    [Fact]
    public void SingleStride_AppliesToEverySpatialDimension()
    {
        using var scope = NewDisposeScope();
        var single = TensorAssert.Values(new ICNR([2], new HeNormal(seed: 1)).Initialize([4, 6, 2, 2]));
        var explicitStrides = TensorAssert.Values(new ICNR([2, 2], new HeNormal(seed: 1)).Initialize([4, 6, 2, 2]));

        Assert.Equal(explicitStrides, single);
    }

    [Fact]
    public void Kernel_OwnsDenseStorage_SoAnInPlaceUpdateChangesOneElement()
    {
        // With k = s the repeat could be a zero-stride view in which every tap shares one element.
        using var scope = NewDisposeScope();
        var kernel = new ICNR([4], new RandomNormal(seed: 2)).Initialize([4, 1, 1]);
        var before = TensorAssert.Values(kernel);

        kernel.select(0, 0).add_(1.0);

        var after = TensorAssert.Values(kernel);
        Assert.Equal(before[0] + 1, after[0], 5);
        Assert.Equal(before[1..], after[1..]);
        Assert.Equal(new long[] { 1, 1, 1 }, kernel.stride());
    }

    [Fact]
    public void DefaultBase_IsGlorotUniform()
    {
        var icnr = new ICNR([2, 2]);

        Assert.IsType<GlorotUniform>(icnr.Initializer);
        Assert.Equal(new[] { 2, 2 }, icnr.Stride);
    }

    [Fact]
    public void KernelSizeNotAMultipleOfTheStride_Throws_NamingShapeAndStride()
    {
        var error = Assert.Throws<ArgumentException>(() => new ICNR([2, 2]).Initialize([4, 3, 2, 2]));

        Assert.Equal("shape", error.ParamName);
        Assert.Contains("(4, 3, 2, 2)", error.Message, StringComparison.Ordinal);
        Assert.Contains("stride (2, 2)", error.Message, StringComparison.Ordinal);
        Assert.Contains("multiple of its stride", error.Message, StringComparison.Ordinal);
        Assert.Contains("size 3 in spatial dimension 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Use a kernel size of 2 or 4 there.", error.Message, StringComparison.Ordinal);
        Assert.Contains(
            "Use a kernel size of 3 there.",
            Assert.Throws<ArgumentException>(() => new ICNR([3]).Initialize([2, 1, 1])).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void StrideOfAnotherRank_Throws_NamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => new ICNR([2, 2]).Initialize([4, 2, 2]));

        Assert.Equal("shape", error.ParamName);
        Assert.Contains("(4, 2, 2) has 1 spatial dimension(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("stride (2, 2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShapeWithoutSpatialDimensions_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ICNR([2]).Initialize([4, 4]));

        Assert.Equal("shape", error.ParamName);
        Assert.Contains("rank 3 or more", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidStrides_AreRefused_InTheConstructor()
    {
        Assert.Equal("stride", Assert.Throws<ArgumentNullException>(() => new ICNR(null!)).ParamName);
        Assert.Equal("stride", Assert.Throws<ArgumentException>(() => new ICNR([])).ParamName);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ICNR([2, 0]));
        Assert.Equal("stride", error.ParamName);
        Assert.Contains("(2, 0)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stride_IsACopy_OfTheArgument()
    {
        int[] stride = [2, 2];
        var icnr = new ICNR(stride);
        stride[0] = 5;

        Assert.Equal(new[] { 2, 2 }, icnr.Stride);
    }

    [Fact]
    public void Config_HoldsTheStrideAndTheBaseInKerasEnvelope()
    {
        var config = new ICNR([2, 3], new HeNormal(seed: 7)).GetConfig();

        Assert.Equal(
            """{"stride":[2,3],"initializer":{"module":"keras.initializers","class_name":"HeNormal","config":{"seed":7},"registered_name":null}}""",
            config.ToJsonString());
    }

    [Fact]
    public void Config_WithTheBaseAsAName_Resolves()
    {
        var icnr = Assert.IsType<ICNR>(InitializerRegistry.Get(JsonNode.Parse("""{"class_name": "ICNR", "config": {"stride": 2, "initializer": "he_uniform"}}""")));

        Assert.IsType<HeUniform>(icnr.Initializer);
        Assert.Equal(new[] { 2 }, icnr.Stride);
    }

    [Fact]
    public void Config_WithoutStride_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => InitializerRegistry.Get(JsonNode.Parse("""{"class_name": "ICNR", "config": {}}""")));

        Assert.Contains("needs \"stride\"", error.Message, StringComparison.Ordinal);
    }
}

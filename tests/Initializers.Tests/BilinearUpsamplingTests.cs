// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Initializers.Tests;

/// <summary>
/// BilinearUpsampling: the FCN kernel values, and the property that a transposed convolution with kernel 2s,
/// stride s and TensorFlow's SAME padding computes half-pixel bilinear interpolation on interior pixels.
/// </summary>
public sealed class BilinearUpsamplingTests
{
    [Theory]
    [InlineData(4, new[] { 0.25, 0.75, 0.75, 0.25 })]
    [InlineData(3, new[] { 0.5, 1.0, 0.5 })]
    [InlineData(2, new[] { 0.5, 0.5 })]
    [InlineData(1, new[] { 1.0 })]
    [InlineData(6, new[] { 1 / 6.0, 0.5, 5 / 6.0, 5 / 6.0, 0.5, 1 / 6.0 })]
    [InlineData(5, new[] { 1 / 3.0, 2 / 3.0, 1.0, 2 / 3.0, 1 / 3.0 })]
    public void Taps_FollowTheFcnFormula(int size, double[] taps)
    {
        using var scope = NewDisposeScope();

        var kernel = TensorAssert.Values(new BilinearUpsampling().Initialize([size, 1, 1], ScalarType.Float64));

        Assert.Equal(taps.Length, kernel.Length);
        for (var i = 0; i < taps.Length; i++)
        {
            Assert.Equal(taps[i], kernel[i], 15);
        }
    }

    [Fact]
    public void Kernel2D_IsTheOuterProductOfTaps_OnTheChannelDiagonal_AndZeroElsewhere()
    {
        using var scope = NewDisposeScope();
        double[] taps = [0.25, 0.75, 0.75, 0.25];
        const int Channels = 3;

        var kernel = TensorAssert.Values(new BilinearUpsampling().Initialize([4, 4, Channels, Channels], ScalarType.Float64));

        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                for (var o = 0; o < Channels; o++)
                {
                    for (var c = 0; c < Channels; c++)
                    {
                        var expected = o == c ? taps[i] * taps[j] : 0.0;
                        Assert.Equal(expected, kernel[(((((i * 4) + j) * Channels) + o) * Channels) + c], 15);
                    }
                }
            }
        }
    }

    [Fact]
    public void Kernel3D_MultipliesTheTapsOfEachDimension()
    {
        using var scope = NewDisposeScope();

        var kernel = TensorAssert.Values(new BilinearUpsampling().Initialize([3, 4, 2, 1, 1], ScalarType.Float64));

        // (i, j, k) = (1, 2, 0): 1.0 · 0.75 · 0.5.
        Assert.Equal(0.375, kernel[(((1 * 4) + 2) * 2) + 0], 15);
        Assert.Equal(24, kernel.Length);
    }

    [Theory]
    [InlineData(2, 1)] // K = 4, TF SAME crops (I - 1)·2 + 4 - 2I = 2: one at each side
    [InlineData(4, 2)] // K = 8, SAME crops 4: two at each side
    public void ConvTranspose2d_WithSamePadding_IsHalfPixelBilinearInterpolation_OnInteriorPixels(int scale, int padding)
    {
        using var scope = NewDisposeScope();
        const int Channels = 2, Height = 5, Width = 6;
        var kernelSize = 2 * scale;
        var kernel = new BilinearUpsampling().Initialize([kernelSize, kernelSize, Channels, Channels], ScalarType.Float64);
        using var generator = new Generator(3);
        var x = randn([1, Channels, Height, Width], ScalarType.Float64, generator: generator);

        var y = nn.functional.conv_transpose2d(x, kernel.permute(3, 2, 0, 1), strides: [scale, scale], padding: [padding, padding]);

        Assert.Equal(new long[] { 1, Channels, Height * scale, Width * scale }, y.shape);
        var xs = TensorAssert.Values(x);
        var ys = TensorAssert.Values(y);
        var interior = 0;
        for (var c = 0; c < Channels; c++)
        {
            for (var i = 0; i < Height * scale; i++)
            {
                for (var j = 0; j < Width * scale; j++)
                {
                    if (Bilinear(xs, c, Height, Width, scale, i, j) is not { } expected)
                    {
                        continue;
                    }

                    interior++;
                    var actual = ys[(((c * Height * scale) + i) * Width * scale) + j];
                    Assert.True(Math.Abs(actual - expected) < 1e-12, $"y[{c}, {i}, {j}] = {actual}, bilinear {expected}");
                }
            }
        }

        // All but a border of scale/2 pixels on each side.
        Assert.Equal(Channels * ((Height - 1) * scale) * ((Width - 1) * scale), interior);
    }

    [Fact]
    public void FiltersOtherThanInChannels_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new BilinearUpsampling().Initialize([4, 4, 2, 3]));

        Assert.Equal("shape", error.ParamName);
        Assert.Contains("filters must equal in_channels", error.Message, StringComparison.Ordinal);
        Assert.Contains("(4, 4, 2, 3) has 2 filters and 3 input channels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShapeWithoutSpatialDimensions_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new BilinearUpsampling().Initialize([3, 3]));

        Assert.Equal("shape", error.ParamName);
        Assert.Contains("rank 3 or more", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Half-pixel bilinear interpolation (align_corners=False) of channel c at output (i, j), or null when a source
    /// neighbour lies outside the input (the border, where the transposed convolution zero-pads instead).
    /// </summary>
    private static double? Bilinear(double[] x, int c, int height, int width, int scale, int i, int j)
    {
        var sy = ((i + 0.5) / scale) - 0.5;
        var sx = ((j + 0.5) / scale) - 0.5;
        var y0 = (int)Math.Floor(sy);
        var x0 = (int)Math.Floor(sx);
        if (y0 < 0 || x0 < 0 || y0 + 1 >= height || x0 + 1 >= width)
        {
            return null;
        }

        double wy = sy - y0, wx = sx - x0;
        double At(int r, int col) => x[(((c * height) + r) * width) + col];
        return ((1 - wy) * (1 - wx) * At(y0, x0)) + ((1 - wy) * wx * At(y0, x0 + 1))
            + (wy * (1 - wx) * At(y0 + 1, x0)) + (wy * wx * At(y0 + 1, x0 + 1));
    }
}

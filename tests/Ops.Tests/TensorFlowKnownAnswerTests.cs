// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace LayersFramework.Ops.Tests;

/// <summary>
/// TensorFlow's own known-answer cases for the transposed convolutions: tensorflow/python/kernel_tests/nn_ops/
/// conv{1,2,3}d_transpose_test.py, atrous_conv2d_test.py, Keras 3's deterministic ops tests (keras/src/ops/nn_test.py)
/// and cases derived by hand from TensorFlow's definition (conv_grad_shape_utils.cc, conv_grad_input_ops.h).
/// T2-n, T1-n and T3-n name the n-th test of conv2d/conv1d/conv3d_transpose_test.py in the order the file defines
/// them (SingleStride, Same, Valid, ..., then the channels-first variants); rule-based expectations are computed here
/// from the rule each TensorFlow test states.
/// </summary>
public sealed class TensorFlowKnownAnswerTests
{
    public static TheoryData<ScalarType, string> DtypeAndFormat => new()
    {
        { ScalarType.Float32, "NHWC" },
        { ScalarType.Int32, "NHWC" },
        { ScalarType.Float32, "NCHW" },
    };

    public static TheoryData<int, int, string> AtrousCases
    {
        get
        {
            var data = new TheoryData<int, int, string>();
            foreach (var width in new[] { 9, 10 })
            {
                for (var rate = 1; rate <= 3; rate++)
                {
                    data.Add(width, rate, "SAME");
                    data.Add(width, rate, "VALID");
                }
            }

            return data;
        }
    }

    // ---- TensorFlow's conv2d_transpose_test.py ----

    [Theory]
    [MemberData(nameof(DtypeAndFormat))]
    public void Conv2DTranspose_SingleStride_T2_1_And_T2_5(ScalarType dtype, string format)
    {
        using var scope = NewDisposeScope();
        var cf = format == "NCHW";
        var outputShape = Layout(cf, 2, 2, 6, 4);
        var y = Nn.Conv2DTranspose(ones(Layout(cf, 2, 3, 6, 4), dtype), ones([3, 3, 2, 3], dtype), outputShape, Strides(cf, 1, 1), "SAME", format);

        // target = 12; +15 if (0<h<5 and 0<w<3); else +6 if exactly one of them holds.
        var expected = Expected(outputShape, cf, p =>
        {
            bool hIn = p[0] > 0 && p[0] < 5, wIn = p[1] > 0 && p[1] < 3;
            return 12 + (hIn && wIn ? 15 : hIn ^ wIn ? 6 : 0);
        });
        Assert.Equal(dtype, y.dtype);
        TensorAssert.Close(expected, outputShape, y, 0, 0);
    }

    [Theory]
    [MemberData(nameof(DtypeAndFormat))]
    public void Conv2DTranspose_Same_T2_2_And_T2_6(ScalarType dtype, string format)
    {
        using var scope = NewDisposeScope();
        var cf = format == "NCHW";
        var outputShape = Layout(cf, 2, 2, 12, 8);
        var y = Nn.Conv2DTranspose(ones(Layout(cf, 2, 3, 6, 4), dtype), ones([3, 3, 2, 3], dtype), outputShape, Strides(cf, 2, 2), "SAME", format);

        // target 3; h_in = h even and 0<h<11; w_in = w even and 0<w<7; +9 if both, +3 if one.
        var expected = Expected(outputShape, cf, p =>
        {
            bool hIn = p[0] % 2 == 0 && p[0] > 0 && p[0] < 11, wIn = p[1] % 2 == 0 && p[1] > 0 && p[1] < 7;
            return 3 + (hIn && wIn ? 9 : hIn ^ wIn ? 3 : 0);
        });
        Assert.Equal(dtype, y.dtype);
        TensorAssert.Close(expected, outputShape, y, 0, 0);
    }

    [Theory]
    [MemberData(nameof(DtypeAndFormat))]
    public void Conv2DTranspose_Valid_T2_3_And_T2_7(ScalarType dtype, string format)
    {
        using var scope = NewDisposeScope();
        var cf = format == "NCHW";
        var outputShape = Layout(cf, 2, 2, 13, 9);
        var y = Nn.Conv2DTranspose(ones(Layout(cf, 2, 3, 6, 4), dtype), ones([3, 3, 2, 3], dtype), outputShape, Strides(cf, 2, 2), "VALID", format);

        // For 1<=h<=11, 1<=w<=7: target 3, +9/+3 with h_in = h even and 1<h<11, w_in = w even and 1<w<7;
        // then border rows/cols copied from their neighbours (the same as clamping the index into the inner range).
        var expected = Expected(outputShape, cf, p =>
        {
            long h = Math.Clamp(p[0], 1, 11), w = Math.Clamp(p[1], 1, 7);
            bool hIn = h % 2 == 0 && h > 1 && h < 11, wIn = w % 2 == 0 && w > 1 && w < 7;
            return 3 + (hIn && wIn ? 9 : hIn ^ wIn ? 3 : 0);
        });
        Assert.Equal(dtype, y.dtype);
        TensorAssert.Close(expected, outputShape, y, 0, 0);
    }

    [Fact]
    public void Conv2DTranspose_InvalidOutputShape_T2_9_Throws()
    {
        using var scope = NewDisposeScope();
        var one = ones([1, 1, 1, 1]);
        Assert.ThrowsAny<ArgumentException>(() => Nn.Conv2DTranspose(one, one, [2, -2], [1]));
    }

    [Fact]
    public void Conv2DTranspose_LargeOutputShape_T2_10_ThrowsBeforeAllocating()
    {
        using var scope = NewDisposeScope();
        var input = ones([2, 2, 2, 2]);
        var before = LiveTensors.Count;
        var watch = Stopwatch.StartNew();

        // TensorFlow's test, whose filters [[[[1]]]] have one input channel, and the same with matching channels,
        // where only ceil(114078056 / 10) != 2 is wrong: a 2e16-element output must never be allocated.
        Assert.ThrowsAny<ArgumentException>(() => Nn.Conv2DTranspose(input, ones([1, 1, 1, 1]), [114078056, 179835296], [10]));
        var ex = Assert.ThrowsAny<ArgumentException>(() => Nn.Conv2DTranspose(input, ones([1, 1, 1, 2]), [114078056, 179835296], [10]));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), FormattableString.Invariant($"took {watch.Elapsed}"));
        Assert.Equal("outputShape", ex.ParamName);
        Assert.Equal(before + 2, LiveTensors.Count); // only the two filter tensors made above
    }

    // ---- TensorFlow's conv1d_transpose_test.py ----

    [Theory]
    [InlineData("NWC")]
    [InlineData("NCW")]
    public void Conv1DTranspose_SingleStride_T1_1_And_T1_5(string format)
    {
        using var scope = NewDisposeScope();
        var cf = format == "NCW";
        var width = cf ? 4 : 6; // T1-1 uses x [2,6,3]; T1-5 x [2,3,4]
        var outputShape = Layout(cf, 2, 2, width);
        var y = Nn.Conv1DTranspose(ones(Layout(cf, 2, 3, width)), ones([3, 2, 3]), outputShape, Strides(cf, 1), "SAME", format);

        // Rule 6, +3 if 0 < w < W-1.
        TensorAssert.Close(Expected(outputShape, cf, p => 6 + (p[0] > 0 && p[0] < width - 1 ? 3 : 0)), outputShape, y, 0, 0);
    }

    [Theory]
    [InlineData("NWC")]
    [InlineData("NCW")]
    public void Conv1DTranspose_Same_T1_2_And_T1_6(string format)
    {
        using var scope = NewDisposeScope();
        var cf = format == "NCW";
        var outputShape = Layout(cf, 2, 2, 8);
        var y = Nn.Conv1DTranspose(ones(Layout(cf, 2, 3, 4)), ones([3, 2, 3]), outputShape, Strides(cf, 2), "SAME", format);

        // Rule 3, +3 if w even and 0<w<7.
        TensorAssert.Close(Expected(outputShape, cf, p => 3 + (p[0] % 2 == 0 && p[0] > 0 && p[0] < 7 ? 3 : 0)), outputShape, y, 0, 0);
    }

    [Theory]
    [InlineData("NWC")]
    [InlineData("NCW")]
    public void Conv1DTranspose_Valid_T1_3_And_T1_7(string format)
    {
        using var scope = NewDisposeScope();
        var cf = format == "NCW";
        var outputShape = Layout(cf, 2, 2, 9);
        var y = Nn.Conv1DTranspose(ones(Layout(cf, 2, 3, 4)), ones([3, 2, 3]), outputShape, Strides(cf, 2), "VALID", format);

        // Inner 1<=w<=7: 3, +3 if w even and 1<w<7; the border copies its neighbour.
        var expected = Expected(outputShape, cf, p =>
        {
            var w = Math.Clamp(p[0], 1, 7);
            return 3 + (w % 2 == 0 && w > 1 && w < 7 ? 3 : 0);
        });
        TensorAssert.Close(expected, outputShape, y, 0, 0);
        var row = cf ? expected[..9] : Enumerable.Range(0, 9).Select(w => expected[w * 2]).ToArray();
        Assert.Equal(new double[] { 3, 3, 6, 3, 6, 3, 6, 3, 3 }, row); // the row the rule gives, written out
    }

    // ---- TensorFlow's conv3d_transpose_test.py ----

    [Fact]
    public void Conv3DTranspose_SingleStride_T3_1()
    {
        using var scope = NewDisposeScope();
        long[] outputShape = [2, 5, 6, 4, 2];
        var y = Nn.Conv3DTranspose(ones([2, 5, 6, 4, 3]), ones([3, 3, 3, 2, 3]), outputShape, [1, 1, 1, 1, 1], "SAME");

        // c = number of (0<d<4, 0<h<5, 0<w<3) that hold; target = 3 * {8, 12, 18, 27}[c].
        double[] byCount = [8, 12, 18, 27];
        var expected = Expected(outputShape, false, p =>
            3 * byCount[(p[0] > 0 && p[0] < 4 ? 1 : 0) + (p[1] > 0 && p[1] < 5 ? 1 : 0) + (p[2] > 0 && p[2] < 3 ? 1 : 0)]);
        TensorAssert.Close(expected, outputShape, y, 1e-6, 0);
    }

    [Fact]
    public void Conv3DTranspose_Same_T3_2()
    {
        using var scope = NewDisposeScope();
        long[] outputShape = [2, 10, 12, 8, 2];
        var y = Nn.Conv3DTranspose(ones([2, 5, 6, 4, 3]), ones([3, 3, 3, 2, 3]), outputShape, [1, 2, 2, 2, 1], "SAME");

        // d_in = d even and 0<d<9, h_in = h even and 0<h<11, w_in = w even and 0<w<7; target = 3 * {1, 2, 4, 8}[c].
        double[] byCount = [1, 2, 4, 8];
        var expected = Expected(outputShape, false, p =>
            3 * byCount[(p[0] % 2 == 0 && p[0] > 0 && p[0] < 9 ? 1 : 0) + (p[1] % 2 == 0 && p[1] > 0 && p[1] < 11 ? 1 : 0) + (p[2] % 2 == 0 && p[2] > 0 && p[2] < 7 ? 1 : 0)]);
        TensorAssert.Close(expected, outputShape, y, 0, 0);
    }

    [Fact]
    public void Conv3DTranspose_ShapeMismatch_T3_3_RunsInNcdhw()
    {
        using var scope = NewDisposeScope();
        var y = Nn.Conv3DTranspose(ones([2, 2, 3, 4, 3]), ones([3, 3, 3, 2, 2]), [2, 2, 6, 8, 6], [1, 1, 2, 2, 2], dataFormat: "NCDHW");
        Assert.Equal(new long[] { 2, 2, 6, 8, 6 }, y.shape);
    }

    [Fact]
    public void Conv3DTranspose_Valid_T3_5_WithBorderCopy()
    {
        using var scope = NewDisposeScope();
        long[] outputShape = [2, 11, 13, 9, 2];
        var y = Nn.Conv3DTranspose(ones([2, 5, 6, 4, 3]), ones([3, 3, 3, 2, 3]), outputShape, [1, 2, 2, 2, 1], "VALID");

        // Inner rule with 1<d<9, 1<h<11, 1<w<7 (each even), 3 * {1, 2, 4, 8}[c]; then the faces along W, H and D
        // copied from their neighbours: each index clamped into the inner range [1, size - 2].
        double[] byCount = [1, 2, 4, 8];
        var expected = Expected(outputShape, false, p =>
        {
            long d = Math.Clamp(p[0], 1, 9), h = Math.Clamp(p[1], 1, 11), w = Math.Clamp(p[2], 1, 7);
            return 3 * byCount[(d % 2 == 0 && d > 1 && d < 9 ? 1 : 0) + (h % 2 == 0 && h > 1 && h < 11 ? 1 : 0) + (w % 2 == 0 && w > 1 && w < 7 ? 1 : 0)];
        });
        TensorAssert.Close(expected, outputShape, y, 0, 0);
    }

    // ---- TensorFlow's atrous_conv2d_test.py ----

    [Theory]
    [MemberData(nameof(AtrousCases))]
    public void AtrousConv2DTranspose_A_1_EqualsConv2DTransposeWithUpsampledFilters(int width, int rate, string padding)
    {
        using var scope = NewDisposeScope();
        const int Height = 9;
        var x = arange(2 * Height * width * 2, ScalarType.Float32).reshape(2, Height, width, 2);
        for (var kh = 1; kh <= 3; kh++)
        {
            for (var kw = 1; kw <= 3; kw++)
            {
                var filters = arange(kh * kw * 4, ScalarType.Float32).reshape(kh, kw, 2, 2);
                int khu = kh + ((kh - 1) * (rate - 1)), kwu = kw + ((kw - 1) * (rate - 1));
                var up = new float[khu * kwu * 4];
                for (var i = 0; i < kh * kw * 4; i++)
                {
                    int tap = i / 4, row = tap / kw, column = tap % kw;
                    up[(((row * rate * kwu) + (column * rate)) * 4) + (i % 4)] = i; // arange: filters[i] == i
                }

                long[] yShape = padding == "SAME" ? [2, Height, width, 2] : [2, Height + khu - 1, width + kwu - 1, 2];
                var expected = Nn.Conv2DTranspose(x, tensor(up, [khu, kwu, 2, 2]), yShape, [1, 1, 1, 1], padding);
                var actual = Nn.AtrousConv2DTranspose(x, filters, yShape, rate, padding);
                TensorAssert.Close(TensorAssert.Values(expected), yShape, actual, 1e-3, 1e-3);
            }
        }
    }

    [Fact]
    public void AtrousConv2DTranspose_A_2_HugeRate_Throws()
    {
        using var scope = NewDisposeScope();
        Assert.ThrowsAny<ArgumentException>(() => Nn.AtrousConv2DTranspose(ones([10, 1, 1, 1]), ones([1, 1, 1, 1]), [1, 1, 1, 1], 1356819205, "SAME"));
    }

    // ---- Keras 3's deterministic ops tests (keras/src/ops/nn_test.py) ----

    [Theory]
    [InlineData("VALID")]
    [InlineData("SAME")]
    public void ConvTranspose1D_Keras3OpsTest_a(string padding)
    {
        using var scope = NewDisposeScope();
        var x = arange(24, ScalarType.Float32).reshape(2, 4, 3);
        var kernel = arange(30, ScalarType.Float32).reshape(2, 5, 3);
        var y = Nn.Conv1DTranspose(x, kernel, [2, 8, 5], [2], padding);

        Assert.Equal(new long[] { 2, 8, 5 }, y.shape);
        double[] batch0 =
        [
            5, 14, 23, 32, 41, 50, 59, 68, 77, 86, 14, 50, 86, 122, 158, 194, 230, 266, 302, 338,
            23, 86, 149, 212, 275, 338, 401, 464, 527, 590, 32, 122, 212, 302, 392, 482, 572, 662, 752, 842,
        ];
        TensorAssert.Close(batch0, TensorAssert.Values(y.select(0, 0)), 0, 0);
        TensorAssert.Close([41, 158, 275, 392, 509], TensorAssert.Values(y.select(0, 1).select(0, 0)), 0, 0);
        TensorAssert.Close([1058, 1256, 1454, 1652, 1850], TensorAssert.Values(y.select(0, 1).select(0, 7)), 0, 0);
    }

    [Theory]
    [InlineData("VALID", 1)]
    [InlineData("SAME", 1)]
    [InlineData("VALID", 2)]
    [InlineData("SAME", 2)]
    public void ConvTranspose2D_Keras3OpsTest_b(string padding, int strideValues)
    {
        using var scope = NewDisposeScope();
        var x = arange(96, ScalarType.Float32).reshape(2, 4, 4, 3);
        var kernel = arange(60, ScalarType.Float32).reshape(2, 2, 5, 3);
        var y = Nn.Conv2DTranspose(x, kernel, [2, 8, 8, 5], strideValues == 1 ? [2] : [2, 2], padding);

        double[] channel0 =
        [
            5, 50, 14, 194, 23, 338, 32, 482, 95, 140, 374, 554, 653, 968, 932, 1382,
            41, 626, 50, 770, 59, 914, 68, 1058, 1211, 1796, 1490, 2210, 1769, 2624, 2048, 3038,
            77, 1202, 86, 1346, 95, 1490, 104, 1634, 2327, 3452, 2606, 3866, 2885, 4280, 3164, 4694,
            113, 1778, 122, 1922, 131, 2066, 140, 2210, 3443, 5108, 3722, 5522, 4001, 5936, 4280, 6350,
        ];
        Assert.Equal(new long[] { 2, 8, 8, 5 }, y.shape);
        TensorAssert.Close(channel0, TensorAssert.Values(y.select(0, 0).select(2, 0)), 0, 0);
    }

    // ---- cases derived by hand from TensorFlow's definition: x = [1, 2, 3], taps [1, 10, 100] ----

    [Theory]
    [InlineData(2, 1, "SAME", 6, new double[] { 1, 10, 102, 20, 203, 30 })]
    [InlineData(2, 1, "SAME", 5, new double[] { 10, 102, 20, 203, 30 })]
    [InlineData(2, 1, "VALID", 7, new double[] { 1, 10, 102, 20, 203, 30, 300 })]
    [InlineData(2, 1, "VALID", 8, new double[] { 1, 10, 102, 20, 203, 30, 300, 0 })]
    [InlineData(1, 2, "VALID", 7, new double[] { 1, 2, 13, 20, 130, 200, 300 })]
    [InlineData(1, 2, "SAME", 3, new double[] { 13, 20, 130 })]
    [InlineData(2, 2, "VALID", 9, new double[] { 1, 0, 12, 0, 123, 0, 230, 0, 300 })]
    [InlineData(2, 2, "SAME", 6, new double[] { 0, 12, 0, 123, 0, 230 })]
    public void Conv1DTranspose_DerivedCases(int stride, int dilation, string padding, long width, double[] expected)
    {
        using var scope = NewDisposeScope();
        var y = Nn.Conv1DTranspose(tensor(new float[] { 1, 2, 3 }, [1, 3, 1]), tensor(new float[] { 1, 10, 100 }, [3, 1, 1]), [1, width, 1], [stride], padding, dilations: [dilation]);
        TensorAssert.Close(expected, [1, width, 1], y, 0, 0);
    }

    [Theory]
    [InlineData("SAME", 7)]
    [InlineData("VALID", 9)]
    [InlineData("SAME", 4)]
    public void Conv1DTranspose_DerivedErrorCases_Throw(string padding, long width)
    {
        using var scope = NewDisposeScope();
        var ex = Assert.ThrowsAny<ArgumentException>(() => Nn.Conv1DTranspose(tensor(new float[] { 1, 2, 3 }, [1, 3, 1]), tensor(new float[] { 1, 10, 100 }, [3, 1, 1]), [1, width, 1], [2], padding));
        Assert.Equal("outputShape", ex.ParamName);
    }

    [Theory]
    [InlineData(4, new double[] { 102, 20, 203, 30 })]
    [InlineData(5, new double[] { 102, 20, 203, 30, 300 })]
    public void Conv2DTranspose_ExplicitPadding_DerivedCase(long width, double[] expected)
    {
        using var scope = NewDisposeScope();
        var y = Nn.Conv2DTranspose(tensor(new float[] { 1, 2, 3 }, [1, 1, 3, 1]), tensor(new float[] { 1, 10, 100 }, [1, 3, 1, 1]), [1, 1, width, 1], [1, 1, 2, 1], [[0, 0], [0, 0], [2, 1], [0, 0]]);
        TensorAssert.Close(expected, [1, 1, width, 1], y, 0, 0);
    }

    [Fact]
    public void Conv1DTranspose_LayoutPin()
    {
        using var scope = NewDisposeScope();
        // filters[k=0] rows (co) = [[1, 0], [0, 1], [1, 1]], indexed [k, co, ci].
        var y = Nn.Conv1DTranspose(tensor(new float[] { 1, 2, 3, 4 }, [1, 2, 2]), tensor(new float[] { 1, 0, 0, 1, 1, 1 }, [1, 3, 2]), [1, 2, 3], [1], "VALID");
        TensorAssert.Close([1, 2, 3, 3, 4, 7], [1, 2, 3], y, 0, 0);
    }

    // ---- layouts, dtypes, the README's [H, W] form, compat.v1 ----

    [Theory]
    [InlineData(1, 1, 1, "SAME")]
    [InlineData(1, 2, 1, "VALID")]
    [InlineData(2, 2, 1, "SAME")]
    [InlineData(2, 1, 2, "VALID")]
    [InlineData(2, 2, 2, "SAME")]
    [InlineData(3, 2, 1, "SAME")]
    [InlineData(3, 1, 2, "VALID")]
    public void ConvTranspose_ChannelsLast_EqualsChannelsFirst_OnPermutedData(int rank, int stride, int dilation, string padding)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(seed: 7);
        long[] sizes = [5, 4, 3], kernels = [3, 2, 3];
        var spatialIn = sizes[..rank];
        var spatialOut = Enumerable.Range(0, rank)
            .Select(i => padding == "SAME" ? spatialIn[i] * stride : ((spatialIn[i] - 1) * stride) + ((kernels[i] - 1) * dilation) + 1).ToArray();
        var x = randn([2, .. spatialIn, 3], ScalarType.Float64, generator: generator);
        var filters = randn([.. kernels[..rank], 4, 3], ScalarType.Float64, generator: generator);
        string[] last = ["NWC", "NHWC", "NDHWC"], first = ["NCW", "NCHW", "NCDHW"];

        var yLast = Nn.ConvTranspose(x, filters, [2, .. spatialOut, 4], [stride], padding, last[rank - 1], [dilation]);
        var toFirst = new long[] { 0, rank + 1 }.Concat(Enumerable.Range(1, rank).Select(i => (long)i)).ToArray();
        var yFirst = Nn.ConvTranspose(x.permute(toFirst).contiguous(), filters, [2, 4, .. spatialOut], [stride], padding, first[rank - 1], [dilation]);

        Assert.Equal([2, 4, .. spatialOut], yFirst.shape);
        var backToLast = new long[] { 0 }.Concat(Enumerable.Range(2, rank).Select(i => (long)i)).Append(1).ToArray();
        TensorAssert.Close(TensorAssert.Values(yFirst.permute(backToLast)), [2, .. spatialOut, 4], yLast, 1e-12, 1e-12);
    }

    [Theory]
    [InlineData(1, "VALID", 7)] // O = F: no crop
    [InlineData(2, "SAME", 6)]  // P = 1: the odd unit is cropped after
    [InlineData(2, "SAME", 5)]  // P = 2: one cropped each side
    [InlineData(2, "VALID", 8)] // O = F + 1: a zero appended
    public void ConvTranspose_ChannelsLastInput_GivesADenseChannelsLastResult_EqualToNchw(int stride, string padding, long size)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(seed: 11);
        var inputSize = stride == 1 ? 5 : 3;
        var x = randn([2, inputSize, inputSize, 3], generator: generator);
        var filters = randn([3, 3, 4, 3], generator: generator);

        var y = Nn.ConvTranspose(x, filters, [2, size, size, 4], [stride], padding);
        var yNchw = Nn.ConvTranspose(x.permute(0, 3, 1, 2).contiguous(), filters, [2, 4, size, size], [stride], padding, "NCHW");

        Assert.True(y.is_contiguous(), $"strides {Tuples.Format(y.stride())} for shape {Tuples.Format(y.shape)}");
        TensorAssert.Close(TensorAssert.Values(yNchw.permute(0, 2, 3, 1)), [2, size, size, 4], y, 1e-5, 1e-5);
    }

    [Theory]
    [InlineData(ScalarType.Float32, 0.0)]
    [InlineData(ScalarType.Float64, 0.0)]
    [InlineData(ScalarType.Int32, 0.0)]
    [InlineData(ScalarType.Float16, 1e-2)]
    [InlineData(ScalarType.BFloat16, 1e-2)]
    public void ConvTranspose_ReturnsTheInputDtype_WithFloat32Values(ScalarType dtype, double tolerance)
    {
        using var scope = NewDisposeScope();
        // Small integers, exact in every dtype; the sums stay exact in float32.
        var x = tensor(Enumerable.Range(0, 2 * 3 * 3 * 2).Select(i => (float)((i % 5) - 2)).ToArray(), [2, 3, 3, 2]);
        var filters = tensor(Enumerable.Range(0, 3 * 3 * 4 * 2).Select(i => (float)((i % 3) - 1)).ToArray(), [3, 3, 4, 2]);
        var reference = Nn.Conv2DTranspose(x, filters, [2, 6, 5, 4], [2], "SAME");

        foreach (var rank in new[] { 2, 3 })
        {
            var xd = (rank == 2 ? x : x.unsqueeze(1)).to(dtype);
            var fd = (rank == 2 ? filters : filters.unsqueeze(0)).to(dtype);
            long[] shape = rank == 2 ? [2, 6, 5, 4] : [2, 1, 6, 5, 4];
            var y = Nn.ConvTranspose(xd, fd, shape, [2], "SAME");
            Assert.Equal(dtype, y.dtype);
            TensorAssert.Close(TensorAssert.Values(reference), shape, y, tolerance, tolerance);
        }
    }

    [Theory]
    [InlineData("NHWC")]
    [InlineData("NCHW")]
    public void Conv2DTranspose_TakesTheTwoValueOutputShape_BatchFromInput_ChannelsFromFilters(string format)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(seed: 5);
        var cf = format == "NCHW";
        var x = randn(Layout(cf, 2, 4, 3, 3), generator: generator);
        var filters = randn([3, 3, 5, 4], generator: generator);

        var y = Nn.Conv2DTranspose(x, filters, [6, 5], [2], "SAME", format);
        var full = Nn.Conv2DTranspose(x, filters, Layout(cf, 2, 5, 6, 5), [2], "SAME", format);

        TensorAssert.Close(TensorAssert.Values(full), Layout(cf, 2, 5, 6, 5), y, 0, 0);
    }

    [Fact]
    public void CompatV1Conv2DTranspose_TakesEitherName_AndRejectsBothNamesOfAPair()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(seed: 3);
        var x = randn([1, 3, 3, 2], generator: generator);
        var f = randn([3, 3, 4, 2], generator: generator);
        long[] shape = [1, 6, 6, 4];
        var expected = TensorAssert.Values(Nn.Conv2DTranspose(x, f, shape, [1, 2, 2, 1]));

        TensorAssert.Close(expected, shape, Compat.V1.Nn.Conv2DTranspose(value: x, filter: f, outputShape: shape, strides: [1, 2, 2, 1]), 0, 0);
        TensorAssert.Close(expected, shape, Compat.V1.Nn.Conv2DTranspose(input: x, filters: f, outputShape: shape, strides: [1, 2, 2, 1]), 0, 0);
        TensorAssert.Close(expected, shape, Compat.V1.Nn.Conv2DTranspose(value: x, filters: f, outputShape: shape, strides: [1, 2, 2, 1]), 0, 0);
        TensorAssert.Close(expected, shape, Compat.V1.Nn.Conv2DTranspose(input: x, filter: f, outputShape: shape, strides: [2]), 0, 0);

        AssertBoth(() => Compat.V1.Nn.Conv2DTranspose(value: x, input: x, filter: f, outputShape: shape, strides: [2]), "value", "input");
        AssertBoth(() => Compat.V1.Nn.Conv2DTranspose(value: x, filter: f, filters: f, outputShape: shape, strides: [2]), "filter", "filters");
    }

    [Fact]
    public void CompatV1Conv3DTranspose_TakesEitherName_AndRejectsBothNamesOfAPair()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(seed: 4);
        var x = randn([1, 2, 2, 2, 2], generator: generator);
        var f = randn([2, 2, 2, 3, 2], generator: generator);
        long[] shape = [1, 4, 4, 4, 3];
        var expected = TensorAssert.Values(Nn.Conv3DTranspose(x, f, shape, [2]));

        TensorAssert.Close(expected, shape, Compat.V1.Nn.Conv3DTranspose(value: x, filter: f, outputShape: shape, strides: [2]), 0, 0);
        TensorAssert.Close(expected, shape, Compat.V1.Nn.Conv3DTranspose(input: x, filters: f, outputShape: shape, strides: [1, 2, 2, 2, 1]), 0, 0);
        TensorAssert.Close(expected, shape, Compat.V1.Nn.Conv3DTranspose(value: x, filters: f, outputShape: shape, strides: [2, 2, 2]), 0, 0);

        AssertBoth(() => Compat.V1.Nn.Conv3DTranspose(value: x, input: x, filter: f, outputShape: shape, strides: [2]), "value", "input");
        AssertBoth(() => Compat.V1.Nn.Conv3DTranspose(value: x, filter: f, filters: f, outputShape: shape, strides: [2]), "filter", "filters");
    }

    private static void AssertBoth(Func<Tensor> call, string oldName, string newName)
    {
        var ex = Assert.Throws<ArgumentException>(() => call());
        Assert.StartsWith($"Cannot specify both '{oldName}' and '{newName}'.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(newName, ex.ParamName);
    }

    /// <summary>A shape in channels-last or channels-first order.</summary>
    private static long[] Layout(bool channelsFirst, long batch, long channels, params long[] spatial) =>
        channelsFirst ? [batch, channels, .. spatial] : [batch, .. spatial, channels];

    /// <summary>The N + 2 strides form with batch and channel entries 1.</summary>
    private static int[] Strides(bool channelsFirst, params int[] spatial) =>
        channelsFirst ? [1, 1, .. spatial] : [1, .. spatial, 1];

    /// <summary>Row-major values of a tensor of <paramref name="shape"/> whose element depends only on its spatial index.</summary>
    private static double[] Expected(long[] shape, bool channelsFirst, Func<long[], double> rule)
    {
        var total = shape.Aggregate(1L, (a, b) => a * b);
        var result = new double[total];
        var index = new long[shape.Length];
        for (long flat = 0; flat < total; flat++)
        {
            var rest = flat;
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                index[d] = rest % shape[d];
                rest /= shape[d];
            }

            result[flat] = rule(channelsFirst ? index[2..] : index[1..^1]);
        }

        return result;
    }
}

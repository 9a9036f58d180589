// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using LayersFramework.Torch.Tests.Support;

namespace LayersFramework.Torch.Tests;

/// <summary>
/// Convolutions and transposed convolutions in float64: autograd against finite differences, values against a
/// naive reference, the adjoint identity between the two, output shapes and memory formats.
/// </summary>
public sealed class ConvolutionGradientTests
{
    // Transposed cases: weight (C_in, C_out / groups, k...); output padding below stride or dilation per dimension.
    private static readonly ConvCase[] TransposeCases =
    [
        new("1d-basic", 1, 2, 3, [4], [3], [1], [0], [1], [0], 1, true),
        new("1d-stride2-pad1-outpad1", 2, 2, 2, [3], [3], [2], [1], [1], [1], 1, true),
        new("1d-groups2", 1, 2, 4, [3], [2], [2], [0], [1], [0], 2, true),
        new("1d-dilation2-outpad1", 1, 2, 2, [3], [2], [1], [1], [2], [1], 1, false),
        new("1d-stride3-outpad2-nobias", 2, 1, 2, [3], [2], [3], [0], [1], [2], 1, false),
        new("2d-basic", 1, 2, 3, [3, 3], [2, 2], [1, 1], [0, 0], [1, 1], [0, 0], 1, true),
        new("2d-stride2-pad-outpad-nonsquare", 1, 2, 2, [3, 2], [3, 2], [2, 2], [1, 0], [1, 1], [1, 1], 1, true),
        new("2d-groups2-in4-out2", 2, 4, 2, [2, 3], [2, 2], [1, 2], [0, 1], [1, 1], [0, 1], 2, true),
        new("2d-groups2-in2-out4-nobias", 1, 2, 4, [3, 3], [3, 1], [2, 1], [1, 0], [1, 1], [1, 0], 2, false),
        new("2d-dilation2-outpad", 1, 2, 3, [3, 3], [2, 3], [1, 2], [1, 1], [2, 2], [1, 0], 1, true),
        new("3d-basic", 1, 2, 2, [2, 2, 2], [2, 2, 2], [1, 1, 1], [0, 0, 0], [1, 1, 1], [0, 0, 0], 1, true),
        new("3d-stride2-pad-outpad", 1, 1, 2, [2, 2, 3], [3, 2, 2], [2, 2, 1], [1, 0, 1], [1, 1, 1], [1, 1, 0], 1, true),
        new("3d-groups2-dilation2-nobias", 1, 2, 4, [2, 2, 2], [2, 2, 1], [1, 2, 1], [0, 0, 0], [2, 1, 1], [1, 0, 0], 2, false),
    ];

    // Convolution cases: weight (C_out, C_in / groups, k...); output padding unused.
    private static readonly ConvCase[] ConvCases =
    [
        new("1d-basic", 1, 2, 3, [5], [3], [1], [0], [1], [0], 1, true),
        new("1d-stride2-pad1", 2, 2, 2, [5], [2], [2], [1], [1], [0], 1, true),
        new("1d-groups2", 1, 2, 4, [4], [3], [1], [1], [1], [0], 2, true),
        new("1d-dilation2-nobias", 1, 2, 2, [5], [2], [1], [0], [2], [0], 1, false),
        new("2d-basic", 1, 2, 2, [4, 4], [3, 3], [1, 1], [0, 0], [1, 1], [0, 0], 1, true),
        new("2d-stride2-pad-nonsquare", 1, 2, 3, [5, 4], [3, 2], [2, 1], [1, 0], [1, 1], [0, 0], 1, true),
        new("2d-groups2-in4-out2", 2, 4, 2, [3, 3], [2, 2], [1, 1], [0, 0], [1, 1], [0, 0], 2, true),
        new("2d-dilation2-nobias", 1, 2, 2, [5, 5], [2, 3], [1, 1], [1, 1], [2, 2], [0, 0], 1, false),
        new("3d-basic", 1, 2, 2, [3, 3, 3], [2, 2, 2], [1, 1, 1], [0, 0, 0], [1, 1, 1], [0, 0, 0], 1, true),
        new("3d-stride2-pad", 1, 1, 2, [3, 3, 3], [3, 2, 2], [2, 2, 1], [1, 0, 1], [1, 1, 1], [0, 0, 0], 1, true),
        new("3d-groups2-dilation2-nobias", 1, 2, 4, [3, 3, 3], [2, 1, 2], [1, 1, 1], [0, 0, 0], [2, 1, 1], [0, 0, 0], 2, false),
    ];

    public static TheoryData<string> ConvTranspose1dCases => Names(TransposeCases, 1);

    public static TheoryData<string> ConvTranspose2dCases => Names(TransposeCases, 2);

    public static TheoryData<string> ConvTranspose3dCases => Names(TransposeCases, 3);

    public static TheoryData<string> AllConvTransposeCases => Names(TransposeCases, null);

    public static TheoryData<string> Conv1dCases => Names(ConvCases, 1);

    public static TheoryData<string> Conv2dCases => Names(ConvCases, 2);

    public static TheoryData<string> Conv3dCases => Names(ConvCases, 3);

    [Theory]
    [MemberData(nameof(ConvTranspose1dCases))]
    public void ConvTranspose1d_GradientsMatchFiniteDifferences(string name) => CheckGradients(Find(TransposeCases, name, 1), transposed: true);

    [Theory]
    [MemberData(nameof(ConvTranspose2dCases))]
    public void ConvTranspose2d_GradientsMatchFiniteDifferences(string name) => CheckGradients(Find(TransposeCases, name, 2), transposed: true);

    [Theory]
    [MemberData(nameof(ConvTranspose3dCases))]
    public void ConvTranspose3d_GradientsMatchFiniteDifferences(string name) => CheckGradients(Find(TransposeCases, name, 3), transposed: true);

    [Theory]
    [MemberData(nameof(Conv1dCases))]
    public void Conv1d_GradientsMatchFiniteDifferences(string name) => CheckGradients(Find(ConvCases, name, 1), transposed: false);

    [Theory]
    [MemberData(nameof(Conv2dCases))]
    public void Conv2d_GradientsMatchFiniteDifferences(string name) => CheckGradients(Find(ConvCases, name, 2), transposed: false);

    [Theory]
    [MemberData(nameof(Conv3dCases))]
    public void Conv3d_GradientsMatchFiniteDifferences(string name) => CheckGradients(Find(ConvCases, name, 3), transposed: false);

    [Theory]
    [MemberData(nameof(ConvTranspose2dCases))]
    public void ConvTranspose2d_MatchesNaiveReference(string name)
    {
        using var scope = new DisposeScope();
        var c = Find(TransposeCases, name, 2);
        var (x, w, b) = MakeTensors(c, transposed: true, seed: 11);

        var actual = Functional.ConvTranspose2d(x, w, b, c.Stride, c.Padding, c.OutputPadding, c.Groups, c.Dilation);

        var expected = ReferenceConvTranspose2d(x, w, b, c, out var expectedShape);
        TensorAssert.Close(expected, expectedShape, actual, rtol: 1e-12, atol: 1e-12);
    }

    [Fact]
    public void ConvTranspose2d_HandWorkedExample_ScattersEachInputByStride()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, 1, 1, 2, 2);
        var w = Tensor.FromArray(new double[] { 1, 10, 100, 1000 }, 1, 1, 2, 2);

        // Stride 2, kernel 2: every input element writes its own 2×2 block x·w; output padding adds a zero row/column.
        var y = Functional.ConvTranspose2d(x, w, stride: [2], outputPadding: [1]);

        TensorAssert.Close(
            [
                1, 10, 2, 20, 0,
                100, 1000, 200, 2000, 0,
                3, 30, 4, 40, 0,
                300, 3000, 400, 4000, 0,
                0, 0, 0, 0, 0,
            ],
            [1, 1, 5, 5],
            y);
    }

    [Theory]
    [MemberData(nameof(AllConvTransposeCases))]
    public void ConvTranspose_IsAdjointOfConvolution(string name)
    {
        using var scope = new DisposeScope();
        var c = Find(TransposeCases, name, null);
        var (x, w, _) = MakeTensors(c, transposed: true, seed: 5);
        var transposedOutput = Transposed(c, x, w, null);
        using var generator = new Generator(23);
        var y = Tensor.Randn(transposedOutput.Shape, generator, ScalarType.Float64);

        // The convolution with the same weight, stride, padding, dilation and groups maps y back to x's shape
        // (plus op / stride extra positions per dimension, which the transpose never writes).
        var back = Convolution(c, y, w, null);
        for (var d = 0; d < c.Rank; d++)
        {
            Assert.Equal(c.Size[d] + (c.OutputPadding[d] / c.Stride[d]), back.Size(d + 2));
            back = back.Narrow(d + 2, 0, c.Size[d]);
        }

        var left = (transposedOutput * y).Sum().Item();
        var right = (x * back).Sum().Item();
        Assert.Equal(left, right, 1e-10 * (1 + Math.Abs(left)));
        Assert.NotEqual(0, left);
    }

    [Theory]
    [InlineData(5, 3, 1, 0, 1, 0, 3, 7)]
    [InlineData(5, 3, 2, 1, 1, 1, 3, 10)]
    [InlineData(6, 3, 2, 0, 1, 0, 2, 13)]
    [InlineData(4, 2, 1, 1, 2, 1, 4, 5)]
    [InlineData(7, 3, 3, 2, 2, 2, 3, 21)]
    public void OutputShapes_MatchFormulas(long size, long kernel, long stride, long padding, long dilation, long outputPadding, long convSize, long transposeSize)
    {
        // conv: ⌊(L + 2p − d(k − 1) − 1) / s⌋ + 1; transpose: (L − 1)s − 2p + d(k − 1) + op + 1 (worked out by hand).
        using var scope = new DisposeScope();
        for (var rank = 1; rank <= 3; rank++)
        {
            var spatial = Enumerable.Repeat(size, rank).ToArray();
            var kernels = Enumerable.Repeat(kernel, rank).ToArray();
            var c = new ConvCase(
                "shape", 1, 2, 2, spatial, kernels, [stride], [padding], [dilation], [outputPadding], 1, false);
            var (x, w, _) = MakeTensors(c, transposed: false, seed: 1);
            var conv = Convolution(c, x, w, null);
            long[] expectedConv = [1, 2, .. Enumerable.Repeat(convSize, rank)];
            Assert.Equal(expectedConv, conv.Shape);

            var (xt, wt, _) = MakeTensors(c, transposed: true, seed: 1);
            var transposed = Transposed(c, xt, wt, null);
            long[] expectedTransposed = [1, 2, .. Enumerable.Repeat(transposeSize, rank)];
            Assert.Equal(expectedTransposed, transposed.Shape);
        }
    }

    [Theory]
    [InlineData("2d-stride2-pad-outpad-nonsquare")]
    [InlineData("2d-groups2-in4-out2")]
    [InlineData("2d-dilation2-outpad")]
    public void ConvTranspose2d_ChannelsLastInput_GivesSameValuesAndGradients(string name)
    {
        using var scope = new DisposeScope();
        var c = Find(TransposeCases, name, 2);
        var (x, w, b) = MakeTensors(c, transposed: true, seed: 3);
        var channelsLast = x.Contiguous(MemoryFormat.ChannelsLast);
        Assert.True(channelsLast.IsContiguous(MemoryFormat.ChannelsLast));
        Assert.False(channelsLast.IsContiguous());

        var expected = Transposed(c, x, w, b);
        var actual = Transposed(c, channelsLast, w, b);

        Assert.Equal(expected.Shape, actual.Shape);
        TensorAssert.Close(expected.ToArray<double>(), actual.ToArray<double>(), rtol: 1e-12, atol: 1e-12);
        Assert.NotNull(b);
        GradientCheck.AssertGradientsMatch(
            inputs => Transposed(c, inputs[0].Contiguous(MemoryFormat.ChannelsLast), inputs[1], inputs[2]),
            [x, w, b]);
    }

    private static void CheckGradients(ConvCase c, bool transposed)
    {
        using var scope = new DisposeScope();
        var (x, w, b) = MakeTensors(c, transposed, seed: 42);
        var expectedShape = new long[c.Rank + 2];
        expectedShape[0] = c.Batch;
        expectedShape[1] = c.OutChannels;
        for (var d = 0; d < c.Rank; d++)
        {
            expectedShape[d + 2] = transposed
                ? ((c.Size[d] - 1) * c.Stride[d]) - (2 * c.Padding[d]) + (c.Dilation[d] * (c.Kernel[d] - 1)) + c.OutputPadding[d] + 1
                : ((c.Size[d] + (2 * c.Padding[d]) - (c.Dilation[d] * (c.Kernel[d] - 1)) - 1) / c.Stride[d]) + 1;
        }

        Assert.Equal(expectedShape, Apply(c, transposed, x, w, b).Shape);
        Tensor[] inputs = b is null ? [x, w] : [x, w, b];
        GradientCheck.AssertGradientsMatch(
            arguments => Apply(c, transposed, arguments[0], arguments[1], arguments.Count > 2 ? arguments[2] : null),
            inputs);
    }

    private static Tensor Apply(ConvCase c, bool transposed, Tensor x, Tensor w, Tensor? b) =>
        transposed ? Transposed(c, x, w, b) : Convolution(c, x, w, b);

    private static Tensor Convolution(ConvCase c, Tensor x, Tensor w, Tensor? b) => c.Rank switch
    {
        1 => Functional.Conv1d(x, w, b, c.Stride, c.Padding, c.Dilation, c.Groups),
        2 => Functional.Conv2d(x, w, b, c.Stride, c.Padding, c.Dilation, c.Groups),
        _ => Functional.Conv3d(x, w, b, c.Stride, c.Padding, c.Dilation, c.Groups),
    };

    private static Tensor Transposed(ConvCase c, Tensor x, Tensor w, Tensor? b) => c.Rank switch
    {
        1 => Functional.ConvTranspose1d(x, w, b, c.Stride, c.Padding, c.OutputPadding, c.Groups, c.Dilation),
        2 => Functional.ConvTranspose2d(x, w, b, c.Stride, c.Padding, c.OutputPadding, c.Groups, c.Dilation),
        _ => Functional.ConvTranspose3d(x, w, b, c.Stride, c.Padding, c.OutputPadding, c.Groups, c.Dilation),
    };

    private static (Tensor X, Tensor W, Tensor? B) MakeTensors(ConvCase c, bool transposed, ulong seed)
    {
        using var generator = new Generator(seed);
        long[] inputShape = [c.Batch, c.InChannels, .. c.Size];
        long[] weightShape = transposed
            ? [c.InChannels, c.OutChannels / c.Groups, .. c.Kernel]
            : [c.OutChannels, c.InChannels / c.Groups, .. c.Kernel];
        var x = Tensor.Randn(inputShape, generator, ScalarType.Float64);
        var w = Tensor.Randn(weightShape, generator, ScalarType.Float64);
        var b = c.Bias ? Tensor.Randn([c.OutChannels], generator, ScalarType.Float64) : null;
        return (x, w, b);
    }

    /// <summary>conv_transpose2d in the scatter form, in plain loops: out[n, g·C_out_g + co, i·s − p + k·d] += x[n, ci, i]·w[ci, co, k].</summary>
    private static double[] ReferenceConvTranspose2d(Tensor input, Tensor weight, Tensor? bias, ConvCase c, out long[] outputShape)
    {
        var x = input.ToArray<double>();
        var w = weight.ToArray<double>();
        var b = bias?.ToArray<double>();
        int n = c.Batch, cin = c.InChannels, cout = c.OutChannels, groups = c.Groups;
        int h = (int)c.Size[0], wd = (int)c.Size[1], kh = (int)c.Kernel[0], kw = (int)c.Kernel[1];
        int sh = (int)c.Stride[0], sw = (int)c.Stride[1], ph = (int)c.Padding[0], pw = (int)c.Padding[1];
        int dh = (int)c.Dilation[0], dw = (int)c.Dilation[1];
        var outH = ((h - 1) * sh) - (2 * ph) + (dh * (kh - 1)) + (int)c.OutputPadding[0] + 1;
        var outW = ((wd - 1) * sw) - (2 * pw) + (dw * (kw - 1)) + (int)c.OutputPadding[1] + 1;
        int cinPerGroup = cin / groups, coutPerGroup = cout / groups;
        var output = new double[n * cout * outH * outW];

        for (var batch = 0; batch < n; batch++)
        {
            for (var ci = 0; ci < cin; ci++)
            {
                var group = ci / cinPerGroup;
                for (var i = 0; i < h; i++)
                {
                    for (var j = 0; j < wd; j++)
                    {
                        var value = x[(((batch * cin) + ci) * h * wd) + (i * wd) + j];
                        for (var co = 0; co < coutPerGroup; co++)
                        {
                            var channel = (group * coutPerGroup) + co;
                            for (var ki = 0; ki < kh; ki++)
                            {
                                var oi = (i * sh) - ph + (ki * dh);
                                for (var kj = 0; kj < kw; kj++)
                                {
                                    var oj = (j * sw) - pw + (kj * dw);
                                    if (oi >= 0 && oi < outH && oj >= 0 && oj < outW)
                                    {
                                        var tap = w[(((((ci * coutPerGroup) + co) * kh) + ki) * kw) + kj];
                                        output[(((batch * cout) + channel) * outH * outW) + (oi * outW) + oj] += value * tap;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        if (b is not null)
        {
            for (var i = 0; i < output.Length; i++)
            {
                output[i] += b[i / (outH * outW) % cout];
            }
        }

        outputShape = [n, cout, outH, outW];
        return output;
    }

    private static TheoryData<string> Names(IEnumerable<ConvCase> cases, int? rank) =>
        new(cases.Where(c => rank is null || c.Rank == rank).Select(c => c.Name));

    private static ConvCase Find(IEnumerable<ConvCase> cases, string name, int? rank)
    {
        var found = cases.Single(c => c.Name == name);
        Assert.True(rank is null || found.Rank == rank);
        return found;
    }

    /// <summary>
    /// One convolution configuration. Stride, padding, dilation and output padding hold one value per spatial
    /// dimension, or one value for all.
    /// </summary>
    private sealed record ConvCase(
        string Name,
        int Batch,
        int InChannels,
        int OutChannels,
        long[] Size,
        long[] Kernel,
        long[] Stride,
        long[] Padding,
        long[] Dilation,
        long[] OutputPadding,
        int Groups,
        bool Bias)
    {
        public int Rank => Size.Length;
    }
}

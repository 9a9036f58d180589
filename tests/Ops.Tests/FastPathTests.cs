// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Ops.Tests;

/// <summary>
/// Every fast path of the transposed convolution against libtorch's own kernel on the same inputs: the output and
/// both gradients (input and filters), in float64 so that only the order of summation can differ.
/// </summary>
public sealed class FastPathTests
{
    public static TheoryData<string, long[], long[], int[], string, string> PointwiseCases => new()
    {
        // label, input shape, filter shape, strides, padding, data format; the output shape is chosen per case below.
        { "DCGAN first layer: 1x1 -> 4x4, k4 s1 VALID, NHWC", [3, 1, 1, 5], [4, 4, 6, 5], [1, 1], "VALID", "NHWC" },
        { "k3 s2 VALID, output 4 (zero fill at the end), NCHW", [2, 5, 1, 1], [3, 3, 4, 5], [2, 2], "VALID", "NCHW" },
        { "k4 s2 SAME, output 2 (crop), NHWC", [2, 1, 1, 3], [4, 4, 2, 3], [2, 2], "SAME", "NHWC" },
        { "k5 s4 SAME, output 3 (crop both ends), NHWC", [2, 1, 1, 3], [5, 5, 2, 3], [4, 4], "SAME", "NHWC" },
        { "1-D k25 s4 SAME, output 4, NWC", [2, 1, 6], [25, 3, 6], [4], "SAME", "NWC" },
        { "3-D k4 s2 VALID, output 5, NDHWC", [2, 1, 1, 1, 3], [4, 4, 4, 2, 3], [2, 2, 2], "VALID", "NDHWC" },
        { "3-D k3 s1 VALID, NCDHW", [2, 3, 1, 1, 1], [3, 3, 3, 2, 3], [1, 1, 1], "VALID", "NCDHW" },
    };

    [Theory]
    [MemberData(nameof(PointwiseCases))]
    public void Pointwise_MatchesTheKernel_InOutputAndBothGradients(string label, long[] inputShape, long[] filterShape, int[] strides, string padding, string dataFormat)
    {
        using var scope = new DisposeScope();
        var rank = strides.Length;
        var format = DataFormat.Parse(dataFormat, rank, "dataFormat");
        var outputSpatial = label switch
        {
            _ when label.Contains("output 4", StringComparison.Ordinal) => 4,
            _ when label.Contains("output 2", StringComparison.Ordinal) => 2,
            _ when label.Contains("output 3", StringComparison.Ordinal) => 3,
            _ when label.Contains("output 5", StringComparison.Ordinal) => 5,
            _ => (int)filterShape[0],
        };
        var outputShape = format.Shape(inputShape[0], filterShape[rank], Enumerable.Repeat((long)outputSpatial, rank).ToArray());
        using var generator = new Generator(9);
        var x = Tensor.Randn(inputShape, generator, ScalarType.Float64);
        var filters = Tensor.Randn(filterShape, generator, ScalarType.Float64);
        var upstream = Tensor.Randn(outputShape, generator, ScalarType.Float64);

        var (fast, fastGradX, fastGradF) = Run(x, filters, upstream, outputShape, strides, padding, format, fastPaths: true);
        var (kernel, kernelGradX, kernelGradF) = Run(x, filters, upstream, outputShape, strides, padding, format, fastPaths: false);

        Assert.True(PointwiseTransposedConvolution.Applies(format.Spatial(inputShape), Enumerable.Repeat(1L, rank).ToArray(), 1), label);
        Assert.Equal(kernel.Shape, fast.Shape);
        Assert.True(fast.AllClose(kernel, 1e-12, 1e-12), $"{label}: outputs differ");
        Assert.True(fastGradX.AllClose(kernelGradX, 1e-12, 1e-12), $"{label}: input gradients differ");
        Assert.True(fastGradF.AllClose(kernelGradF, 1e-12, 1e-12), $"{label}: filter gradients differ");
    }

    public static TheoryData<string, long[], long[], int[], int[], string, string, long> GemmFoldCases => new()
    {
        // label, input shape, filter shape, strides, dilations, padding, data format, output spatial size.
        { "DCGAN 4x4 -> 8x8, k4 s2 SAME, NHWC", [3, 4, 4, 5], [4, 4, 6, 5], [2, 2], [1, 1], "SAME", "NHWC", 8 },
        { "k3 s2 VALID, output 8 (zero fill), NCHW", [2, 5, 3, 3], [3, 3, 4, 5], [2, 2], [1, 1], "VALID", "NCHW", 8 },
        { "k4 s2 SAME 4x4 channels-first, NCHW", [2, 3, 4, 4], [4, 4, 2, 3], [2, 2], [1, 1], "SAME", "NCHW", 8 },
        { "k5 s3 SAME, output 7 (uneven crop), NHWC", [2, 3, 3, 2], [5, 5, 3, 2], [3, 3], [1, 1], "SAME", "NHWC", 7 },
        { "k3 s2 dilation 2 VALID, NHWC", [2, 4, 4, 3], [3, 3, 2, 3], [2, 2], [2, 2], "VALID", "NHWC", 11 },
        { "1-D k25 s4 SAME, NWC", [2, 6, 4], [25, 3, 4], [4], [1], "SAME", "NWC", 24 },
        { "1-D k3 s1 VALID, NCW", [2, 4, 9], [3, 2, 4], [1], [1], "VALID", "NCW", 11 },
        { "1-D k4 s2 SAME, length 16, NWC", [2, 16, 3], [4, 2, 3], [2], [1], "SAME", "NWC", 32 },
    };

    [Theory]
    [MemberData(nameof(GemmFoldCases))]
    public void GemmFold_MatchesTheKernel_InOutputAndBothGradients(string label, long[] inputShape, long[] filterShape, int[] strides, int[] dilations, string padding, string dataFormat, long outputSize)
    {
        using var scope = new DisposeScope();
        var rank = strides.Length;
        var format = DataFormat.Parse(dataFormat, rank, "dataFormat");
        var outputShape = format.Shape(inputShape[0], filterShape[rank], Enumerable.Repeat(outputSize, rank).ToArray());
        using var generator = new Generator(10);
        var x = Tensor.Randn(inputShape, generator, ScalarType.Float64);
        var filters = Tensor.Randn(filterShape, generator, ScalarType.Float64);
        var upstream = Tensor.Randn(outputShape, generator, ScalarType.Float64);

        var (fast, fastGradX, fastGradF) = Run(x, filters, upstream, outputShape, strides, padding, format, fastPaths: true, dilations);
        var (kernel, kernelGradX, kernelGradF) = Run(x, filters, upstream, outputShape, strides, padding, format, fastPaths: false, dilations);

        Assert.True(GemmFoldTransposedConvolution.Applies(format.Spatial(inputShape), 1), label);
        Assert.False(PointwiseTransposedConvolution.Applies(format.Spatial(inputShape), dilations.Select(d => (long)d).ToArray(), 1), label);
        Assert.Equal(kernel.Shape, fast.Shape);
        Assert.True(fast.AllClose(kernel, 1e-12, 1e-12), $"{label}: outputs differ");
        Assert.True(fastGradX.AllClose(kernelGradX, 1e-12, 1e-12), $"{label}: input gradients differ");
        Assert.True(fastGradF.AllClose(kernelGradF, 1e-12, 1e-12), $"{label}: filter gradients differ");
    }

    [Fact]
    public void GemmFold_AppliesToSmall1DAnd2DInputs_WithOneGroup()
    {
        Assert.True(GemmFoldTransposedConvolution.Applies([4, 4], 1));
        Assert.True(GemmFoldTransposedConvolution.Applies([16], 1));
        Assert.False(GemmFoldTransposedConvolution.Applies([8, 8], 1));
        Assert.False(GemmFoldTransposedConvolution.Applies([17], 1));
        Assert.False(GemmFoldTransposedConvolution.Applies([4, 4], 2));
        Assert.False(GemmFoldTransposedConvolution.Applies([2, 2, 2], 1));
    }

    [Fact]
    public void Pointwise_AppliesOnlyToOneByOneInputs_WithoutDilationOrGroups()
    {
        Assert.True(PointwiseTransposedConvolution.Applies([1, 1], [1, 1], 1));
        Assert.False(PointwiseTransposedConvolution.Applies([1, 2], [1, 1], 1));
        Assert.False(PointwiseTransposedConvolution.Applies([1, 1], [2, 1], 1));
        Assert.False(PointwiseTransposedConvolution.Applies([1, 1], [1, 1], 2));
    }

    [Theory]
    [InlineData(true, 1L)]
    [InlineData(false, 1L)]
    [InlineData(true, 3L)]
    public void ALayersBias_AddedInThePass_EqualsAddingItAfter_WithItsGradient(bool fastPaths, long inputSize)
    {
        using var scope = new DisposeScope();
        using var generator = new Generator(2);
        var format = DataFormat.Parse("NHWC", 2, "dataFormat");
        var x = Tensor.Randn([2, inputSize, inputSize, 3], generator, ScalarType.Float64);
        var filters = Tensor.Randn([4, 4, 5, 3], generator, ScalarType.Float64);
        var bias = Tensor.Randn([5], generator, ScalarType.Float64).WithRequiresGrad();
        long[] outputShape = [2, 2 * inputSize, 2 * inputSize, 5];

        var fused = TransposedConvolution.Compute(x, filters, outputShape, [2, 2], Padding.Parse("SAME", 2), format, null, "input", "filters", fastPaths, bias);
        var separate = TransposedConvolution.Compute(x, filters, outputShape, [2, 2], Padding.Parse("SAME", 2), format, null, "input", "filters", fastPaths) + bias.Detach();
        fused.Sum().Backward();

        Assert.True(fused.AllClose(separate, 1e-12, 1e-12));
        Assert.Equal(Enumerable.Repeat(2.0 * 4 * inputSize * inputSize, 5), bias.Grad()!.ToArray<double>()); // each channel appears N·H·W times
    }

    private static (Tensor Output, Tensor InputGradient, Tensor FilterGradient) Run(
        Tensor x, Tensor filters, Tensor upstream, long[] outputShape, int[] strides, string padding, DataFormat format, bool fastPaths, int[]? dilations = null)
    {
        var xLeaf = x.Detach().WithRequiresGrad();
        var filterLeaf = filters.Detach().WithRequiresGrad();
        var y = TransposedConvolution.Compute(xLeaf, filterLeaf, outputShape, strides, Padding.Parse(padding, strides.Length), format, dilations, "input", "filters", fastPaths);
        (y * upstream).Sum().Backward();
        return (y.Detach(), xLeaf.Grad()!, filterLeaf.Grad()!);
    }
}

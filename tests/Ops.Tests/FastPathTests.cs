// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Ops.Tests;

/// <summary>
/// Every fast path of the transposed convolution against libtorch's own kernel on the same inputs: the output and
/// both gradients (input and filters), in float64 so that only the order of summation can differ.
/// </summary>
public sealed class FastPathTests
{
    public static TheoryData<string, long[], long[], int[], string, string, long[]> NonOverlappingCases => new()
    {
        // label, input shape, filter shape, strides, padding, data format, output spatial sizes.
        { "DCGAN first layer: 1x1 -> 4x4, k4 s1 VALID, NHWC", [3, 1, 1, 5], [4, 4, 6, 5], [1, 1], "VALID", "NHWC", [4, 4] },
        { "1x1, k3 s2 VALID, output 4 (zero fill at the end), NCHW", [2, 5, 1, 1], [3, 3, 4, 5], [2, 2], "VALID", "NCHW", [4, 4] },
        { "1x1, k4 s2 SAME, output 2 (crop), NHWC", [2, 1, 1, 3], [4, 4, 2, 3], [2, 2], "SAME", "NHWC", [2, 2] },
        { "1x1, k5 s4 SAME, output 3 (crop both ends), NHWC", [2, 1, 1, 3], [5, 5, 2, 3], [4, 4], "SAME", "NHWC", [3, 3] },
        { "U-Net k2 s2 VALID, NHWC", [2, 3, 4, 5], [2, 2, 6, 5], [2, 2], "VALID", "NHWC", [6, 8] },
        { "U-Net k2 s2 VALID, NCHW", [2, 5, 3, 4], [2, 2, 6, 5], [2, 2], "VALID", "NCHW", [6, 8] },
        { "k2 s3 (zeros between blocks) SAME, NHWC", [2, 3, 3, 4], [2, 2, 3, 4], [3, 3], "SAME", "NHWC", [9, 9] },
        { "k3 s3 VALID, output 11 (zero fill), NCHW", [2, 4, 3, 3], [3, 3, 2, 4], [3, 3], "VALID", "NCHW", [11, 11] },
        { "height 1 with k4 s1, width k2 s2, NHWC", [2, 1, 3, 4], [4, 2, 3, 4], [1, 2], "VALID", "NHWC", [4, 6] },
        { "1-D k25 s4 from length 1, SAME, output 4, NWC", [2, 1, 6], [25, 3, 6], [4], "SAME", "NWC", [4] },
        { "1-D k4 s4 SAME, NWC", [2, 5, 3], [4, 2, 3], [4], "SAME", "NWC", [20] },
        { "3-D k4 s2 from 1x1x1 VALID, output 5, NDHWC", [2, 1, 1, 1, 3], [4, 4, 4, 2, 3], [2, 2, 2], "VALID", "NDHWC", [5, 5, 5] },
        { "3-D k2 s2 VALID, NDHWC", [2, 2, 3, 2, 3], [2, 2, 2, 4, 3], [2, 2, 2], "VALID", "NDHWC", [4, 6, 4] },
        { "3-D k3 s1 from 1x1x1 VALID, NCDHW", [2, 3, 1, 1, 1], [3, 3, 3, 2, 3], [1, 1, 1], "VALID", "NCDHW", [3, 3, 3] },
    };

    [Theory]
    [MemberData(nameof(NonOverlappingCases))]
    public void NonOverlapping_MatchesTheKernel_InOutputAndBothGradients(string label, long[] inputShape, long[] filterShape, int[] strides, string padding, string dataFormat, long[] outputSpatial)
    {
        using var scope = NewDisposeScope();
        var rank = strides.Length;
        var format = DataFormat.Parse(dataFormat, rank, "dataFormat");
        var outputShape = format.Shape(inputShape[0], filterShape[rank], outputSpatial);
        AssertMatchesTheKernel(label, TransposedConvolutionPath.NonOverlapping, inputShape, filterShape, outputShape, strides, padding, format, seed: 9);
    }

    [Fact]
    public void NonOverlapping_ChannelsLastInput_GivesADenseChannelsLastOutput_WithoutACopy()
    {
        using var scope = NewDisposeScope();
        var format = DataFormat.Parse("NHWC", 2, "dataFormat");
        var x = ones([2, 3, 3, 4]);
        var filters = ones([2, 2, 5, 4]);

        var y = TransposedConvolution.Compute(x, filters, [2, 6, 6, 5], [2, 2], Padding.Parse("VALID", 2), format, null, "input", "filters", TransposedConvolutionPath.NonOverlapping);

        Assert.True(y.is_contiguous());
        Assert.Equal(Enumerable.Repeat(4.0, 2 * 6 * 6 * 5), TensorAssert.Values(y)); // every output sums 4 input channels once
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
        using var scope = NewDisposeScope();
        var rank = strides.Length;
        var format = DataFormat.Parse(dataFormat, rank, "dataFormat");
        var outputShape = format.Shape(inputShape[0], filterShape[rank], Enumerable.Repeat(outputSize, rank).ToArray());
        Assert.True(GemmFoldTransposedConvolution.Applies(format.Spatial(inputShape), 1), label);
        AssertMatchesTheKernel(label, TransposedConvolutionPath.GemmFold, inputShape, filterShape, outputShape, strides, padding, format, seed: 10, dilations);
    }

    public static TheoryData<string, long[], long[], int[], int[], string, string, long> KernelCases => new()
    {
        // label, input shape, filter shape, strides, dilations, padding, data format, output spatial size.
        { "DCGAN 8x8 -> 16x16, k4 s2 SAME, NHWC", [2, 8, 8, 5], [4, 4, 6, 5], [2, 2], [1, 1], "SAME", "NHWC", 16 },
        { "U-Net k2 s2 VALID, NCHW", [2, 4, 5, 5], [2, 2, 3, 4], [2, 2], [1, 1], "VALID", "NCHW", 10 },
        { "k3 s1 SAME, NHWC", [2, 6, 6, 3], [3, 3, 4, 3], [1, 1], [1, 1], "SAME", "NHWC", 6 },
        { "k5 s3 SAME, output 7 (uneven crop), NHWC", [2, 3, 3, 2], [5, 5, 3, 2], [3, 3], [1, 1], "SAME", "NHWC", 7 },
        { "k3 s2 VALID, output 8 (zero fill), NHWC", [2, 3, 3, 5], [3, 3, 4, 5], [2, 2], [1, 1], "VALID", "NHWC", 8 },
        { "k3 s1 dilation 2 VALID, NHWC", [2, 4, 4, 3], [3, 3, 2, 3], [1, 1], [2, 2], "VALID", "NHWC", 8 },
        { "1-D k25 s4 SAME, NWC", [2, 20, 4], [25, 3, 4], [4], [1], "SAME", "NWC", 80 },
        { "3-D k4 s2 SAME, NDHWC", [2, 3, 3, 3, 4], [4, 4, 4, 2, 4], [2, 2, 2], [1, 1, 1], "SAME", "NDHWC", 6 },
        { "3-D k3 s1 VALID, NCDHW", [2, 3, 2, 3, 2], [3, 3, 3, 2, 3], [1, 1, 1], [1, 1, 1], "VALID", "NCDHW", 4 },
    };

    /// <summary>
    /// libtorch's kernel, the path every shape can take, against the definition TensorFlow's op is built on: the
    /// input-gradient of the matching forward convolution (<c>Conv2DBackpropInput</c>), taken here by autograd through
    /// <see cref="Nn.Convolution(Tensor, Tensor, int[], string, string, int[])"/> with TensorFlow's padding, and
    /// differentiated once more for both gradients. The cases are those the retired Adjoint path was compared on.
    /// </summary>
    [Theory]
    [MemberData(nameof(KernelCases))]
    public void TheKernel_EqualsTheMatchingConvolutionsInputGradient_InOutputAndBothGradients(string label, long[] inputShape, long[] filterShape, int[] strides, int[] dilations, string padding, string dataFormat, long outputSize)
    {
        using var scope = NewDisposeScope();
        var rank = strides.Length;
        var format = DataFormat.Parse(dataFormat, rank, "dataFormat");
        var outputSpatial = Enumerable.Repeat(outputSize, rank).ToArray();
        if (label.StartsWith("3-D k3", StringComparison.Ordinal))
        {
            outputSpatial = format.Spatial(inputShape).Select(size => size + 2).ToArray();
        }

        var outputShape = format.Shape(inputShape[0], filterShape[rank], outputSpatial);
        using var generator = new Generator(11);
        var x = randn(inputShape, ScalarType.Float64, generator: generator);
        var filters = randn(filterShape, ScalarType.Float64, generator: generator);
        var upstream = randn(outputShape, ScalarType.Float64, generator: generator);

        var (kernel, kernelGradX, kernelGradF) = Run(x, filters, upstream, outputShape, strides, padding, format, TransposedConvolutionPath.LibtorchKernel, dilations);

        var xLeaf = x.detach().requires_grad_();
        var filterLeaf = filters.detach().requires_grad_();
        var probe = zeros(outputShape, ScalarType.Float64).requires_grad_();
        var forward = Nn.Convolution(probe, filterLeaf, strides, padding, dataFormat, dilations);
        var adjoint = autograd.grad([forward], [probe], [xLeaf], create_graph: true)[0];
        (adjoint * upstream).sum().backward();

        Assert.Equal(kernel.shape, adjoint.shape);
        Assert.True(adjoint.allclose(kernel, 1e-12, 1e-12), $"{label}: outputs differ");
        Assert.True(xLeaf.grad!.allclose(kernelGradX, 1e-12, 1e-12), $"{label}: input gradients differ");
        Assert.True(filterLeaf.grad!.allclose(kernelGradF, 1e-12, 1e-12), $"{label}: filter gradients differ");
    }

    /// <summary>
    /// libtorch's kernel in float32 (which libtorch 2.10 runs on oneDNN) against the same inputs in float64, channels
    /// last and channels first: the output is dense in its data format, and it and both gradients agree to float32's
    /// rounding.
    /// </summary>
    [Fact]
    public void TheKernel_InFloat32_MatchesFloat64_InBothMemoryFormats()
    {
        using var scope = NewDisposeScope();
        foreach (var dataFormat in new[] { "NHWC", "NCHW" })
        {
            var format = DataFormat.Parse(dataFormat, 2, "dataFormat");
            using var generator = new Generator(12);
            var x = randn(format.Shape(4, 16, [8, 8]), generator: generator);
            var filters = randn([4, 4, 8, 16], generator: generator);
            var upstream = randn(format.Shape(4, 8, [16, 16]), generator: generator);
            var outputShape = format.Shape(4, 8, [16, 16]);

            var (single, singleGradX, singleGradF) = Run(x, filters, upstream, outputShape, [2, 2], "SAME", format, TransposedConvolutionPath.LibtorchKernel);
            var (exact, exactGradX, exactGradF) = Run(x.to(ScalarType.Float64), filters.to(ScalarType.Float64), upstream.to(ScalarType.Float64), outputShape, [2, 2], "SAME", format, TransposedConvolutionPath.LibtorchKernel);

            Assert.Equal(ScalarType.Float32, single.dtype);
            Assert.True(single.is_contiguous(), $"{dataFormat}: strides {Tuples.Format(single.stride())} for shape {Tuples.Format(single.shape)}");
            Assert.True(single.to(ScalarType.Float64).allclose(exact, 1e-4, 1e-4), $"{dataFormat}: outputs differ");
            Assert.True(singleGradX.to(ScalarType.Float64).allclose(exactGradX, 1e-4, 1e-4), $"{dataFormat}: input gradients differ");
            Assert.True(singleGradF.to(ScalarType.Float64).allclose(exactGradF, 1e-3, 1e-3), $"{dataFormat}: filter gradients differ");
        }
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
    public void NonOverlapping_AppliesWhereNoTwoWindowsMeet_WithoutDilationOrGroups()
    {
        Assert.True(NonOverlappingTransposedConvolution.Applies([1, 1], [4, 4], [1, 1], [1, 1], 1));
        Assert.True(NonOverlappingTransposedConvolution.Applies([8, 8], [2, 2], [2, 2], [1, 1], 1));
        Assert.True(NonOverlappingTransposedConvolution.Applies([1, 8], [4, 2], [1, 3], [1, 1], 1));
        Assert.False(NonOverlappingTransposedConvolution.Applies([1, 2], [4, 4], [1, 1], [1, 1], 1));
        Assert.False(NonOverlappingTransposedConvolution.Applies([8, 8], [4, 4], [2, 2], [1, 1], 1));
        Assert.False(NonOverlappingTransposedConvolution.Applies([1, 1], [4, 4], [1, 1], [2, 1], 1));
        Assert.False(NonOverlappingTransposedConvolution.Applies([1, 1], [4, 4], [1, 1], [1, 1], 2));
    }

    [Theory]
    [InlineData(TransposedConvolutionPath.NonOverlapping, 1L)]
    [InlineData(TransposedConvolutionPath.LibtorchKernel, 1L)]
    [InlineData(TransposedConvolutionPath.GemmFold, 3L)]
    [InlineData(TransposedConvolutionPath.LibtorchKernel, 3L)]
    public void ALayersBias_AddedInThePass_EqualsAddingItAfter_WithItsGradient(TransposedConvolutionPath path, long inputSize)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(2);
        var format = DataFormat.Parse("NHWC", 2, "dataFormat");
        var x = randn([2, inputSize, inputSize, 3], ScalarType.Float64, generator: generator);
        var filters = randn([4, 4, 5, 3], ScalarType.Float64, generator: generator);
        var bias = randn([5], ScalarType.Float64, generator: generator).requires_grad_();
        long[] outputShape = [2, 2 * inputSize, 2 * inputSize, 5];

        var fused = TransposedConvolution.Compute(x, filters, outputShape, [2, 2], Padding.Parse("SAME", 2), format, null, "input", "filters", path, bias);
        var separate = TransposedConvolution.Compute(x, filters, outputShape, [2, 2], Padding.Parse("SAME", 2), format, null, "input", "filters", path) + bias.detach();
        fused.sum().backward();

        Assert.True(fused.allclose(separate, 1e-12, 1e-12));
        Assert.Equal(Enumerable.Repeat(2.0 * 4 * inputSize * inputSize, 5), TensorAssert.Values(bias.grad!)); // each channel appears N·H·W times
    }

    /// <summary>Runs one path and libtorch's kernel on the same float64 inputs and compares the output and both gradients.</summary>
    private static void AssertMatchesTheKernel(
        string label, TransposedConvolutionPath path, long[] inputShape, long[] filterShape, long[] outputShape, int[] strides, string padding, DataFormat format, ulong seed, int[]? dilations = null)
    {
        using var generator = new Generator(seed);
        var x = randn(inputShape, ScalarType.Float64, generator: generator);
        var filters = randn(filterShape, ScalarType.Float64, generator: generator);
        var upstream = randn(outputShape, ScalarType.Float64, generator: generator);

        var (fast, fastGradX, fastGradF) = Run(x, filters, upstream, outputShape, strides, padding, format, path, dilations);
        var (kernel, kernelGradX, kernelGradF) = Run(x, filters, upstream, outputShape, strides, padding, format, TransposedConvolutionPath.LibtorchKernel, dilations);

        Assert.Equal(kernel.shape, fast.shape);
        Assert.True(fast.allclose(kernel, 1e-12, 1e-12), $"{label}: outputs differ");
        Assert.True(fastGradX.allclose(kernelGradX, 1e-12, 1e-12), $"{label}: input gradients differ");
        Assert.True(fastGradF.allclose(kernelGradF, 1e-12, 1e-12), $"{label}: filter gradients differ");
    }

    private static (Tensor Output, Tensor InputGradient, Tensor FilterGradient) Run(
        Tensor x, Tensor filters, Tensor upstream, long[] outputShape, int[] strides, string padding, DataFormat format, TransposedConvolutionPath path, int[]? dilations = null)
    {
        var xLeaf = x.detach().requires_grad_();
        var filterLeaf = filters.detach().requires_grad_();
        var y = TransposedConvolution.Compute(xLeaf, filterLeaf, outputShape, strides, Padding.Parse(padding, strides.Length), format, dilations, "input", "filters", path);
        (y * upstream).sum().backward();
        return (y.detach(), xLeaf.grad!, filterLeaf.grad!);
    }
}

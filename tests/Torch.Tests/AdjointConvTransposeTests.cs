// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using LayersFramework.Torch.Tests.Support;

namespace LayersFramework.Torch.Tests;

/// <summary>
/// Functional.ConvTransposeAdjoint (the transposed convolution as the matching convolution's data-gradient) against
/// libtorch's own conv_transpose kernel: output, both gradients and the second derivative, and its argument checks.
/// </summary>
public sealed class AdjointConvTransposeTests
{
    public static TheoryData<string, long[], long[], long[], long[], long[], long, long[], bool> Cases => new()
    {
        // label, input (N, Cin, spatial…), weight (Cin, Cout/groups, k…), stride, padding, output padding, groups, dilation, channels-last.
        { "2-D k4 s2 p1 (a DCGAN layer)", [3, 5, 4, 4], [5, 6, 4, 4], [2, 2], [1, 1], [0, 0], 1, [1, 1], false },
        { "2-D k4 s2 p1, channels-last", [3, 5, 4, 4], [5, 6, 4, 4], [2, 2], [1, 1], [0, 0], 1, [1, 1], true },
        { "2-D k2 s2 (U-Net), channels-last", [2, 4, 5, 5], [4, 3, 2, 2], [2, 2], [0, 0], [0, 0], 1, [1, 1], true },
        { "2-D k3 s2 p1, output padding 1, uneven sizes", [2, 3, 4, 6], [3, 2, 3, 3], [2, 2], [1, 1], [1, 1], 1, [1, 1], false },
        { "2-D k3 dilation 2, stride (1, 2)", [2, 3, 5, 4], [3, 2, 3, 3], [1, 2], [0, 1], [0, 0], 1, [2, 2], false },
        { "2-D groups 2", [2, 4, 3, 3], [4, 3, 3, 3], [2, 2], [0, 0], [0, 0], 2, [1, 1], false },
        { "1-D k25 s4 p11 op1", [2, 6, 5], [6, 3, 25], [4], [11], [1], 1, [1], false },
        { "3-D k4 s2 p1", [2, 3, 3, 3, 3], [3, 2, 4, 4, 4], [2, 2, 2], [1, 1, 1], [0, 0, 0], 1, [1, 1, 1], false },
        { "3-D k3 s2, channels-last", [2, 3, 2, 3, 2], [3, 2, 3, 3, 3], [2, 2, 2], [0, 0, 0], [1, 1, 1], 1, [1, 1, 1], true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Adjoint_MatchesTheKernel_InOutputAndBothGradients(string label, long[] inputShape, long[] weightShape, long[] stride, long[] padding, long[] outputPadding, long groups, long[] dilation, bool channelsLast)
    {
        using var scope = new DisposeScope();
        foreach (var dtype in new[] { ScalarType.Float32, ScalarType.Float64 })
        {
            using var generator = new Generator(4);
            var x = Tensor.Randn(inputShape, generator, dtype);
            var w = Tensor.Randn(weightShape, generator, dtype);
            if (channelsLast)
            {
                var format = inputShape.Length == 4 ? MemoryFormat.ChannelsLast : MemoryFormat.ChannelsLast3d;
                x = x.Contiguous(format);
                w = w.Contiguous(format);
            }

            var (adjoint, adjointGradX, adjointGradW) = Run(x, w, (xi, wi) => Functional.ConvTransposeAdjoint(xi, wi, stride, padding, outputPadding, groups, dilation));
            var (kernel, kernelGradX, kernelGradW) = Run(x, w, (xi, wi) => Kernel(xi, wi, stride, padding, outputPadding, groups, dilation));

            // float32 sums in a different order (oneDNN); float64 goes through libtorch's own convolution backward.
            var tolerance = dtype == ScalarType.Float32 ? 1e-4 : 1e-12;
            Assert.Equal(kernel.Shape, adjoint.Shape);
            Assert.True(adjoint.AllClose(kernel, tolerance, tolerance), $"{label} {dtype}: outputs differ");
            Assert.True(adjointGradX.AllClose(kernelGradX, tolerance, tolerance), $"{label} {dtype}: input gradients differ");
            Assert.True(adjointGradW.AllClose(kernelGradW, tolerance, tolerance), $"{label} {dtype}: weight gradients differ");
        }
    }

    [Fact]
    public void Adjoint_GradientsMatchFiniteDifferences()
    {
        using var scope = new DisposeScope();
        using var generator = new Generator(5);
        GradientCheck.AssertGradientsMatch(
            inputs => Functional.ConvTransposeAdjoint(inputs[0], inputs[1], [2, 1], [1, 0], [1, 0]),
            [Tensor.Randn([2, 3, 3, 2], generator, ScalarType.Float64), Tensor.Randn([3, 2, 3, 2], generator, ScalarType.Float64)]);
    }

    [Fact]
    public void Adjoint_SecondDerivative_EqualsTheKernels()
    {
        // A gradient penalty differentiates the input gradient again, with respect to the weight.
        using var scope = new DisposeScope();
        using var generator = new Generator(6);
        var x = Tensor.Randn([2, 3, 3, 3], generator, ScalarType.Float64).WithRequiresGrad();
        var w = Tensor.Randn([3, 2, 4, 4], generator, ScalarType.Float64).WithRequiresGrad();

        Tensor PenaltyGradient(Func<Tensor, Tensor, Tensor> transpose)
        {
            var y = transpose(x, w);
            var gradX = Autograd.Grad([(y * y).Sum()], [x], createGraph: true)[0]!;
            return Autograd.Grad([(gradX * gradX).Sum()], [w])[0]!;
        }

        var adjoint = PenaltyGradient((xi, wi) => Functional.ConvTransposeAdjoint(xi, wi, [2, 2], [1, 1]));
        var kernel = PenaltyGradient((xi, wi) => Functional.ConvTranspose2d(xi, wi, stride: [2, 2], padding: [1, 1]));

        Assert.True(adjoint.AllClose(kernel, 1e-10, 1e-10));
    }

    [Fact]
    public void Adjoint_RefusesBadArguments_NamingThem()
    {
        using var scope = new DisposeScope();
        var x = Tensor.Ones([1, 2, 3, 3]);
        var w = Tensor.Ones([2, 2, 3, 3]);

        ArgumentAssert.Throws<ArgumentException>(() => Functional.ConvTransposeAdjoint(Tensor.Ones([2, 3]), w), "input", "(2, 3)");
        ArgumentAssert.Throws<ArgumentException>(() => Functional.ConvTransposeAdjoint(x, w, stride: [1, 2, 3]), "stride", "1 value or 2", "(1, 2, 3)");
        ArgumentAssert.Throws<ArgumentException>(() => Functional.ConvTransposeAdjoint(x, w, stride: [2], outputPadding: [2]), "outputPadding", "smaller than the stride");
        Assert.Throws<TorchException>(() => Functional.ConvTransposeAdjoint(x, Tensor.Ones([3, 2, 3, 3])));
    }

    private static (Tensor Output, Tensor InputGradient, Tensor WeightGradient) Run(Tensor x, Tensor w, Func<Tensor, Tensor, Tensor> transpose)
    {
        var xLeaf = x.Detach().WithRequiresGrad();
        var wLeaf = w.Detach().WithRequiresGrad();
        var y = transpose(xLeaf, wLeaf);
        using var generator = new Generator(8);
        var upstream = Tensor.Randn(y.Shape, generator, y.Dtype);
        (y * upstream).Sum().Backward();
        return (y.Detach(), xLeaf.Grad()!, wLeaf.Grad()!);
    }

    private static Tensor Kernel(Tensor x, Tensor w, long[] stride, long[] padding, long[] outputPadding, long groups, long[] dilation) => (x.Rank - 2) switch
    {
        1 => Functional.ConvTranspose1d(x, w, null, stride, padding, outputPadding, groups, dilation),
        2 => Functional.ConvTranspose2d(x, w, null, stride, padding, outputPadding, groups, dilation),
        _ => Functional.ConvTranspose3d(x, w, null, stride, padding, outputPadding, groups, dilation),
    };
}

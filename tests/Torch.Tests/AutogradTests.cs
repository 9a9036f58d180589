// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Torch.Tests.Support;

namespace LayersFramework.Torch.Tests;

/// <summary>The autograd surface: requires-grad, leaves, backward, gradients, grad mode and <see cref="Autograd.Grad"/>.</summary>
public sealed class AutogradTests
{
    private static readonly double[] Values = [0.5, -1.5, 2.0, 3.0];

    [Fact]
    public void RequiresGrad_DefaultsToFalse_AndCanBeSetAndCleared()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Values, 2, 2);
        Assert.False(x.RequiresGrad);

        x.RequiresGrad = true;
        Assert.True(x.RequiresGrad);

        x.RequiresGrad = false;
        Assert.False(x.RequiresGrad);
        Assert.Same(x, x.WithRequiresGrad());
        Assert.True(x.RequiresGrad);
    }

    [Fact]
    public void RequiresGrad_OnIntegerTensor_ThrowsTorchException()
    {
        using var scope = new DisposeScope();
        var indices = Tensor.FromArray(new long[] { 1, 2 }, 2);

        Assert.Throws<TorchException>(() => indices.RequiresGrad = true);
    }

    [Fact]
    public void IsLeaf_TrueForCreatedTensors_FalseForRecordedResults()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Values, 4).WithRequiresGrad();
        var constant = Tensor.FromArray(Values, 4);

        Assert.True(x.IsLeaf);
        Assert.False((x * 2).IsLeaf);
        Assert.True((constant * 2).IsLeaf); // nothing recorded: a tensor that does not require grad is a leaf
        Assert.True((x * 2).Detach().IsLeaf);
    }

    [Fact]
    public void Grad_IsNullBeforeBackward()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Values, 4).WithRequiresGrad();

        Assert.Null(x.Grad());
    }

    [Fact]
    public void Backward_OnScalar_AccumulatesIntoGrad()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Values, 4).WithRequiresGrad();

        (x * x).Sum().Backward();
        TensorAssert.Close([1, -3, 4, 6], [4], x.Grad()!);

        (x * x).Sum().Backward();
        TensorAssert.Close([2, -6, 8, 12], [4], x.Grad()!);
    }

    [Fact]
    public void Backward_WithGradient_OnNonScalar_GivesVectorJacobianProduct()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Values, 2, 2).WithRequiresGrad();
        var gradient = Tensor.FromArray(new double[] { 1, 10, 100, 1000 }, 2, 2);

        (x * x).Backward(gradient);

        TensorAssert.Close([1, -30, 400, 6000], [2, 2], x.Grad()!);
    }

    [Fact]
    public void Backward_WithoutGradient_OnNonScalar_ThrowsTorchException()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Values, 4).WithRequiresGrad();

        Assert.Throws<TorchException>(() => (x * x).Backward());
    }

    [Fact]
    public void ZeroGrad_ClearsGrad_SoTheNextBackwardStartsFromNothing()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Values, 4).WithRequiresGrad();
        (x * 3).Sum().Backward();
        Assert.NotNull(x.Grad());

        x.ZeroGrad();
        Assert.Null(x.Grad());

        (x * 5).Sum().Backward();
        TensorAssert.Close([5, 5, 5, 5], [4], x.Grad()!);
    }

    [Fact]
    public void SetGrad_ReplacesGrad_AndBackwardAccumulatesOntoIt()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Values, 4).WithRequiresGrad();

        x.SetGrad(Tensor.FromArray(new double[] { 1, 2, 3, 4 }, 4));
        TensorAssert.Close([1, 2, 3, 4], [4], x.Grad()!);

        (x * 10).Sum().Backward();
        TensorAssert.Close([11, 12, 13, 14], [4], x.Grad()!);

        x.SetGrad(null);
        Assert.Null(x.Grad());
    }

    [Fact]
    public void RetainGrad_KeepsTheGradientOfANonLeaf()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Values, 4).WithRequiresGrad();
        var hidden = x * 2;
        var notRetained = x * 3;
        hidden.RetainGrad();

        ((hidden * hidden).Sum() + notRetained.Sum()).Backward();

        TensorAssert.Close([2, -6, 8, 12], [4], hidden.Grad()!); // ∂(h²)/∂h = 2h = 4x
        Assert.Null(notRetained.Grad());
        TensorAssert.Close([7, -9, 19, 27], [4], x.Grad()!); // 8x + 3
    }

    [Fact]
    public void Detach_CutsTheGraph()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Values, 4).WithRequiresGrad();
        var squared = x * x;
        var detached = squared.Detach();

        Assert.False(detached.RequiresGrad);
        Assert.Equal(string.Empty, detached.GradFunctionName);
        TensorAssert.Close(squared.Detach().ToArray<double>(), detached.ToArray<double>(), rtol: 0, atol: 0);

        // Through the detached factor nothing flows back: ∂(x·stop(x²))/∂x = x², not 3x².
        (x * detached).Sum().Backward();
        TensorAssert.Close([0.25, 2.25, 4, 9], [4], x.Grad()!);
    }

    [Fact]
    public void GradFunctionName_NamesTheBackwardNode_AndIsEmptyForLeaves()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Values, 4).WithRequiresGrad();

        Assert.Equal(string.Empty, x.GradFunctionName);
        Assert.Contains("Backward", (x * 2).GradFunctionName, StringComparison.Ordinal);
        Assert.Contains("Mul", (x * 2).GradFunctionName, StringComparison.Ordinal);
        Assert.Contains("Sum", x.Sum().GradFunctionName, StringComparison.Ordinal);
    }

    [Fact]
    public void NoGrad_StopsRecording_AndRestoresGradModeWhenDisposed()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Values, 4).WithRequiresGrad();
        Assert.True(Autograd.IsGradEnabled);

        using (Autograd.NoGrad())
        {
            Assert.False(Autograd.IsGradEnabled);
            var y = x * 2;
            Assert.False(y.RequiresGrad);
            Assert.Equal(string.Empty, y.GradFunctionName);

            using (Autograd.EnableGrad())
            {
                Assert.True(Autograd.IsGradEnabled);
                Assert.True((x * 2).RequiresGrad);
            }

            Assert.False(Autograd.IsGradEnabled);
            using (Autograd.NoGrad())
            {
                Assert.False(Autograd.IsGradEnabled);
            }

            Assert.False(Autograd.IsGradEnabled);
        }

        Assert.True(Autograd.IsGradEnabled);
        Assert.True((x * 2).RequiresGrad);
    }

    [Fact]
    public void Grad_WithCreateGraph_GivesSecondDerivative()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Values, 4).WithRequiresGrad();
        var y = x.Pow(3).Sum();

        var first = Autograd.Grad([y], [x], createGraph: true)[0]!;
        TensorAssert.Close([0.75, 6.75, 12, 27], [4], first); // 3x²
        Assert.True(first.RequiresGrad);

        var second = Autograd.Grad([first.Sum()], [x])[0]!;
        TensorAssert.Close([3, -9, 12, 18], [4], second); // 6x
        Assert.Null(x.Grad()); // Autograd.Grad leaves .grad alone
    }

    [Fact]
    public void Grad_WithGradOutputs_GivesVectorJacobianProducts()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Values, 4).WithRequiresGrad();
        var weights = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, 4);

        var gradients = Autograd.Grad([x * x, x.Sum()], [x], [weights, null]);

        TensorAssert.Close([2, -5, 13, 25], [4], gradients[0]!); // 2x·w + 1
    }

    [Fact]
    public void Grad_GradientPenalty_MatchesFiniteDifferencesWithRespectToWeights()
    {
        // penalty = mean over samples of (‖∂D/∂x‖ − 1)², D(x) = Σ tanh(x·W1 + b1)·w2 (a WGAN-GP critic).
        using var scope = new DisposeScope();
        using var generator = new Generator(99);
        var samples = Tensor.Randn([3, 2], generator, ScalarType.Float64);
        var w1 = Tensor.Randn([2, 4], generator, ScalarType.Float64);
        var b1 = Tensor.Randn([4], generator, ScalarType.Float64);
        var w2 = Tensor.Randn([4, 1], generator, ScalarType.Float64);

        GradientCheck.AssertGradientsMatch(
            weights =>
            {
                var x = samples.Detach().Clone().WithRequiresGrad();
                var critic = Functional.Tanh(x.Matmul(weights[0]) + weights[1]).Matmul(weights[2]).Sum();
                var gradient = Autograd.Grad([critic], [x], createGraph: true)[0]!;
                return (gradient.Norm(2, [1]) - 1).Square().Mean();
            },
            [w1, b1, w2]);
    }

    [Fact]
    public void Grad_AllowUnused_GivesNullForAnUnusedInput()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Values, 4).WithRequiresGrad();
        var unused = Tensor.FromArray(Values, 4).WithRequiresGrad();
        var y = (x * x).Sum();

        var gradients = Autograd.Grad([y], [x, unused], allowUnused: true);

        Assert.Equal(2, gradients.Length);
        TensorAssert.Close([1, -3, 4, 6], [4], gradients[0]!);
        Assert.Null(gradients[1]);
    }

    [Fact]
    public void Grad_UnusedInputWithoutAllowUnused_ThrowsTorchException()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Values, 4).WithRequiresGrad();
        var unused = Tensor.FromArray(Values, 4).WithRequiresGrad();
        var y = (x * x).Sum();

        Assert.Throws<TorchException>(() => Autograd.Grad([y], [x, unused]));
    }

    [Fact]
    public void Grad_GradOutputsCountMismatch_ThrowsArgumentException()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Values, 4).WithRequiresGrad();
        var y = x * x;
        var ones = Tensor.OnesLike(y);

        var error = Assert.Throws<ArgumentException>(() => Autograd.Grad([y], [x], [ones, ones]));

        Assert.Equal("gradOutputs", error.ParamName);
    }

    [Fact]
    public void Backward_Twice_ThrowsWithoutRetainGraph_AndWorksWithIt()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Values, 4).WithRequiresGrad();

        var retained = (x * x).Sum();
        retained.Backward(null, retainGraph: true);
        retained.Backward();
        TensorAssert.Close([2, -6, 8, 12], [4], x.Grad()!);

        var freed = (x * x).Sum();
        freed.Backward();
        Assert.Throws<TorchException>(() => freed.Backward());
    }

    [Fact]
    public void Grad_Twice_ThrowsWithoutRetainGraph()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Values, 4).WithRequiresGrad();
        var y = x.Exp().Sum();

        Autograd.Grad([y], [x]);

        Assert.Throws<TorchException>(() => Autograd.Grad([y], [x]));
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Torch.Tests;

/// <summary>Training-style loops inside dispose scopes free every temporary: the live-tensor count returns to its baseline.</summary>
public sealed class LeakTests
{
    [Fact]
    public void TenThousandForwardBackwardSteps_InScopes_LeaveTheLiveCountUnchanged()
    {
        using var generator = new Generator(seed: 3);
        using var weight = Tensor.Normal([4, 2, 3, 3], 0, 0.1, generator).WithRequiresGrad();
        using var input = Tensor.Randn([2, 4, 3, 3], generator);
        var baseline = Tensor.LiveCount;

        for (var step = 0; step < 10_000; step++)
        {
            using var scope = new DisposeScope();
            var output = Functional.ConvTranspose2d(input, weight, stride: [2, 2], padding: [1, 1]);
            var loss = Functional.Relu(output).Square().Mean();
            loss.Backward();
            using (Autograd.NoGrad())
            {
                var gradient = weight.Grad()!;
                weight.AddInPlace(gradient, -1e-3);
            }

            weight.ZeroGrad();
        }

        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void ResultsMovedOut_OfAScope_SurviveIt_AndAreCountedUntilDisposed()
    {
        var baseline = Tensor.LiveCount;
        Tensor kept;
        using (var scope = new DisposeScope())
        {
            using var a = Tensor.Ones([3]);
            var temporary = a + 1;
            kept = scope.Detach(temporary * 2);
        }

        Assert.Equal(baseline + 1, Tensor.LiveCount);
        Assert.Equal(new float[] { 4, 4, 4 }, kept.ToArray<float>());
        kept.Dispose();
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void GradientPenaltySteps_WithCreateGraph_DoNotLeak()
    {
        using var generator = new Generator(seed: 4);
        using var weight = Tensor.Randn([3, 3], generator, ScalarType.Float64).WithRequiresGrad();
        var baseline = Tensor.LiveCount;

        for (var step = 0; step < 500; step++)
        {
            using var scope = new DisposeScope();
            var x = Tensor.Randn([5, 3], generator, ScalarType.Float64).WithRequiresGrad();
            var score = Functional.Tanh(x.Matmul(weight)).Sum();
            var inputGradient = Autograd.Grad([score], [x], createGraph: true)[0]!;
            var penalty = (inputGradient.Norm() - 1).Square();
            penalty.Backward();
            weight.ZeroGrad();
        }

        Assert.Equal(baseline, Tensor.LiveCount);
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Engine.Tests;

/// <summary>Training-style loops inside dispose scopes free every temporary: the live-tensor count returns to its baseline.</summary>
public sealed class LeakTests
{
    [Fact]
    public void TenThousandForwardBackwardSteps_InScopes_LeaveTheLiveCountUnchanged()
    {
        using var generator = new torch.Generator(3);
        using var weight = normal(0, 0.1, [4, 2, 3, 3], generator: generator).requires_grad_();
        using var input = randn([2, 4, 3, 3], generator: generator);
        var baseline = LiveTensors.Count;

        for (var step = 0; step < 10_000; step++)
        {
            using var scope = NewDisposeScope();
            var output = nn.functional.conv_transpose2d(input, weight, strides: [2, 2], padding: [1, 1]);
            var loss = nn.functional.relu(output).square().mean();
            loss.backward();
            using (no_grad())
            {
                weight.add_(weight.grad!, alpha: -1e-3);
            }

            weight.grad!.zero_();
        }

        Assert.Equal(baseline, LiveTensors.Count);
    }

    [Fact]
    public void ResultsMovedOut_OfAScope_SurviveIt_AndAreCountedUntilDisposed()
    {
        var baseline = LiveTensors.Count;
        Tensor kept;
        using (var scope = NewDisposeScope())
        {
            using var a = ones(3);
            var temporary = a + 1;
            kept = scope.Detach(temporary * 2);
        }

        Assert.Equal(baseline + 1, LiveTensors.Count);
        Assert.Equal(new float[] { 4, 4, 4 }, kept.data<float>().ToArray());
        kept.Dispose();
        Assert.Equal(baseline, LiveTensors.Count);
    }

    [Fact]
    public void GradientPenaltySteps_WithCreateGraph_DoNotLeak()
    {
        using var generator = new torch.Generator(4);
        using var weight = randn([3, 3], float64, generator: generator).requires_grad_();
        var baseline = LiveTensors.Count;

        for (var step = 0; step < 500; step++)
        {
            using var scope = NewDisposeScope();
            var x = randn([5, 3], float64, generator: generator).requires_grad_();
            var score = x.matmul(weight).tanh().sum();
            // PyTorch's retain_graph defaults to create_graph; TorchSharp's defaults to false, so it is given.
            var inputGradient = autograd.grad([score], [x], retain_graph: true, create_graph: true)[0];
            var penalty = (inputGradient.norm() - 1).square();
            penalty.backward();
            weight.grad!.zero_();
        }

        Assert.Equal(baseline, LiveTensors.Count);
    }
}

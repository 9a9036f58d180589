// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Activations.Tests;

/// <summary>Activations free every temporary they create: after Apply and Dispose the live-tensor count is back to its baseline.</summary>
public sealed class LeakTests
{
    [Theory]
    [MemberData(nameof(ActivationCatalog.Labels), MemberType = typeof(ActivationCatalog))]
    public void ApplyThenDispose_LeavesTheLiveCountUnchanged(string label)
    {
        var activation = ActivationCatalog.Find(label).Create();
        using var x = tensor(new double[] { -2, -0.7, 0, 0.3, 1, 1.5, 3, 7 }, [2, 4]);
        using var warmUp = activation.Apply(x);
        var baseline = LiveTensors.Count;

        for (var i = 0; i < 10; i++)
        {
            var y = activation.Apply(x);
            Assert.Equal(baseline + 1, LiveTensors.Count);
            y.Dispose();
        }

        Assert.Equal(baseline, LiveTensors.Count);
    }

    [Theory]
    [MemberData(nameof(ActivationCatalog.Labels), MemberType = typeof(ActivationCatalog))]
    public void ForwardAndBackward_InAScope_LeaveTheLiveCountUnchanged(string label)
    {
        var activation = ActivationCatalog.Find(label).Create();
        using var x = tensor(new double[] { -2, -0.7, 0.1, 0.3, 1.2, 1.5, 3, 7 }, [2, 4]).requires_grad_();
        var baseline = LiveTensors.Count;

        for (var i = 0; i < 10; i++)
        {
            using var scope = NewDisposeScope();
            var loss = activation.Apply(x).sum();
            loss.backward();
            x.grad = null;
        }

        Assert.Equal(baseline, LiveTensors.Count);
    }

    [Fact]
    public void TheResult_BelongsToTheCallersScope()
    {
        using var x = ones(3);
        var baseline = LiveTensors.Count;
        Tensor y;
        using (var scope = NewDisposeScope())
        {
            y = new Celu().Apply(x);
            Assert.True(scope.Contains(y));
            Assert.Equal(1, scope.DisposablesCount);
        }

        Assert.True(y.IsInvalid);
        Assert.Equal(baseline, LiveTensors.Count);
    }

    [Fact]
    public void FailedApply_LeavesTheLiveCountUnchanged()
    {
        using var x = zeros(2, 3);
        var baseline = LiveTensors.Count;

        Assert.Throws<ArgumentException>(() => new Glu().Apply(x));
        Assert.Throws<ArgumentException>(() => new Sparsemax(5).Apply(x));

        Assert.Equal(baseline, LiveTensors.Count);
    }
}

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
        using var x = Tensor.FromArray(new double[] { -2, -0.7, 0, 0.3, 1, 1.5, 3, 7 }, 2, 4);
        using var warmUp = activation.Apply(x);
        var baseline = Tensor.LiveCount;

        for (var i = 0; i < 10; i++)
        {
            var y = activation.Apply(x);
            Assert.Equal(baseline + 1, Tensor.LiveCount);
            y.Dispose();
        }

        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Theory]
    [MemberData(nameof(ActivationCatalog.Labels), MemberType = typeof(ActivationCatalog))]
    public void ForwardAndBackward_InAScope_LeaveTheLiveCountUnchanged(string label)
    {
        var activation = ActivationCatalog.Find(label).Create();
        using var x = Tensor.FromArray(new double[] { -2, -0.7, 0.1, 0.3, 1.2, 1.5, 3, 7 }, 2, 4).WithRequiresGrad();
        var baseline = Tensor.LiveCount;

        for (var i = 0; i < 10; i++)
        {
            using var scope = new DisposeScope();
            var loss = activation.Apply(x).Sum();
            loss.Backward();
            x.ZeroGrad();
        }

        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void TheResult_BelongsToTheCallersScope()
    {
        using var x = Tensor.Ones([3]);
        var baseline = Tensor.LiveCount;
        Tensor y;
        using (var scope = new DisposeScope())
        {
            y = new Celu().Apply(x);
            Assert.Same(scope, y.OwningScope);
        }

        Assert.True(y.IsDisposed);
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void FailedApply_LeavesTheLiveCountUnchanged()
    {
        using var x = Tensor.Zeros([2, 3]);
        var baseline = Tensor.LiveCount;

        Assert.Throws<ArgumentException>(() => new Glu().Apply(x));
        Assert.Throws<ArgumentException>(() => new Sparsemax(5).Apply(x));

        Assert.Equal(baseline, Tensor.LiveCount);
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Engine.Tests;

/// <summary>
/// The dispose-scope rules the framework's ownership rule rests on ("a call runs in a scope and moves only its result
/// out; weights leave every scope when created"), checked on TorchSharp's scopes.
/// </summary>
public sealed class DisposeScopeTests
{
    [Fact]
    public void Dispose_FreesEveryTensorCreatedInside()
    {
        Tensor a, b;
        using (var scope = NewDisposeScope())
        {
            a = ones(2);
            b = a * 3;
            Assert.Equal(2, scope.DisposablesCount);
            Assert.True(scope.Contains(a));
        }

        Assert.True(a.IsInvalid);
        Assert.True(b.IsInvalid);
    }

    [Fact]
    public void TensorsCreatedBeforeTheScope_AreNotTouched()
    {
        using var outside = ones(2);
        using (var scope = NewDisposeScope())
        {
            _ = outside + 1;
            Assert.False(scope.Contains(outside));
        }

        Assert.False(outside.IsInvalid);
    }

    [Fact]
    public void MoveToOuter_HandsTheTensorToTheEnclosingScope()
    {
        var outer = NewDisposeScope();
        Tensor result;
        using (var inner = NewDisposeScope())
        {
            result = inner.MoveToOuter(ones(2) * 5);
            Assert.False(inner.Contains(result));
        }

        Assert.False(result.IsInvalid);
        Assert.True(outer.Contains(result));
        outer.Dispose();
        Assert.True(result.IsInvalid);
    }

    [Fact]
    public void MoveToOuterDisposeScope_WithNoEnclosingScope_LeavesTheTensorUnowned()
    {
        var baseline = LiveTensors.Count;
        Tensor result;
        using (NewDisposeScope())
        {
            result = ones(2).MoveToOuterDisposeScope();
        }

        Assert.False(result.IsInvalid);
        Assert.Equal(baseline + 1, LiveTensors.Count);
        result.Dispose();
        Assert.Equal(baseline, LiveTensors.Count);
    }

    [Fact]
    public void DetachFromDisposeScope_KeepsWeightsAliveThroughNestedScopes()
    {
        Tensor weight;
        using (NewDisposeScope())
        {
            using (NewDisposeScope())
            {
                weight = zeros(3).DetachFromDisposeScope();
            }
        }

        Assert.False(weight.IsInvalid);
        weight.Dispose();
    }

    [Fact]
    public void ScopesAreNestedPerThread()
    {
        using var outer = NewDisposeScope();
        Tensor? madeOnAnotherThread = null;
        using (var inner = NewDisposeScope())
        {
            var here = ones(1);
            Assert.True(inner.Contains(here));
            Assert.False(outer.Contains(here));
            var thread = new Thread(() => madeOnAnotherThread = ones(1));
            thread.Start();
            thread.Join();
            Assert.False(inner.Contains(madeOnAnotherThread!));
        }

        Assert.False(madeOnAnotherThread!.IsInvalid);
        madeOnAnotherThread.Dispose();
        var after = ones(1);
        Assert.True(outer.Contains(after));
    }

    [Fact]
    public void ATensorDisposedByHand_IsForgottenByItsScope()
    {
        using var scope = NewDisposeScope();
        var tensor = ones(1);
        tensor.Dispose();

        Assert.Equal(0, scope.DisposablesCount);
        Assert.False(scope.Contains(tensor));
    }
}

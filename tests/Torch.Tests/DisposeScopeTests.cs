// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Torch.Tests;

public sealed class DisposeScopeTests
{
    [Fact]
    public void Dispose_FreesEveryTensorCreatedInside()
    {
        Tensor a, b;
        using (var scope = new DisposeScope())
        {
            a = Tensor.Ones([2]);
            b = a * 3;
            Assert.Equal(2, scope.Count);
            Assert.Same(scope, a.OwningScope);
        }

        Assert.True(a.IsDisposed);
        Assert.True(b.IsDisposed);
    }

    [Fact]
    public void TensorsCreatedBeforeTheScope_AreNotTouched()
    {
        using var outside = Tensor.Ones([2]);
        using (new DisposeScope())
        {
            _ = outside + 1;
        }

        Assert.False(outside.IsDisposed);
        Assert.Null(outside.OwningScope);
    }

    [Fact]
    public void MoveToOuter_HandsTheTensorToTheEnclosingScope()
    {
        using var outer = new DisposeScope();
        Tensor result;
        using (var inner = new DisposeScope())
        {
            result = inner.MoveToOuter(Tensor.Ones([2]) * 5);
        }

        Assert.False(result.IsDisposed);
        Assert.Same(outer, result.OwningScope);
        outer.Dispose();
        Assert.True(result.IsDisposed);
    }

    [Fact]
    public void MoveToOuterDisposeScope_WithNoEnclosingScope_LeavesTheTensorUnowned()
    {
        Tensor result;
        using (new DisposeScope())
        {
            result = Tensor.Ones([2]).MoveToOuterDisposeScope();
        }

        Assert.False(result.IsDisposed);
        Assert.Null(result.OwningScope);
        result.Dispose();
    }

    [Fact]
    public void DetachFromDisposeScope_KeepsWeightsAliveThroughNestedScopes()
    {
        Tensor weight;
        using (new DisposeScope())
        {
            using (new DisposeScope())
            {
                weight = Tensor.Zeros([3]).DetachFromDisposeScope();
            }
        }

        Assert.False(weight.IsDisposed);
        weight.Dispose();
    }

    [Fact]
    public void DisposingAnOuterScope_AlsoClosesInnerScopesLeftOpen()
    {
        var outer = new DisposeScope();
        var inner = new DisposeScope();
        var tensor = Tensor.Ones([1]);

        outer.Dispose();

        Assert.True(tensor.IsDisposed);
        Assert.Null(DisposeScope.Current);
        inner.Dispose(); // already closed: harmless
    }

    [Fact]
    public void ScopesAreNestedPerThread()
    {
        using var outer = new DisposeScope();
        Assert.Same(outer, DisposeScope.Current);
        using (var inner = new DisposeScope())
        {
            Assert.Same(inner, DisposeScope.Current);
            Assert.Same(outer, inner.Outer);
        }

        Assert.Same(outer, DisposeScope.Current);
        DisposeScope? seenOnOtherThread = outer;
        var thread = new Thread(() => seenOnOtherThread = DisposeScope.Current);
        thread.Start();
        thread.Join();
        Assert.Null(seenOnOtherThread);
    }

    [Fact]
    public void ATensorDisposedByHand_IsForgottenByItsScope()
    {
        using var scope = new DisposeScope();
        var tensor = Tensor.Ones([1]);
        tensor.Dispose();

        Assert.Equal(0, scope.Count);
        Assert.Null(tensor.OwningScope);
    }

    [Fact]
    public void Detach_OfATensorFromAnotherScope_Throws()
    {
        using var scope = new DisposeScope();
        using var unowned = Tensor.Ones([1]).DetachFromDisposeScope();

        var error = Assert.Throws<ArgumentException>(() => scope.Detach(unowned));

        Assert.Equal("tensor", error.ParamName);
    }
}

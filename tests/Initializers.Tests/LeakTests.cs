// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Initializers.Tests.Support;

namespace LayersFramework.Initializers.Tests;

/// <summary>
/// Initialize frees its temporaries and hands over exactly one tensor, owned by the caller: by the caller's
/// innermost dispose scope when one is open, by nobody but the caller otherwise.
/// </summary>
public sealed class LeakTests
{
    public static TheoryData<string> Names => InitializerCases.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void InitializeThenDispose_OutsideAnyScope_LeavesTheLiveCountUnchanged(string name)
    {
        var initializer = InitializerCases.Create(name);
        var baseline = Baseline();

        var result = initializer.Initialize(InitializerCases.ShapeOf(name));

        // TorchSharp keeps a tensor's owning scope internal. In no scope means: not disposed by a scope the call
        // opened, and no scope left open by it (a tensor made now is counted as made outside every scope).
        Assert.False(result.IsInvalid);
        var madeOutside = DisposeScopeManager.Statistics.CreatedOutsideScopeCount;
        using (zeros(1))
        {
            Assert.Equal(madeOutside + 1, DisposeScopeManager.Statistics.CreatedOutsideScopeCount);
        }

        Assert.Equal(baseline + 1, LiveTensors.Count);
        result.Dispose();
        Assert.Equal(baseline, LiveTensors.Count);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Initialize_InsideAScope_GivesTheResultToThatScope(string name)
    {
        var initializer = InitializerCases.Create(name);
        var baseline = Baseline();

        using (var outer = NewDisposeScope())
        {
            var result = initializer.Initialize(InitializerCases.ShapeOf(name));

            Assert.True(outer.Contains(result));
            Assert.Equal(1, outer.DisposablesCount);
            Assert.Equal(baseline + 1, LiveTensors.Count);
        }

        Assert.Equal(baseline, LiveTensors.Count);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Result_IsFresh_AndRequiresNoGrad_EvenWithGradModeOn(string name)
    {
        using var scope = NewDisposeScope();
        using var grad = enable_grad();
        var initializer = InitializerCases.Create(name);
        var shape = InitializerCases.ShapeOf(name);

        var first = initializer.Initialize(shape);
        var second = initializer.Initialize(shape);

        Assert.False(first.requires_grad);
        Assert.True(first.is_leaf);
        Assert.Equal(shape, first.shape);
        var before = TensorAssert.Values(second);
        first.add_(1.0);
        Assert.Equal(before, TensorAssert.Values(second));
    }

    [Fact]
    public void FailedInitialize_LeavesNothingBehind()
    {
        var baseline = Baseline();
        using (var outer = NewDisposeScope())
        {
            Assert.Throws<ArgumentException>(() => new Orthogonal().Initialize([4]));
            Assert.Throws<ArgumentException>(() => new ICNR([2]).Initialize([3, 2, 2]));
            Assert.Throws<ArgumentException>(() => new ICNR([2], new Orthogonal()).Initialize([2, 1, 1], ScalarType.Int32));
            Assert.Equal(0, outer.DisposablesCount);
        }

        Assert.Equal(baseline, LiveTensors.Count);
    }

    private static long Baseline()
    {
        // Tensors other tests left to the garbage collector must not be freed in the middle of a count.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return LiveTensors.Count;
    }
}

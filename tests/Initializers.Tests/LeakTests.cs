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

        Assert.Null(result.OwningScope);
        Assert.Equal(baseline + 1, Tensor.LiveCount);
        result.Dispose();
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Initialize_InsideAScope_GivesTheResultToThatScope(string name)
    {
        var initializer = InitializerCases.Create(name);
        var baseline = Baseline();

        using (var outer = new DisposeScope())
        {
            var result = initializer.Initialize(InitializerCases.ShapeOf(name));

            Assert.Same(outer, result.OwningScope);
            Assert.Equal(1, outer.Count);
            Assert.Equal(baseline + 1, Tensor.LiveCount);
        }

        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Result_IsFresh_AndRequiresNoGrad_EvenWithGradModeOn(string name)
    {
        using var scope = new DisposeScope();
        using var grad = Autograd.EnableGrad();
        var initializer = InitializerCases.Create(name);
        var shape = InitializerCases.ShapeOf(name);

        var first = initializer.Initialize(shape);
        var second = initializer.Initialize(shape);

        Assert.False(first.RequiresGrad);
        Assert.True(first.IsLeaf);
        Assert.Equal(shape, first.Shape);
        var before = second.ToArray<float>();
        first.AddInPlace(1.0);
        Assert.Equal(before, second.ToArray<float>());
    }

    [Fact]
    public void FailedInitialize_LeavesNothingBehind()
    {
        var baseline = Baseline();
        using (var outer = new DisposeScope())
        {
            Assert.Throws<ArgumentException>(() => new Orthogonal().Initialize([4]));
            Assert.Throws<ArgumentException>(() => new ICNR([2]).Initialize([3, 2, 2]));
            Assert.Throws<ArgumentException>(() => new ICNR([2], new Orthogonal()).Initialize([2, 1, 1], ScalarType.Int32));
            Assert.Equal(0, outer.Count);
        }

        Assert.Equal(baseline, Tensor.LiveCount);
    }

    private static long Baseline()
    {
        // Tensors other tests left to the garbage collector must not be freed in the middle of a count.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Tensor.LiveCount;
    }
}

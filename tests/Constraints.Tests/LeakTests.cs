// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Constraints.Tests;

/// <summary>Apply frees its temporaries: only the result is left, owned by the caller or the caller's scope.</summary>
public sealed class LeakTests
{
    public static TheoryData<string> AllNames => new() { "max_norm", "min_max_norm", "non_neg", "unit_norm", "radial_constraint" };

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Apply_ThenDispose_LeavesTheLiveCountAtItsBaseline(string name)
    {
        var constraint = Create(name);
        var baseline = Baseline();

        using (var w = ones([3, 3, 2, 2]))
        {
            var constrained = constraint.Apply(w);
            Assert.Equal(baseline + 2, LiveTensors.Count);
            Assert.False(constrained.IsInvalid); // no scope of Apply's took it with it: the caller owns it
            constrained.Dispose();
        }

        Assert.Equal(baseline, LiveTensors.Count);
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Apply_InsideAnOuterScope_GivesTheResultToThatScope(string name)
    {
        var constraint = Create(name);
        var baseline = Baseline();

        using (var scope = NewDisposeScope())
        {
            var w = ones([3, 3, 2, 2]);
            var constrained = constraint.Apply(w);
            Assert.True(scope.Contains(constrained));
            Assert.Equal(2, scope.DisposablesCount);
            Assert.Equal(baseline + 2, LiveTensors.Count);
        }

        Assert.Equal(baseline, LiveTensors.Count);
    }

    [Fact]
    public void ManyOptimizerSteps_InScopes_DoNotLeak()
    {
        var constraints = new IConstraint[] { new MaxNorm(axis: [0, 1, 2]), new MinMaxNorm(rate: 0.5), new NonNeg(), new UnitNorm(-1), new RadialConstraint() };
        using var generator = new Generator(41);
        using var kernel = randn([3, 3, 2, 2], generator: generator);
        var baseline = Baseline();

        for (var step = 0; step < 200; step++)
        {
            using var scope = NewDisposeScope();
            using (no_grad())
            {
                foreach (var constraint in constraints)
                {
                    kernel.copy_(constraint.Apply(kernel));
                }
            }
        }

        Assert.Equal(baseline, LiveTensors.Count);
    }

    /// <summary>Non-default arguments where there are any, so that every branch runs.</summary>
    private static IConstraint Create(string name) => name switch
    {
        "max_norm" => new MaxNorm(axis: [0, 1, 2], maxValue: 1),
        "min_max_norm" => new MinMaxNorm(minValue: 1, maxValue: 2, rate: 0.5),
        "unit_norm" => new UnitNorm(axis: 1),
        _ => ConstraintRegistry.Get(name)!,
    };

    /// <summary>
    /// This thread's live-tensor count, after freeing what other tests left to the garbage collector. The count is per
    /// thread (<see cref="LiveTensors"/>) and finalizers run on their own thread, so they cannot change it mid-test.
    /// </summary>
    private static long Baseline()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return LiveTensors.Count;
    }
}

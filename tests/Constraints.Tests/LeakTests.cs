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

        using (var w = Tensor.Ones([3, 3, 2, 2]))
        {
            var constrained = constraint.Apply(w);
            Assert.Equal(baseline + 2, Tensor.LiveCount);
            Assert.Null(constrained.OwningScope);
            constrained.Dispose();
        }

        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Apply_InsideAnOuterScope_GivesTheResultToThatScope(string name)
    {
        var constraint = Create(name);
        var baseline = Baseline();

        using (var scope = new DisposeScope())
        {
            var w = Tensor.Ones([3, 3, 2, 2]);
            var constrained = constraint.Apply(w);
            Assert.Same(scope, constrained.OwningScope);
            Assert.Equal(2, scope.Count);
            Assert.Equal(baseline + 2, Tensor.LiveCount);
        }

        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void ManyOptimizerSteps_InScopes_DoNotLeak()
    {
        var constraints = new IConstraint[] { new MaxNorm(axis: [0, 1, 2]), new MinMaxNorm(rate: 0.5), new NonNeg(), new UnitNorm(-1), new RadialConstraint() };
        using var generator = new Generator(seed: 41);
        using var kernel = Tensor.Randn([3, 3, 2, 2], generator);
        var baseline = Baseline();

        for (var step = 0; step < 200; step++)
        {
            using var scope = new DisposeScope();
            using (Autograd.NoGrad())
            {
                foreach (var constraint in constraints)
                {
                    kernel.CopyFrom(constraint.Apply(kernel));
                }
            }
        }

        Assert.Equal(baseline, Tensor.LiveCount);
    }

    /// <summary>Non-default arguments where there are any, so that every branch runs.</summary>
    private static IConstraint Create(string name) => name switch
    {
        "max_norm" => new MaxNorm(axis: [0, 1, 2], maxValue: 1),
        "min_max_norm" => new MinMaxNorm(minValue: 1, maxValue: 2, rate: 0.5),
        "unit_norm" => new UnitNorm(axis: 1),
        _ => ConstraintRegistry.Get(name)!,
    };

    /// <summary>Frees tensors other tests left to the garbage collector, so that they cannot change the count mid-test.</summary>
    private static long Baseline()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Tensor.LiveCount;
    }
}

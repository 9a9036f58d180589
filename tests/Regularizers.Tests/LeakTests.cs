// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Regularizers.Tests;

/// <summary>Compute frees its temporaries: only the penalty is left, owned by the caller or the caller's scope.</summary>
public sealed class LeakTests
{
    public static TheoryData<string> AllNames => new() { "l1", "l2", "l1l2", "orthogonal_regularizer" };

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Compute_ThenDispose_LeavesTheLiveCountAtItsBaseline(string name)
    {
        var regularizer = RegularizerRegistry.Get(new System.Text.Json.Nodes.JsonObject { ["class_name"] = name, ["config"] = Config(name) })!;
        var baseline = Baseline();

        using (var w = Tensor.FromArray(new float[] { 1, -2, 3, -4, 5, -6 }, 2, 3).WithRequiresGrad())
        {
            var penalty = regularizer.Compute(w);
            Assert.Equal(baseline + 2, Tensor.LiveCount);
            Assert.Null(penalty.OwningScope);
            penalty.Backward();
            w.Grad()!.Dispose();
            penalty.Dispose();
        }

        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Compute_InsideAnOuterScope_GivesThePenaltyToThatScope(string name)
    {
        var regularizer = RegularizerRegistry.Get(new System.Text.Json.Nodes.JsonObject { ["class_name"] = name, ["config"] = Config(name) })!;
        var baseline = Baseline();

        using (var scope = new DisposeScope())
        {
            var w = Tensor.FromArray(new float[] { 1, -2, 3, -4, 5, -6 }, 2, 3);
            var penalty = regularizer.Compute(w);
            Assert.Same(scope, penalty.OwningScope);
            Assert.Equal(2, scope.Count);
            Assert.Equal(baseline + 2, Tensor.LiveCount);
        }

        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void ManyComputations_InScopes_DoNotLeak()
    {
        var regularizers = new IRegularizer[] { new L1(), new L2(), new L1L2(0.1, 0.1), new L1L2(), new OrthogonalRegularizer(mode: "columns") };
        using var w = Tensor.FromArray(new float[] { 1, -2, 3, -4, 5, -6 }, 2, 3).WithRequiresGrad();
        var baseline = Baseline();

        for (var step = 0; step < 200; step++)
        {
            using var scope = new DisposeScope();
            foreach (var regularizer in regularizers)
            {
                regularizer.Compute(w).Backward();
            }

            w.ZeroGrad();
        }

        Assert.Equal(baseline, Tensor.LiveCount);
    }

    /// <summary>Non-default factors, so every term of every regularizer runs.</summary>
    private static System.Text.Json.Nodes.JsonObject Config(string name) => name switch
    {
        "l1l2" => new() { ["l1"] = 0.1, ["l2"] = 0.2 },
        _ => [],
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

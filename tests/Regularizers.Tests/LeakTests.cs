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

        using (var w = tensor(new float[] { 1, -2, 3, -4, 5, -6 }, 2, 3).requires_grad_())
        {
            var penalty = regularizer.Compute(w);
            Assert.Equal(baseline + 2, LiveTensors.Count);
            Assert.False(penalty.IsInvalid); // no scope of Compute's took it with it: the caller owns it
            penalty.backward();
            w.grad!.Dispose();
            penalty.Dispose();
        }

        Assert.Equal(baseline, LiveTensors.Count);
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Compute_InsideAnOuterScope_GivesThePenaltyToThatScope(string name)
    {
        var regularizer = RegularizerRegistry.Get(new System.Text.Json.Nodes.JsonObject { ["class_name"] = name, ["config"] = Config(name) })!;
        var baseline = Baseline();

        using (var scope = NewDisposeScope())
        {
            var w = tensor(new float[] { 1, -2, 3, -4, 5, -6 }, 2, 3);
            var penalty = regularizer.Compute(w);
            Assert.True(scope.Contains(penalty));
            Assert.Equal(2, scope.DisposablesCount);
            Assert.Equal(baseline + 2, LiveTensors.Count);
        }

        Assert.Equal(baseline, LiveTensors.Count);
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Compute_OnAParameter_FillsItsGradOnBackward_AndLeavesNothingBehind(string name)
    {
        // A layer's weights are Parameters: the penalty of one backpropagates into its grad like any other loss term.
        var regularizer = RegularizerRegistry.Get(new System.Text.Json.Nodes.JsonObject { ["class_name"] = name, ["config"] = Config(name) })!;
        using var kernel = nn.Parameter(tensor(new float[] { 1, -2, 3, -4, 5, -6 }, 2, 3));
        var baseline = Baseline();

        using (NewDisposeScope())
        {
            var plain = kernel.detach().clone().requires_grad_();
            regularizer.Compute(plain).backward();

            regularizer.Compute(kernel).backward();

            Assert.True(kernel.is_leaf);
            TensorAssert.Close(TensorAssert.Values(plain.grad!), [2, 3], kernel.grad!, rtol: 0, atol: 0);
        }

        Assert.Equal(baseline, LiveTensors.Count);
    }

    [Fact]
    public void ManyComputations_InScopes_DoNotLeak()
    {
        var regularizers = new IRegularizer[] { new L1(), new L2(), new L1L2(0.1, 0.1), new L1L2(), new OrthogonalRegularizer(mode: "columns") };
        using var w = tensor(new float[] { 1, -2, 3, -4, 5, -6 }, 2, 3).requires_grad_();
        var baseline = Baseline();

        for (var step = 0; step < 200; step++)
        {
            using var scope = NewDisposeScope();
            foreach (var regularizer in regularizers)
            {
                regularizer.Compute(w).backward();
            }

            w.grad = null;
        }

        Assert.Equal(baseline, LiveTensors.Count);
    }

    /// <summary>Non-default factors, so every term of every regularizer runs.</summary>
    private static System.Text.Json.Nodes.JsonObject Config(string name) => name switch
    {
        "l1l2" => new() { ["l1"] = 0.1, ["l2"] = 0.2 },
        _ => [],
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

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace LayersFramework.Regularizers.Tests;

public sealed class L1L2Tests
{
    [Fact]
    public void Defaults_AreZero_AsInKeras3()
    {
        var regularizer = new L1L2();
        Assert.Equal(0.0, regularizer.L1Factor);
        Assert.Equal(0.0, regularizer.L2Factor);

        var fromNulls = L1L2.FromConfig(new JsonObject { ["l1"] = null, ["l2"] = null });
        Assert.Equal(0.0, fromNulls.L1Factor);
        Assert.Equal(0.0, fromNulls.L2Factor);
    }

    [Fact]
    public void Compute_AddsBothTerms()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new double[] { 1, -2, 3, -4 }, 2, 2);

        Assert.Equal(7.0, new L1L2(0.1, 0.2).Compute(w).item<double>(), 1e-14);
        Assert.Equal(5.0, new L1L2(l1: 0.5).Compute(w).item<double>(), 1e-14);
        Assert.Equal(15.0, new L1L2(l2: 0.5).Compute(w).item<double>(), 1e-14);
    }

    [Fact]
    public void Compute_EqualsL1PlusL2()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(11);
        var w = randn([4, 3], ScalarType.Float64, generator: generator);

        var combined = new L1L2(0.03, 0.07).Compute(w).item<double>();
        var separate = new L1(0.03).Compute(w).item<double>() + new L2(0.07).Compute(w).item<double>();

        Assert.Equal(separate, combined, 1e-14);
    }

    [Fact]
    public void Compute_WithBothFactorsZero_IsAZeroInTheGraph()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new float[] { 1, -2, 3, -4 }, 2, 2).requires_grad_();

        var penalty = new L1L2().Compute(w);

        Assert.Empty(penalty.shape);
        Assert.Equal(ScalarType.Float32, penalty.dtype);
        Assert.Equal(0.0, penalty.item<float>());
        Assert.True(penalty.requires_grad);
        penalty.backward();
        Assert.Equal(new float[] { 0, 0, 0, 0 }, w.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Compute_SkipsATermWhoseFactorIsZero_SoInfiniteWeightsGiveZeroNotNaN()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new double[] { double.PositiveInfinity, 1 }, [2]);

        Assert.Equal(0.0, new L1L2().Compute(w).item<double>());
    }

    [Fact]
    public void Gradient_MatchesFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new double[] { 0.5, -1.2, 0.3, -0.7, 0.9, 1.4 }, 2, 3);
        GradientCheck.AssertGradientsMatch(x => new L1L2(0.1, 0.2).Compute(x[0]), [w]);
        GradientCheck.AssertGradientsMatch(x => new L1L2(l2: 0.4).Compute(x[0]), [w]);
    }

    [Fact]
    public void GetConfig_HasBothFactors()
    {
        Assert.Equal("""{"l1":0.01,"l2":0.02}""", new L1L2(0.01, 0.02).GetConfig().ToJsonString());
        Assert.Equal("""{"l1":0,"l2":0}""", new L1L2().GetConfig().ToJsonString());
    }
}

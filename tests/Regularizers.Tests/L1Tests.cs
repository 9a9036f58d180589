// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace LayersFramework.Regularizers.Tests;

public sealed class L1Tests
{
    [Fact]
    public void Default_FactorIs0_01()
    {
        Assert.Equal(0.01, new L1().Factor);
        Assert.Equal(0.01, L1.FromConfig(null).Factor);
        Assert.Equal(0.01, L1.FromConfig(new JsonObject { ["l1"] = null }).Factor);
    }

    [Fact]
    public void Compute_IsTheFactorTimesTheSumOfAbsoluteValues()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new float[] { 1, -2, 3, -4 }, 2, 2);

        var penalty = new L1().Compute(w);

        Assert.Empty(penalty.shape);
        Assert.Equal(ScalarType.Float32, penalty.dtype);
        Assert.Equal(0.1, penalty.item<float>(), 1e-7);
        Assert.Equal(5.0, new L1(0.5).Compute(w).item<float>(), 1e-6);
        Assert.Equal(0.0, new L1(0).Compute(w).item<float>());
    }

    [Fact]
    public void Compute_InFloat64_IsExact()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new double[] { 0.5, -1.5, 2, -0.25, 0, 3 }, 3, 2);

        var penalty = new L1(0.25).Compute(w);

        Assert.Equal(ScalarType.Float64, penalty.dtype);
        Assert.Equal(0.25 * 7.25, penalty.item<double>());
    }

    [Fact]
    public void Gradient_IsTheFactorTimesTheSign()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new double[] { 1, -2, 3, -4 }, 2, 2).requires_grad_();

        var penalty = new L1(0.3).Compute(w);
        Assert.True(penalty.requires_grad);
        penalty.backward();

        TensorAssert.Close([0.3, -0.3, 0.3, -0.3], [2, 2], w.grad!, rtol: 1e-15, atol: 0);
    }

    [Fact]
    public void Gradient_MatchesFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new double[] { 0.5, -1.2, 0.3, -0.7, 0.9, 1.4 }, 2, 3);
        GradientCheck.AssertGradientsMatch(x => new L1(0.3).Compute(x[0]), [w]);
    }

    [Fact]
    public void GetConfig_IsTheFactor()
    {
        Assert.Equal("""{"l1":0.5}""", new L1(0.5).GetConfig().ToJsonString());
        Assert.Equal("""{"l1":0.01}""", new L1().GetConfig().ToJsonString());
    }
}

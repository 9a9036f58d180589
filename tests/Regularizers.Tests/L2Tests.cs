// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace LayersFramework.Regularizers.Tests;

public sealed class L2Tests
{
    [Fact]
    public void Default_FactorIs0_01()
    {
        Assert.Equal(0.01, new L2().Factor);
        Assert.Equal(0.01, L2.FromConfig(null).Factor);
        Assert.Equal(0.01, L2.FromConfig(new JsonObject { ["l2"] = null }).Factor);
    }

    [Fact]
    public void Compute_IsTheFactorTimesTheSumOfSquares()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new float[] { 1, -2, 3, -4 }, 2, 2);

        var penalty = new L2().Compute(w);

        Assert.Empty(penalty.shape);
        Assert.Equal(ScalarType.Float32, penalty.dtype);
        Assert.Equal(0.3, penalty.item<float>(), 1e-7);
    }

    [Fact]
    public void Compute_MatchesKerasDocstringExample()
    {
        // Keras: L2(2.)(ops.ones((5, 5))) == 50.0.
        using var scope = NewDisposeScope();
        Assert.Equal(50.0, new L2(2).Compute(ones([5, 5])).item<float>());
    }

    [Fact]
    public void Gradient_IsTwiceTheFactorTimesTheWeight()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new double[] { 1, -2, 3, -4 }, 2, 2).requires_grad_();

        new L2(0.25).Compute(w).backward();

        TensorAssert.Close([0.5, -1, 1.5, -2], [2, 2], w.grad!, rtol: 1e-15, atol: 0);
    }

    [Fact]
    public void Gradient_MatchesFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new double[] { 0.5, -1.2, 0.3, -0.7, 0.9, 1.4 }, 3, 2);
        GradientCheck.AssertGradientsMatch(x => new L2(0.7).Compute(x[0]), [w]);
    }

    [Fact]
    public void GetConfig_IsTheFactor()
    {
        Assert.Equal("""{"l2":0.25}""", new L2(0.25).GetConfig().ToJsonString());
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using static LayersFramework.Constraints.Tests.NormReference;

namespace LayersFramework.Constraints.Tests;

public sealed class MinMaxNormTests
{
    /// <summary>[[3, 0, 0.3], [4, 1, 0.4]]: column norms 5, 1 and 0.5.</summary>
    private static readonly double[] Matrix = [3, 0, 0.3, 4, 1, 0.4];

    [Fact]
    public void Defaults_AreMin0Max1Rate1Axis0()
    {
        var constraint = new MinMaxNorm();
        Assert.Equal(0.0, constraint.MinValue);
        Assert.Equal(1.0, constraint.MaxValue);
        Assert.Equal(1.0, constraint.Rate);
        Assert.Equal([0], constraint.Axis);
        Assert.Equal("""{"min_value":0,"max_value":1,"rate":1,"axis":0}""", constraint.GetConfig().ToJsonString());
    }

    [Fact]
    public void Defaults_ShrinkNormsAbove1_AndKeepSmallerOnes()
    {
        using var scope = NewDisposeScope();
        var w = tensor(Matrix, 2, 3);

        var constrained = new MinMaxNorm().Apply(w);

        var c0 = 1 / (5 + Epsilon);
        var c1 = 1 / (1 + Epsilon);
        var c2 = 0.5 / (0.5 + Epsilon);
        TensorAssert.Close([3 * c0, 0, 0.3 * c2, 4 * c0, c1, 0.4 * c2], [2, 3], constrained, rtol: 1e-14, atol: 0);
    }

    [Fact]
    public void Rate1_MovesEveryNormIntoTheBounds()
    {
        using var scope = NewDisposeScope();
        var w = tensor(Matrix, 2, 3);

        var constrained = new MinMaxNorm(minValue: 1, maxValue: 2).Apply(w);

        // Norms 5 -> 2, 1 -> 1, 0.5 -> 1: [[1.2, 0, 0.6], [1.6, 1, 0.8]].
        var c0 = 2 / (5 + Epsilon);
        var c1 = 1 / (1 + Epsilon);
        var c2 = 1 / (0.5 + Epsilon);
        TensorAssert.Close([3 * c0, 0, 0.3 * c2, 4 * c0, c1, 0.4 * c2], [2, 3], constrained, rtol: 1e-14, atol: 0);
    }

    [Fact]
    public void RateBelow1_MovesTheNormPartOfTheWay()
    {
        using var scope = NewDisposeScope();
        var w = tensor(Matrix, 2, 3);

        var constrained = new MinMaxNorm(minValue: 1, maxValue: 2, rate: 0.5).Apply(w);

        // desired = 0.5 * clip(n, 1, 2) + 0.5 * n: 5 -> 3.5, 1 -> 1, 0.5 -> 0.75: [[2.1, 0, 0.45], [2.8, 1, 0.6]].
        var c0 = 3.5 / (5 + Epsilon);
        var c1 = 1 / (1 + Epsilon);
        var c2 = 0.75 / (0.5 + Epsilon);
        TensorAssert.Close([3 * c0, 0, 0.3 * c2, 4 * c0, c1, 0.4 * c2], [2, 3], constrained, rtol: 1e-14, atol: 0);
        TensorAssert.Close([2.1, 0, 0.45, 2.8, 1, 0.6], [2, 3], constrained, rtol: 1e-6, atol: 0);
    }

    [Fact]
    public void Rate0_LeavesTheNormsAlone()
    {
        using var scope = NewDisposeScope();
        var w = tensor(Matrix, 2, 3);

        TensorAssert.Close(Matrix, [2, 3], new MinMaxNorm(minValue: 1, maxValue: 2, rate: 0).Apply(w), rtol: 1e-6, atol: 0);
    }

    [Fact]
    public void AZeroSlice_StaysZero_EvenWithAPositiveMinimum()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new double[] { 0, 3, 0, 4 }, 2, 2);

        var constrained = new MinMaxNorm(minValue: 1, maxValue: 2).Apply(w);

        TensorAssert.Close([0, 3 * 2 / (5 + Epsilon), 0, 4 * 2 / (5 + Epsilon)], [2, 2], constrained, rtol: 1e-14, atol: 0);
    }

    [Fact]
    public void TransposeKernel_Axis012_ConstrainsEachInputChannelSlice()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(29);
        long[] shape = [3, 3, 4, 2];
        var w = randn(shape, ScalarType.Float64, generator: generator);
        var data = w.data<double>().ToArray();
        var norms = Norms(data, shape, [0, 1, 2]);

        var constrained = new MinMaxNorm(axis: [0, 1, 2], minValue: 6.5, maxValue: 7, rate: 0.8).Apply(w);

        var expected = data.Select((v, i) => v * ((0.8 * Math.Clamp(norms[i], 6.5, 7)) + (0.2 * norms[i])) / (Epsilon + norms[i])).ToArray();
        TensorAssert.Close(expected, shape, constrained, rtol: 1e-12, atol: 1e-15);
    }

    [Theory]
    [InlineData(-1.0, 1.0, 1.0, "minValue", "MinMaxNorm's minValue is a norm")]
    [InlineData(double.NaN, 1.0, 1.0, "minValue", "finite number, 0 or more")]
    [InlineData(0.0, double.PositiveInfinity, 1.0, "maxValue", "finite number, 0 or more")]
    [InlineData(2.0, 1.0, 1.0, "maxValue", "must be at least its minValue (2)")]
    [InlineData(0.0, 1.0, 1.5, "rate", "must be in [0, 1]")]
    [InlineData(0.0, 1.0, -0.1, "rate", "got -0.1")]
    [InlineData(0.0, 1.0, double.NaN, "rate", "got NaN")]
    public void Ctor_RejectsOutOfRangeArguments(double minValue, double maxValue, double rate, string paramName, string keyword)
    {
        ArgumentAssert.Throws<ArgumentOutOfRangeException>(() => _ = new MinMaxNorm(minValue, maxValue, rate), paramName, keyword);
        ArgumentAssert.Throws<ArgumentOutOfRangeException>(() => _ = new MinMaxNorm(axis: [0], minValue, maxValue, rate), paramName, keyword);
    }
}

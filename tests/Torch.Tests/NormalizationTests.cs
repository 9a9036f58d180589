// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using LayersFramework.Torch.Tests.Support;

namespace LayersFramework.Torch.Tests;

public sealed class NormalizationTests
{
    private const double Eps = 1e-5;

    /// <summary>(N = 2, C = 2, L = 3), row-major: [n][c][l].</summary>
    private static readonly double[] Input = [1, 2, 3, -1, 0, 2, 4, 5, 9, 0.5, 1, -2];

    private static readonly double[] Weight = [2, 0.5];
    private static readonly double[] Bias = [1, -1];
    private static readonly double[] RunningMean = [0.5, -1];
    private static readonly double[] RunningVar = [2, 1];

    [Theory]
    [InlineData(true, 0.1)]
    [InlineData(false, 0.1)]
    [InlineData(true, 0.3)]
    public void BatchNorm_InTraining_NormalisesByBatchStatistics_AndUpdatesRunningOnes(bool affine, double momentum)
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Input, 2, 2, 3);
        var runningMean = Tensor.FromArray(RunningMean, 2);
        var runningVar = Tensor.FromArray(RunningVar, 2);
        var weight = affine ? Tensor.FromArray(Weight, 2) : null;
        var bias = affine ? Tensor.FromArray(Bias, 2) : null;

        var y = Functional.BatchNorm(x, weight, bias, runningMean, runningVar, training: true, momentum: momentum);

        var expected = new double[Input.Length];
        var expectedMean = new double[2];
        var expectedVar = new double[2];
        for (var c = 0; c < 2; c++)
        {
            var values = ChannelValues(c);
            var mean = values.Average();
            var sumOfSquares = values.Sum(v => (v - mean) * (v - mean));
            var populationVar = sumOfSquares / values.Length;
            ForEachIndexOfChannel(c, i =>
                expected[i] = ((Input[i] - mean) / Math.Sqrt(populationVar + Eps) * (affine ? Weight[c] : 1)) + (affine ? Bias[c] : 0));
            expectedMean[c] = ((1 - momentum) * RunningMean[c]) + (momentum * mean);
            expectedVar[c] = ((1 - momentum) * RunningVar[c]) + (momentum * sumOfSquares / (values.Length - 1));
        }

        TensorAssert.Close(expected, [2, 2, 3], y, rtol: 1e-12, atol: 1e-12);
        TensorAssert.Close(expectedMean, [2], runningMean, rtol: 1e-14, atol: 1e-15);
        TensorAssert.Close(expectedVar, [2], runningVar, rtol: 1e-14, atol: 1e-15);
    }

    [Fact]
    public void BatchNorm_InTraining_HasZeroMeanAndUnitPopulationVariance_PerChannel()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Input, 2, 2, 3);
        var y = Functional.BatchNorm(x, null, null, null, null, training: true);
        TensorAssert.Close([0, 0], [2], y.Mean([0, 2]), rtol: 0, atol: 1e-12);

        // var/(var + eps) rather than exactly 1.
        var expected = Enumerable.Range(0, 2).Select(c =>
        {
            var values = ChannelValues(c);
            var mean = values.Average();
            var populationVar = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
            return populationVar / (populationVar + Eps);
        }).ToArray();
        TensorAssert.Close(expected, [2], y.Var([0, 2], correction: 0), rtol: 1e-12, atol: 0);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BatchNorm_InInference_UsesRunningStatistics_AndLeavesThemAlone(bool affine)
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Input, 2, 2, 3);
        var runningMean = Tensor.FromArray(RunningMean, 2);
        var runningVar = Tensor.FromArray(RunningVar, 2);
        var weight = affine ? Tensor.FromArray(Weight, 2) : null;
        var bias = affine ? Tensor.FromArray(Bias, 2) : null;

        var y = Functional.BatchNorm(x, weight, bias, runningMean, runningVar, training: false);

        var expected = new double[Input.Length];
        for (var c = 0; c < 2; c++)
        {
            var channel = c;
            ForEachIndexOfChannel(c, i =>
                expected[i] = ((Input[i] - RunningMean[channel]) / Math.Sqrt(RunningVar[channel] + Eps) * (affine ? Weight[channel] : 1)) + (affine ? Bias[channel] : 0));
        }

        TensorAssert.Close(expected, [2, 2, 3], y, rtol: 1e-12, atol: 1e-12);
        Assert.Equal(RunningMean, runningMean.ToArray<double>());
        Assert.Equal(RunningVar, runningVar.ToArray<double>());
    }

    [Fact]
    public void BatchNorm_NormalisesColumns_OfATwoDimensionalInput()
    {
        using var scope = new DisposeScope();

        // (N = 4, C = 2): column 0 is [1, 3, 5, 7] (mean 4, population var 5), column 1 is [2, 4, 2, 4] (mean 3, var 1).
        var x = Tensor.FromArray(new double[] { 1, 2, 3, 4, 5, 2, 7, 4 }, 4, 2);
        var y = Functional.BatchNorm(x, null, null, null, null, training: true, eps: 0);
        var s = Math.Sqrt(5);
        TensorAssert.Close([-3 / s, -1, -1 / s, 1, 1 / s, -1, 3 / s, 1], [4, 2], y, rtol: 1e-14, atol: 0);
        var withEps = Functional.BatchNorm(x, null, null, null, null, training: true, eps: 0.25);
        var (t, u) = (Math.Sqrt(5.25), Math.Sqrt(1.25));
        TensorAssert.Close([-3 / t, -1 / u, -1 / t, 1 / u, 1 / t, -1 / u, 3 / t, 1 / u], [4, 2], withEps, rtol: 1e-14, atol: 0);
    }

    [Fact]
    public void Dropout_ReturnsTheSameValues_WhenNotTraining()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Input, 2, 2, 3);
        Assert.Equal(Input, Functional.Dropout(x, 0.5, training: false).ToArray<double>());
        Assert.Equal(Input, Functional.Dropout(x, 1, training: false).ToArray<double>());
    }

    [Fact]
    public void Dropout_ReturnsTheSameValues_WhenPIsZero()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Input, 2, 2, 3);
        Assert.Equal(Input, Functional.Dropout(x, 0, training: true).ToArray<double>());
    }

    [Fact]
    public void Dropout_ZeroesEverything_WhenPIsOne()
    {
        using var scope = new DisposeScope();
        var y = Functional.Dropout(Tensor.FromArray(Input, 2, 2, 3), 1, training: true);
        Assert.Equal(new long[] { 2, 2, 3 }, y.Shape);
        Assert.All(y.ToArray<double>(), v => Assert.Equal(0.0, v));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.75)]
    public void Dropout_ZeroesAFractionP_AndScalesTheRestByOneOverOneMinusP(double p)
    {
        using var scope = new DisposeScope();
        TorchRuntime.ManualSeed(2024);
        const int Count = 100_000;
        var values = Enumerable.Range(0, Count).Select(i => 1 + (i % 7)).Select(v => (double)v).ToArray();
        var y = Functional.Dropout(Tensor.FromArray(values, Count), p, training: true).ToArray<double>();
        var zeros = 0;
        for (var i = 0; i < Count; i++)
        {
            if (y[i] == 0)
            {
                zeros++;
            }
            else
            {
                Assert.Equal(values[i] / (1 - p), y[i], 1e-12);
            }
        }

        // The standard error of the fraction is √(p(1 − p)/n) ≈ 0.0015.
        Assert.InRange(zeros / (double)Count, p - 0.01, p + 0.01);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Dropout_Throws_WhenPIsOutsideZeroOne(double p)
    {
        using var x = Tensor.Ones([4]);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Functional.Dropout(x, p, training: true));
        Assert.Equal("p", error.ParamName);
    }

    private static double[] ChannelValues(int channel)
    {
        var values = new double[6];
        var k = 0;
        ForEachIndexOfChannel(channel, i => values[k++] = Input[i]);
        return values;
    }

    /// <summary>Calls <paramref name="action"/> with the flat index of every element of one channel of <see cref="Input"/>.</summary>
    private static void ForEachIndexOfChannel(int channel, Action<int> action)
    {
        for (var n = 0; n < 2; n++)
        {
            for (var l = 0; l < 3; l++)
            {
                action((n * 6) + (channel * 3) + l);
            }
        }
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;

namespace LayersFramework.Torch.Tests;

public sealed class RandomTests
{
    private const long SampleCount = 100_000;

    public static TheoryData<string> Factories => ["Rand", "Uniform", "Randn", "Normal", "TruncatedNormal", "Bernoulli", "RandPerm", "RandInt"];

    [Theory]
    [MemberData(nameof(Factories))]
    public void Factory_GivesIdenticalNumbers_WhenSeedIsTheSame(string factory)
    {
        using var scope = new DisposeScope();
        using var first = new Generator(42);
        using var second = new Generator(42);
        var a = Draw(factory, first).ToArray<double>();
        var b = Draw(factory, second).ToArray<double>();
        Assert.Equal(1000, a.Length);
        Assert.Equal(a, b);
        Assert.True(a.Distinct().Count() > 1, "The draws are all equal.");
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void Factory_GivesDifferentNumbers_WhenSeedsDiffer(string factory)
    {
        using var scope = new DisposeScope();
        using var first = new Generator(1);
        using var second = new Generator(2);
        Assert.NotEqual(Draw(factory, first).ToArray<double>(), Draw(factory, second).ToArray<double>());
    }

    [Fact]
    public void Factory_ContinuesTheSequence_WhenTheGeneratorIsReused()
    {
        using var scope = new DisposeScope();
        using var generator = new Generator(3);
        Assert.NotEqual(Tensor.Rand([100], generator).ToArray<float>(), Tensor.Rand([100], generator).ToArray<float>());
    }

    [Fact]
    public void TorchRuntimeManualSeed_RepeatsDefaultGeneratorDraws()
    {
        using var scope = new DisposeScope();
        TorchRuntime.ManualSeed(123);
        var a = Tensor.Rand([100]).ToArray<float>();
        var n = Tensor.Randn([100]).ToArray<float>();
        TorchRuntime.ManualSeed(123);
        var b = Tensor.Rand([100]).ToArray<float>();
        var m = Tensor.Randn([100]).ToArray<float>();
        TorchRuntime.ManualSeed(124);
        var c = Tensor.Rand([100]).ToArray<float>();
        Assert.Equal(a, b);
        Assert.Equal(n, m);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void GeneratorManualSeed_RestartsTheSequence()
    {
        using var scope = new DisposeScope();
        using var generator = new Generator(5);
        var first = Tensor.Randn([50], generator).ToArray<float>();
        var second = Tensor.Randn([50], generator).ToArray<float>();
        generator.ManualSeed(5);
        var again = Tensor.Randn([50], generator).ToArray<float>();
        Assert.NotEqual(first, second);
        Assert.Equal(first, again);

        generator.ManualSeed(9);
        using var fresh = new Generator(9);
        Assert.Equal(Tensor.Rand([50], fresh).ToArray<float>(), Tensor.Rand([50], generator).ToArray<float>());
    }

    [Fact]
    public void Seed_IsTheLastSeedGiven()
    {
        using var generator = new Generator(42);
        Assert.Equal(42UL, generator.Seed);
        generator.ManualSeed(0xDEADBEEFCAFEBABE);
        Assert.Equal(0xDEADBEEFCAFEBABE, generator.Seed);
        using var x = Tensor.Rand([10], generator);
        Assert.Equal(0xDEADBEEFCAFEBABE, generator.Seed);
    }

    [Fact]
    public void Rand_LiesInUnitInterval_WithMeanOneHalf()
    {
        using var generator = new Generator(11);
        using var x = Tensor.Rand([SampleCount], generator, ScalarType.Float64);
        var values = x.ToArray<double>();
        Assert.All(values, v => Assert.InRange(v, 0, Math.BitDecrement(1.0)));
        Assert.InRange(values.Average(), 0.49, 0.51);
    }

    [Fact]
    public void Uniform_LiesInLowHigh_AndCoversIt()
    {
        using var generator = new Generator(12);
        using var x = Tensor.Uniform([SampleCount], -2, 3, generator);
        Assert.Equal(ScalarType.Float32, x.Dtype);
        var values = x.ToArray<float>();
        Assert.All(values, v => Assert.True(v >= -2f && v < 3f, $"{v} is outside [-2, 3)."));
        Assert.True(values.Min() < -1.99f);
        Assert.True(values.Max() > 2.99f);

        // Mean 0.5 and variance 25/12 of U(-2, 3); the standard error of the mean is about 0.0046.
        var mean = values.Average(v => (double)v);
        var variance = values.Average(v => (v - mean) * (v - mean));
        Assert.InRange(mean, 0.47, 0.53);
        Assert.InRange(variance, 25.0 / 12 * 0.98, 25.0 / 12 * 1.02);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(3.0, 2.0)]
    [InlineData(-1.0, 0.1)]
    public void Normal_HasTheMeanAndStandardDeviation_OverManySamples(double mean, double stddev)
    {
        using var generator = new Generator(13);
        using var x = Tensor.Normal([SampleCount], mean, stddev, generator, ScalarType.Float64);
        var (sampleMean, sampleStd) = MeanAndStd(x.ToArray<double>());

        // Standard errors: stddev/√n ≈ 0.0032·stddev for the mean, stddev/√(2n) ≈ 0.0022·stddev for the std.
        Assert.InRange(sampleMean, mean - (0.015 * stddev), mean + (0.015 * stddev));
        Assert.InRange(sampleStd, stddev * 0.99, stddev * 1.01);
    }

    [Fact]
    public void Randn_IsStandardNormal_OverManySamples()
    {
        using var generator = new Generator(14);
        using var x = Tensor.Randn([SampleCount], generator);
        var values = x.ToArray<float>().Select(v => (double)v).ToArray();
        var (mean, std) = MeanAndStd(values);
        Assert.InRange(mean, -0.015, 0.015);
        Assert.InRange(std, 0.99, 1.01);

        // About 4.55% of a normal sample lies beyond two standard deviations.
        var beyond = values.Count(v => Math.Abs(v) > 2) / (double)values.Length;
        Assert.InRange(beyond, 0.040, 0.051);
    }

    [Theory]
    [InlineData(0.0, 1.0, ScalarType.Float64)]
    [InlineData(1.0, 2.0, ScalarType.Float64)]
    [InlineData(-0.5, 0.05, ScalarType.Float32)]
    public void TruncatedNormal_StaysWithinTwoStddev_WithTheTruncatedStd(double mean, double stddev, ScalarType dtype)
    {
        using var generator = new Generator(15);
        using var x = Tensor.TruncatedNormal([SampleCount], mean, stddev, generator, dtype);
        Assert.Equal(dtype, x.Dtype);
        var values = x.ToArray<double>();
        var bound = Tensor.TruncationBound * stddev;
        Assert.All(values, v => Assert.InRange(v, mean - bound, mean + bound));

        // Var of N(0, 1) truncated to [-2, 2] is 1 − 2·2·φ(2) / (Φ(2) − Φ(−2)), Φ(2) − Φ(−2) = erf(√2).
        var density = Math.Exp(-2) / Math.Sqrt(2 * Math.PI);
        var expectedStd = stddev * Math.Sqrt(1 - (4 * density / 0.9544997361036416));
        Assert.InRange(expectedStd / stddev, 0.8795, 0.8797);
        var (sampleMean, sampleStd) = MeanAndStd(values);
        Assert.InRange(sampleStd, expectedStd * 0.99, expectedStd * 1.01);
        Assert.InRange(sampleMean, mean - (0.015 * stddev), mean + (0.015 * stddev));

        // Values reach close to the bounds: the distribution is not cut short.
        Assert.True(values.Max() > mean + (0.98 * bound));
        Assert.True(values.Min() < mean - (0.98 * bound));
    }

    [Theory]
    [InlineData(ScalarType.Float64)]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float16)]
    [InlineData(ScalarType.BFloat16)]
    public void TruncatedNormal_WorksForEveryFloatingPointDtype(ScalarType dtype)
    {
        // The documentation accepts any floating-point dtype; libtorch has no CPU erfinv for float16.
        using var generator = new Generator(19);
        using var x = Tensor.TruncatedNormal([10_000], 1, 0.5, generator, dtype);
        Assert.Equal(dtype, x.Dtype);
        var values = x.ToArray<double>();
        Assert.All(values, v => Assert.InRange(v, 0, 2));
        var (mean, std) = MeanAndStd(values);
        Assert.InRange(mean, 0.97, 1.03);
        Assert.InRange(std, 0.5 * 0.8796 * 0.96, 0.5 * 0.8796 * 1.04);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.9)]
    public void Bernoulli_IsZeroOrOne_WithMeanP(double p)
    {
        using var generator = new Generator(16);
        using var x = Tensor.Bernoulli([SampleCount], p, generator);
        var values = x.ToArray<float>();
        Assert.All(values, v => Assert.True(v is 0f or 1f, $"{v} is not 0 or 1."));
        Assert.InRange(values.Average(v => (double)v), p - 0.01, p + 0.01);
    }

    [Fact]
    public void Bernoulli_IsConstant_WhenPIsZeroOrOne()
    {
        using var scope = new DisposeScope();
        Assert.All(Tensor.Bernoulli([1000], 0).ToArray<float>(), v => Assert.Equal(0f, v));
        Assert.All(Tensor.Bernoulli([1000], 1).ToArray<float>(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void RandPerm_IsAPermutationOfZeroToNMinusOne()
    {
        using var generator = new Generator(17);
        using var x = Tensor.RandPerm(1000, generator);
        Assert.Equal(ScalarType.Int64, x.Dtype);
        var values = x.ToArray<long>();
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), values.Order());
        Assert.NotEqual(Enumerable.Range(0, 1000).Select(i => (long)i), values);
    }

    [Fact]
    public void RandInt_DrawsEveryIntegerInLowHigh_AndNothingElse()
    {
        using var generator = new Generator(18);
        using var x = Tensor.RandInt(-3, 4, [100, 100], generator);
        Assert.Equal(ScalarType.Int64, x.Dtype);
        Assert.Equal(new long[] { 100, 100 }, x.Shape);
        var values = x.ToArray<long>();
        Assert.Equal(Enumerable.Range(-3, 7).Select(i => (long)i), values.Distinct().Order());

        // Each of the 7 values has probability 1/7: about 1429 ± 35 of 10 000.
        Assert.All(values.GroupBy(v => v), g => Assert.InRange(g.Count(), 1250, 1610));
    }

    private static Tensor Draw(string factory, Generator generator) => factory switch
    {
        "Rand" => Tensor.Rand([1000], generator),
        "Uniform" => Tensor.Uniform([1000], -5, 5, generator, ScalarType.Float64),
        "Randn" => Tensor.Randn([1000], generator),
        "Normal" => Tensor.Normal([1000], 2, 3, generator, ScalarType.Float64),
        "TruncatedNormal" => Tensor.TruncatedNormal([1000], 0, 1, generator),
        "Bernoulli" => Tensor.Bernoulli([1000], 0.5, generator),
        "RandPerm" => Tensor.RandPerm(1000, generator),
        "RandInt" => Tensor.RandInt(0, 1000, [1000], generator),
        _ => throw new ArgumentOutOfRangeException(nameof(factory), factory, "Unknown factory."),
    };

    private static (double Mean, double Std) MeanAndStd(double[] values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
        return (mean, Math.Sqrt(variance));
    }
}

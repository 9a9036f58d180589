// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Initializers.Tests.Support;

namespace LayersFramework.Initializers.Tests;

/// <summary>
/// Sample statistics of large draws against Keras's formulas (keras/src/initializers/random_initializers.py).
/// </summary>
/// <remarks>
/// Tolerances come from the sample size n = 200,000: the sample mean has standard error σ/√n and the sample
/// variance σ²·√((κ − 1)/n) with kurtosis κ ≤ 3 for every distribution here (3 for the normal, 1.8 for the
/// uniform, about 2.4 for the truncated normal), so ≤ σ²·√(2/n) ≈ 0.32 % of σ². Both are checked at five standard
/// errors: a correct sampler fails with probability below 1e-6, while the errors these tests exist for (a missing
/// 0.8796 correction: −23 % variance; a wrong fan: ≥ 11 %; a bound off by √3) exceed them by a factor of ten or more.
/// Seeds are fixed, so the outcome is also deterministic.
/// </remarks>
public sealed class DistributionTests
{
    private const double Correction = 0.87962566103423978;

    // 200,000 elements; fan_in = 25·80 = 2000, fan_out = 25·100 = 2500, fan_avg = 2250.
    private static readonly long[] Shape = [5, 5, 80, 100];

    public static TheoryData<string, Func<IInitializer>, Expectation> Cases()
    {
        var data = new TheoryData<string, Func<IInitializer>, Expectation>
        {
            { "RandomUniform(-0.3, 0.7)", () => new RandomUniform(-0.3, 0.7, seed: 1), Expectation.Uniform(-0.3, 0.7) },
            { "RandomUniform()", () => new RandomUniform(seed: 2), Expectation.Uniform(-0.05, 0.05) },
            { "RandomNormal(1.5, 0.2)", () => new RandomNormal(1.5, 0.2, seed: 3), Expectation.Normal(1.5, 0.2) },
            { "RandomNormal()", () => new RandomNormal(seed: 4), Expectation.Normal(0, 0.05) },
            { "TruncatedNormal(-1, 0.5)", () => new TruncatedNormal(-1, 0.5, seed: 5), Expectation.Truncated(-1, 0.5) },
            { "TruncatedNormal()", () => new TruncatedNormal(seed: 6), Expectation.Truncated(0, 0.05) },
            { "GlorotUniform", () => new GlorotUniform(seed: 7), Expectation.Uniform(-Math.Sqrt(6.0 / 4500), Math.Sqrt(6.0 / 4500)) },
            { "GlorotNormal", () => new GlorotNormal(seed: 8), Expectation.Truncated(0, Math.Sqrt(2.0 / 4500) / Correction) },
            { "HeUniform", () => new HeUniform(seed: 9), Expectation.Uniform(-Math.Sqrt(6.0 / 2000), Math.Sqrt(6.0 / 2000)) },
            { "HeNormal", () => new HeNormal(seed: 10), Expectation.Truncated(0, Math.Sqrt(2.0 / 2000) / Correction) },
            { "LecunUniform", () => new LecunUniform(seed: 11), Expectation.Uniform(-Math.Sqrt(3.0 / 2000), Math.Sqrt(3.0 / 2000)) },
            { "LecunNormal", () => new LecunNormal(seed: 12), Expectation.Truncated(0, Math.Sqrt(1.0 / 2000) / Correction) },
        };

        // VarianceScaling: every mode and distribution, with v = scale / n.
        var seed = 20;
        foreach (var (mode, n) in new[] { ("fan_in", 2000.0), ("fan_out", 2500.0), ("fan_avg", 2250.0) })
        {
            var v = 3.0 / n;
            var s = seed++;
            data.Add($"VarianceScaling(3, {mode}, uniform)", () => new VarianceScaling(3, mode, "uniform", s), Expectation.Uniform(-Math.Sqrt(3 * v), Math.Sqrt(3 * v)));
            s = seed++;
            data.Add($"VarianceScaling(3, {mode}, truncated_normal)", () => new VarianceScaling(3, mode, "truncated_normal", s), Expectation.Truncated(0, Math.Sqrt(v) / Correction));
            s = seed++;
            data.Add($"VarianceScaling(3, {mode}, untruncated_normal)", () => new VarianceScaling(3, mode, "untruncated_normal", s), Expectation.Normal(0, Math.Sqrt(v)));
            s = seed++;
            data.Add($"VarianceScaling(3, {mode}, normal)", () => new VarianceScaling(3, mode, "normal", s), Expectation.Truncated(0, Math.Sqrt(v) / Correction));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LargeDraw_MatchesTheFormula(string name, Func<IInitializer> create, Expectation expected)
    {
        using var scope = NewDisposeScope();
        var values = create().Initialize(Shape);
        var moments = Moments.Of(values);

        Assert.Equal(Shape, values.shape);
        var n = (double)moments.Count;
        var meanTolerance = 5 * expected.Std / Math.Sqrt(n);
        var varianceTolerance = 5 * expected.Std * expected.Std * Math.Sqrt(2 / n);
        Assert.True(
            Math.Abs(moments.Mean - expected.Mean) <= meanTolerance,
            $"{name}: mean {moments.Mean:R}, expected {expected.Mean:R} ± {meanTolerance:G3}.");
        Assert.True(
            Math.Abs(moments.Variance - (expected.Std * expected.Std)) <= varianceTolerance,
            $"{name}: std {moments.Std:R}, expected {expected.Std:R} (variance ± {varianceTolerance:G3}).");

        if (expected.Low is { } low && expected.High is { } high)
        {
            // Every value inside the bounds (float32 rounding allowed), and the bounds nearly reached: with
            // 200,000 values, the chance that none falls in the outer 1 % of the range is below e^-200.
            var slack = 1e-6 * Math.Max(Math.Abs(low), Math.Abs(high));
            var reach = 0.01 * (high - low);
            Assert.True(moments.Min >= low - slack && moments.Max <= high + slack, $"{name}: values in [{moments.Min:R}, {moments.Max:R}], bounds [{low:R}, {high:R}].");
            Assert.True(moments.Min <= low + reach && moments.Max >= high - reach, $"{name}: values in [{moments.Min:R}, {moments.Max:R}] do not reach the bounds [{low:R}, {high:R}].");
        }
        else
        {
            // Untruncated: values beyond 3.8σ on each side (about 14 expected per side; none with probability e^-14).
            Assert.True(
                moments.Max > expected.Mean + (3.8 * expected.Std) && moments.Min < expected.Mean - (3.8 * expected.Std),
                $"{name}: values in [{moments.Min:R}, {moments.Max:R}] look truncated (σ = {expected.Std:R}).");
        }
    }

    [Fact]
    public void GlorotUniform_OnTheReferenceTransposeKernel_HasLimitSqrtOf3Over22Point5()
    {
        // Keras's compute_fans on a (3, 3, 2, 3) Conv2DTranspose kernel (k, k, filters, in): fan_in 18, fan_out 27, limit sqrt(3 / 22.5).
        const double Limit = 0.36514837167011072;
        Assert.Equal(Limit, Math.Sqrt(3 / 22.5), 15);
        Assert.Equal((18.0, 27.0), Fans.Compute([3, 3, 2, 3]));

        // 4,000 unseeded draws of 54 values: 216,000 values, about 108 of them in the top 0.1 % of the range.
        using var scope = NewDisposeScope();
        TorchRuntime.ManualSeed(2024);
        var initializer = new GlorotUniform();
        var max = double.NegativeInfinity;
        var min = double.PositiveInfinity;
        for (var i = 0; i < 4000; i++)
        {
            using var inner = NewDisposeScope();
            var values = TensorAssert.Values(initializer.Initialize([3, 3, 2, 3]));
            max = Math.Max(max, values.Max());
            min = Math.Min(min, values.Min());
        }

        Assert.InRange(max, Limit * 0.999, Limit * (1 + 1e-6));
        Assert.InRange(min, -Limit * (1 + 1e-6), -Limit * 0.999);
    }

    [Fact]
    public void Constants_AreExact()
    {
        using var scope = NewDisposeScope();

        Assert.All(TensorAssert.Values(new Zeros().Initialize([3, 4])), v => Assert.Equal(0f, v));
        Assert.All(TensorAssert.Values(new Ones().Initialize([3, 4])), v => Assert.Equal(1f, v));
        Assert.All(TensorAssert.Values(new Constant(-2.25).Initialize([3, 4])), v => Assert.Equal(-2.25, v));
        Assert.All(TensorAssert.Values(new Constant().Initialize([5])), v => Assert.Equal(0.0, v));
        Assert.Equal(3L, new Constant(3).Initialize([], ScalarType.Int64).item<long>());
    }

    [Fact]
    public void VarianceScaling_OnAScalar_UsesFansOfOne()
    {
        // Rank 0: fan_in = fan_out = 1, so the uniform limit is sqrt(3·scale) = sqrt(12) for scale 4. 3,000 draws:
        // the chance that none lands in the top 1 % of the range is 0.995^3000 < 1e-6.
        using var scope = NewDisposeScope();
        TorchRuntime.ManualSeed(5);
        var initializer = new VarianceScaling(scale: 4.0, mode: "fan_avg", distribution: "uniform");
        var values = Enumerable.Range(0, 3000).Select(_ => initializer.Initialize([]).item<float>()).ToArray();

        Assert.InRange(values.Max(), Math.Sqrt(12) * 0.98, Math.Sqrt(12) * (1 + 1e-6));
        Assert.InRange(values.Min(), -Math.Sqrt(12) * (1 + 1e-6), -Math.Sqrt(12) * 0.98);
    }

    /// <summary>Expected moments and bounds of a distribution.</summary>
    public sealed record Expectation(double Mean, double Std, double? Low, double? High)
    {
        public static Expectation Uniform(double low, double high) => new((low + high) / 2, (high - low) / Math.Sqrt(12), low, high);

        public static Expectation Normal(double mean, double std) => new(mean, std, null, null);

        // N(mean, σ²) truncated to ±2σ: standard deviation 0.8796·σ.
        public static Expectation Truncated(double mean, double sigma) => new(mean, sigma * Correction, mean - (2 * sigma), mean + (2 * sigma));

        public override string ToString() => $"mean {Mean:G4}, std {Std:G4}";
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Initializers.Tests.Support;

namespace LayersFramework.Initializers.Tests;

/// <summary>
/// Constructor and Initialize arguments: Keras 3's VarianceScaling validation, and messages that name the
/// argument, the value received and what would be valid.
/// </summary>
public sealed class ArgumentTests
{
    public static TheoryData<string> Names => InitializerCases.Names;

    private static readonly ScalarType[] FloatingTypes = [ScalarType.Float16, ScalarType.BFloat16, ScalarType.Float32, ScalarType.Float64];

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void VarianceScaling_ScaleNotPositive_Throws(double scale)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new VarianceScaling(scale));

        Assert.Equal("scale", error.ParamName);
        Assert.Equal(scale, error.ActualValue);
        Assert.Contains("positive", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fan")]
    [InlineData("FAN_IN")]
    [InlineData("")]
    public void VarianceScaling_UnknownMode_Throws_ListingTheModes(string mode)
    {
        var error = Assert.Throws<ArgumentException>(() => new VarianceScaling(mode: mode));

        Assert.Equal("mode", error.ParamName);
        Assert.Contains($"'{mode}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'fan_in', 'fan_out', 'fan_avg'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gaussian")]
    [InlineData("truncated")]
    public void VarianceScaling_UnknownDistribution_Throws_ListingTheDistributions(string distribution)
    {
        var error = Assert.Throws<ArgumentException>(() => new VarianceScaling(distribution: distribution));

        Assert.Equal("distribution", error.ParamName);
        Assert.Contains($"'{distribution}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'truncated_normal', 'untruncated_normal', 'uniform'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("normal", "truncated_normal")]
    [InlineData("Normal", "truncated_normal")]
    [InlineData("UNIFORM", "uniform")]
    [InlineData("Untruncated_Normal", "untruncated_normal")]
    [InlineData("truncated_normal", "truncated_normal")]
    public void VarianceScaling_Distribution_IsLowerCased_AndNormalMeansTruncated(string given, string normalized)
    {
        var initializer = new VarianceScaling(distribution: given);

        Assert.Equal(normalized, initializer.Distribution);
        Assert.Equal(normalized, initializer.GetConfig()["distribution"]!.GetValue<string>());
    }

    [Fact]
    public void VarianceScaling_NullStrings_MeanTheDefaults()
    {
        var initializer = new VarianceScaling(mode: null, distribution: null);

        Assert.Equal(("fan_in", "truncated_normal"), (initializer.Mode, initializer.Distribution));
    }

    [Fact]
    public void NamedVariants_HaveKerasScaleModeAndDistribution()
    {
        VarianceScaling[] named = [new GlorotUniform(), new GlorotNormal(), new HeUniform(), new HeNormal(), new LecunUniform(), new LecunNormal()];

        Assert.Equal(
            new[]
            {
                (1.0, "fan_avg", "uniform"), (1.0, "fan_avg", "truncated_normal"), (2.0, "fan_in", "uniform"),
                (2.0, "fan_in", "truncated_normal"), (1.0, "fan_in", "uniform"), (1.0, "fan_in", "truncated_normal"),
            },
            named.Select(v => (v.Scale, v.Mode, v.Distribution)));
    }

    [Fact]
    public void RandomUniform_MinvalAboveMaxval_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new RandomUniform(1, -1));

        Assert.Equal("minval", error.ParamName);
        Assert.Contains("minval 1 exceeds maxval -1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomUniform_EqualBounds_GiveThatValue()
    {
        using var scope = NewDisposeScope();

        Assert.All(TensorAssert.Values(new RandomUniform(0.5, 0.5, seed: 1).Initialize([10])), v => Assert.Equal(0.5f, v));
    }

    [Fact]
    public void NonFiniteOrNegativeParameters_Throw_NamingThem()
    {
        Assert.Equal("minval", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomUniform(double.NegativeInfinity)).ParamName);
        Assert.Equal("maxval", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomUniform(maxval: double.NaN)).ParamName);
        Assert.Equal("stddev", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomNormal(stddev: -0.1)).ParamName);
        Assert.Equal("stddev", Assert.Throws<ArgumentOutOfRangeException>(() => new TruncatedNormal(stddev: double.NaN)).ParamName);
        Assert.Equal("mean", Assert.Throws<ArgumentOutOfRangeException>(() => new TruncatedNormal(mean: double.PositiveInfinity)).ParamName);
        Assert.Equal("gain", Assert.Throws<ArgumentOutOfRangeException>(() => new Orthogonal(double.NaN)).ParamName);
        Assert.Equal("gain", Assert.Throws<ArgumentOutOfRangeException>(() => new Identity(double.PositiveInfinity)).ParamName);
        Assert.Contains("-0.1", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomNormal(stddev: -0.1)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Initialize_NullShape_Throws(string name)
    {
        Assert.Equal("shape", Assert.Throws<ArgumentNullException>(() => InitializerCases.Create(name).Initialize(null!)).ParamName);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Initialize_NegativeSize_Throws_ShowingTheShape(string name)
    {
        var shape = InitializerCases.ShapeOf(name).ToArray();
        shape[^1] = -2;

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => InitializerCases.Create(name).Initialize(shape));

        Assert.Equal("shape", error.ParamName);
        Assert.Contains(Tuples.Format(shape), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Initialize_EmptyShapes_GiveEmptyTensors(string name)
    {
        using var scope = NewDisposeScope();
        var shape = InitializerCases.ShapeOf(name).ToArray();
        shape[0] = 0;

        var result = InitializerCases.Create(name).Initialize(shape);

        Assert.Equal(shape, result.shape);
        Assert.Equal(0, result.numel());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Initialize_GivesEveryFloatingType(string name)
    {
        using var scope = NewDisposeScope();
        var initializer = InitializerCases.Create(name);
        var shape = InitializerCases.ShapeOf(name);
        var reference = TensorAssert.Values(initializer.Initialize(shape, ScalarType.Float64));

        foreach (var dtype in FloatingTypes)
        {
            var result = initializer.Initialize(shape, dtype);

            Assert.Equal(dtype, result.dtype);
            Assert.Equal(shape, result.shape);
            var values = TensorAssert.Values(result);
            Assert.All(values, v => Assert.True(double.IsFinite(v)));

            // Seeded float32 and float64 draws of the same seed sample the same distribution but other numbers
            // for the normal samplers; deterministic initializers agree up to rounding.
            if (initializer is not RandomInitializer and not ICNR)
            {
                TensorAssert.Close(reference, values, rtol: 1e-2, atol: 1e-2);
            }
        }
    }

    [Fact]
    public void RandomInitializers_RefuseIntegerTypes_NamingTheDtype()
    {
        var error = Assert.Throws<ArgumentException>(() => new HeNormal().Initialize([2, 2], ScalarType.Int32));

        Assert.Equal("dtype", error.ParamName);
        Assert.Contains("HeNormal draws random values", error.Message, StringComparison.Ordinal);
        Assert.Contains("Int32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeterministicInitializers_AcceptIntegerTypes()
    {
        using var scope = NewDisposeScope();

        Assert.Equal(new long[] { 0, 0 }, new Zeros().Initialize([2], ScalarType.Int64).data<long>().ToArray());
        Assert.Equal(new long[] { 1, 1 }, new Ones().Initialize([2], ScalarType.Int64).data<long>().ToArray());
        Assert.Equal(new long[] { 7, 7 }, new Constant(7).Initialize([2], ScalarType.Int64).data<long>().ToArray());
        Assert.Equal(new long[] { 3, 0, 0, 3 }, new Identity(3).Initialize([2, 2], ScalarType.Int64).data<long>().ToArray());
    }

    [Fact]
    public void Initialize_DoesNotKeepOrChangeTheShapeArgument()
    {
        using var scope = NewDisposeScope();
        long[] shape = [3, 4];

        var result = new Orthogonal(seed: 1).Initialize(shape);
        shape[0] = 9;

        Assert.Equal(new long[] { 3, 4 }, result.shape);
    }
}

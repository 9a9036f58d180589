// Copyright (c) LayersFramework contributors. Licensed under the MIT License.


namespace LayersFramework.Regularizers.Tests;

public sealed class OrthogonalRegularizerTests
{
    /// <summary>
    /// [[3, 4], [-4, -3], [1, 0]]. Rows normalised: (0.6, 0.8), (-0.8, -0.6), (1, 0); |cos| of the pairs 0.96, 0.6,
    /// 0.8. Columns (3, -4, 1)/√26 and (4, -3, 0)/5: |cos| = 24 / (5√26).
    /// </summary>
    private static readonly double[] Hand = [3, 4, -4, -3, 1, 0];

    private static readonly double RowsMean = (0.96 + 0.6 + 0.8) / 3;

    private static readonly double ColumnsMean = 24 / (5 * Math.Sqrt(26));

    [Fact]
    public void Defaults_AreFactor0_01AndRows()
    {
        var regularizer = new OrthogonalRegularizer();
        Assert.Equal(0.01, regularizer.Factor);
        Assert.Equal("rows", regularizer.Mode);
    }

    [Fact]
    public void Rows_IsTheFactorTimesTheMeanAbsoluteCosineBetweenRows()
    {
        using var scope = NewDisposeScope();
        var w = tensor(Hand, 3, 2);

        Assert.Equal(RowsMean, new OrthogonalRegularizer(1).Compute(w).item<double>(), 1e-14);
        Assert.Equal(0.01 * RowsMean, new OrthogonalRegularizer().Compute(w).item<double>(), 1e-15);
    }

    [Fact]
    public void Columns_IsTheFactorTimesTheMeanAbsoluteCosineBetweenColumns()
    {
        using var scope = NewDisposeScope();
        var w = tensor(Hand, 3, 2);

        Assert.Equal(2 * ColumnsMean, new OrthogonalRegularizer(2, "columns").Compute(w).item<double>(), 1e-14);
    }

    [Fact]
    public void Columns_OfAMatrix_EqualRows_OfItsTranspose()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var w = randn([4, 6], ScalarType.Float64, generator: generator);

        var columns = new OrthogonalRegularizer(0.5, "columns").Compute(w).item<double>();
        var rows = new OrthogonalRegularizer(0.5, "rows").Compute(w.transpose(0, 1)).item<double>();

        Assert.Equal(rows, columns, 1e-14);
    }

    [Fact]
    public void Float32_GivesTheSameValue()
    {
        using var scope = NewDisposeScope();
        var w = tensor(Hand.Select(v => (float)v).ToArray(), 3, 2);

        var penalty = new OrthogonalRegularizer(1).Compute(w);

        Assert.Equal(ScalarType.Float32, penalty.dtype);
        Assert.Empty(penalty.shape);
        Assert.Equal(RowsMean, penalty.item<float>(), 1e-6);
    }

    [Fact]
    public void OrthogonalRows_AndScaledRows_GiveZero_AndScaleDoesNotMatter()
    {
        using var scope = NewDisposeScope();
        var regularizer = new OrthogonalRegularizer(1);
        var scaledIdentity = eye(3, dtype: ScalarType.Float64) * 7;
        var w = tensor(Hand, 3, 2);

        Assert.Equal(0.0, regularizer.Compute(scaledIdentity).item<double>());
        Assert.Equal(regularizer.Compute(w).item<double>(), regularizer.Compute(w * 5).item<double>(), 1e-14);
    }

    [Fact]
    public void AZeroRow_CountsAsOrthogonal_WithoutNaNInValueOrGradient()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new double[] { 0, 0, 1, 0, 0, 1 }, 3, 2).requires_grad_();

        var penalty = new OrthogonalRegularizer(1).Compute(w);
        penalty.backward();

        Assert.Equal(0.0, penalty.item<double>());
        Assert.All(w.grad!.data<double>().ToArray(), g => Assert.True(double.IsFinite(g)));
    }

    [Fact]
    public void ASingleRow_HasNoPairs_AndGivesNaN_AsInKeras()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new double[] { 1, 2, 3 }, 1, 3);

        Assert.True(double.IsNaN(new OrthogonalRegularizer().Compute(w).item<double>()));
        Assert.False(double.IsNaN(new OrthogonalRegularizer(mode: "columns").Compute(w).item<double>()));
    }

    [Theory]
    [InlineData("rows", 3, 4)]
    [InlineData("columns", 3, 4)]
    [InlineData("rows", 4, 2)]
    [InlineData("columns", 2, 5)]
    public void Gradient_MatchesFiniteDifferences(string mode, long rows, long columns)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(17);
        var w = randn([rows, columns], ScalarType.Float64, generator: generator);
        GradientCheck.AssertGradientsMatch(x => new OrthogonalRegularizer(0.3, mode).Compute(x[0]), [w]);
    }

    [Theory]
    [InlineData(new long[] { 3 }, "(3,)", "rank 1")]
    [InlineData(new long[] { 2, 3, 4 }, "(2, 3, 4)", "rank 3")]
    [InlineData(new long[] { 3, 3, 2, 4 }, "(3, 3, 2, 4)", "rank 4")]
    [InlineData(new long[0], "()", "rank 0")]
    public void Compute_RejectsInputsNotOfRank2(long[] shape, string shapeText, string rankText)
    {
        using var scope = NewDisposeScope();
        var w = ones(shape);
        var before = LiveTensors.Count;

        ArgumentAssert.Throws<ArgumentException>(
            () => new OrthogonalRegularizer().Compute(w), "weight", "Inputs to OrthogonalRegularizer must have rank 2", shapeText, rankText);
        Assert.Equal(before, LiveTensors.Count);
    }

    [Theory]
    [InlineData("diagonal")]
    [InlineData("Rows")]
    [InlineData("row")]
    [InlineData("")]
    public void Ctor_RejectsModesOtherThanRowsAndColumns(string mode)
    {
        ArgumentAssert.Throws<ArgumentException>(
            () => _ = new OrthogonalRegularizer(mode: mode), nameof(mode), "\"rows\", \"columns\"", $"mode=\"{mode}\"");
    }

    [Fact]
    public void GetConfig_HasFactorAndMode()
    {
        Assert.Equal("""{"factor":0.01,"mode":"rows"}""", new OrthogonalRegularizer().GetConfig().ToJsonString());
        Assert.Equal("""{"factor":0.5,"mode":"columns"}""", new OrthogonalRegularizer(0.5, "columns").GetConfig().ToJsonString());
    }
}

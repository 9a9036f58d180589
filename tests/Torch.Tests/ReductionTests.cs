// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using LayersFramework.Torch.Tests.Support;

namespace LayersFramework.Torch.Tests;

public sealed class ReductionTests
{
    /// <summary>[[1, 5, 3], [4, 2, 10]] as float64.</summary>
    private static readonly double[] Data = [1, 5, 3, 4, 2, 10];

    private static readonly double Sqrt5 = Math.Sqrt(5);

    private static Tensor Matrix() => Tensor.FromArray(Data, 2, 3);

    [Fact]
    public void Sum_AddsAllElementsOrAlongDimensions()
    {
        using var scope = new DisposeScope();
        var x = Matrix();
        TensorAssert.Close([25], [], x.Sum(), rtol: 0, atol: 0);
        TensorAssert.Close([5, 7, 13], [3], x.Sum([0]), rtol: 0, atol: 0);
        TensorAssert.Close([9, 16], [2, 1], x.Sum([1], keepDim: true), rtol: 0, atol: 0);
        TensorAssert.Close([25], [], x.Sum([0, 1]), rtol: 0, atol: 0);
        TensorAssert.Close([25], [1, 1], x.Sum([-1, -2], keepDim: true), rtol: 0, atol: 0);
    }

    [Fact]
    public void Mean_AveragesAllElementsOrAlongDimensions()
    {
        using var scope = new DisposeScope();
        var x = Matrix();
        TensorAssert.Close([25.0 / 6], [], x.Mean(), rtol: 1e-15, atol: 0);
        TensorAssert.Close([3, 16.0 / 3], [2], x.Mean([1]), rtol: 1e-15, atol: 0);
        TensorAssert.Close([2.5, 3.5, 6.5], [1, 3], x.Mean([0], keepDim: true), rtol: 0, atol: 0);
    }

    [Fact]
    public void MaxMin_FindExtremesOverAllOrAlongDimensions()
    {
        using var scope = new DisposeScope();
        var x = Matrix();
        TensorAssert.Close([10], [], x.Max(), rtol: 0, atol: 0);
        TensorAssert.Close([1], [], x.Min(), rtol: 0, atol: 0);
        TensorAssert.Close([5, 10], [2], x.Max([1]), rtol: 0, atol: 0);
        TensorAssert.Close([4, 5, 10], [1, 3], x.Max([0], keepDim: true), rtol: 0, atol: 0);
        TensorAssert.Close([1, 2, 3], [3], x.Min([0]), rtol: 0, atol: 0);
        TensorAssert.Close([1, 2], [2, 1], x.Min([1], keepDim: true), rtol: 0, atol: 0);
        TensorAssert.Close([1], [], x.Min([0, 1]), rtol: 0, atol: 0);
    }

    [Fact]
    public void MaxWithIndices_GivesValuesAndPositions()
    {
        using var scope = new DisposeScope();
        var (values, indices) = Matrix().MaxWithIndices(1);
        TensorAssert.Close([5, 10], [2], values, rtol: 0, atol: 0);
        Assert.Equal(ScalarType.Int64, indices.Dtype);
        Assert.Equal(new long[] { 1, 2 }, indices.ToArray<long>());

        var (keptValues, keptIndices) = Matrix().MaxWithIndices(0, keepDim: true);
        TensorAssert.Close([4, 5, 10], [1, 3], keptValues, rtol: 0, atol: 0);
        Assert.Equal(new long[] { 1, 3 }, keptIndices.Shape);
        Assert.Equal(new long[] { 1, 0, 1 }, keptIndices.ToArray<long>());
    }

    [Fact]
    public void MinWithIndices_GivesValuesAndPositions()
    {
        using var scope = new DisposeScope();
        var (values, indices) = Matrix().MinWithIndices(0);
        TensorAssert.Close([1, 2, 3], [3], values, rtol: 0, atol: 0);
        Assert.Equal(new long[] { 0, 1, 0 }, indices.ToArray<long>());

        var (keptValues, keptIndices) = Matrix().MinWithIndices(-1, keepDim: true);
        TensorAssert.Close([1, 2], [2, 1], keptValues, rtol: 0, atol: 0);
        Assert.Equal(new long[] { 2, 1 }, keptIndices.Shape);
        Assert.Equal(new long[] { 0, 1 }, keptIndices.ToArray<long>());
    }

    [Fact]
    public void ArgMaxArgMin_GiveFlatIndex_WhenNoDimension()
    {
        using var scope = new DisposeScope();
        var x = Matrix();
        var argMax = x.ArgMax();
        Assert.Equal(ScalarType.Int64, argMax.Dtype);
        Assert.Empty(argMax.Shape);
        Assert.Equal(5, argMax.Item());
        Assert.Equal(0, x.ArgMin().Item());
        Assert.Equal(4, Tensor.FromArray(new double[] { 3, 1, 4, 1, 0.5, 9 }, 6).ArgMin().Item());
    }

    [Fact]
    public void ArgMaxArgMin_GiveIndicesAlongADimension()
    {
        using var scope = new DisposeScope();
        var x = Matrix();
        Assert.Equal(new long[] { 1, 0, 1 }, x.ArgMax(0).ToArray<long>());
        Assert.Equal(new long[] { 1, 2 }, x.ArgMax(1).ToArray<long>());
        var kept = x.ArgMin(1, keepDim: true);
        Assert.Equal(new long[] { 2, 1 }, kept.Shape);
        Assert.Equal(new long[] { 0, 1 }, kept.ToArray<long>());
        Assert.Equal(new long[] { 0, 1, 0 }, x.ArgMin(0).ToArray<long>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void VarAndStd_OverAllElements_DivideByNMinusCorrection(long correction)
    {
        using var scope = new DisposeScope();
        var mean = Data.Average();
        var expected = Data.Sum(v => (v - mean) * (v - mean)) / (Data.Length - correction);
        TensorAssert.Close([expected], [], Matrix().Var(correction: correction), rtol: 1e-14, atol: 0);
        TensorAssert.Close([Math.Sqrt(expected)], [], Matrix().Std(correction: correction), rtol: 1e-14, atol: 0);
    }

    [Fact]
    public void Var_IsUnbiased_ByDefault()
    {
        using var scope = new DisposeScope();

        // Row [1, 5, 3]: mean 3, squared deviations 4 + 4 + 0 = 8.
        var x = Tensor.FromArray(new double[] { 1, 5, 3 }, 3);
        TensorAssert.Close([4], [], x.Var(), rtol: 1e-15, atol: 0);
        TensorAssert.Close([2], [], x.Std(), rtol: 1e-15, atol: 0);
    }

    [Fact]
    public void VarAndStd_AlongDimensions_WithEitherCorrection()
    {
        using var scope = new DisposeScope();
        var x = Matrix();

        // Rows: [1, 5, 3] has mean 3 and squared deviations 8; [4, 2, 10] has mean 16/3 and 312/9.
        TensorAssert.Close([8.0 / 3, 104.0 / 9], [2], x.Var([1], correction: 0), rtol: 1e-14, atol: 0);
        TensorAssert.Close([4, 52.0 / 3], [2, 1], x.Var([1], correction: 1, keepDim: true), rtol: 1e-14, atol: 0);
        TensorAssert.Close([Math.Sqrt(8.0 / 3), Math.Sqrt(104.0 / 9)], [2], x.Std([-1], correction: 0), rtol: 1e-14, atol: 0);

        // Columns [1, 4], [5, 2], [3, 10]: squared deviations 4.5, 4.5, 24.5.
        TensorAssert.Close([2.25, 2.25, 12.25], [3], x.Var([0], correction: 0), rtol: 1e-14, atol: 0);
        TensorAssert.Close([4.5, 4.5, 24.5], [1, 3], x.Var([0], correction: 1, keepDim: true), rtol: 1e-14, atol: 0);
        TensorAssert.Close([Math.Sqrt(4.5), Math.Sqrt(4.5), Math.Sqrt(24.5)], [3], x.Std([0]), rtol: 1e-14, atol: 0);
    }

    [Fact]
    public void LogSumExp_IsLogOfSumOfExponentials_WithoutOverflow()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new double[] { 0, 0, 0, 1, 2, 3 }, 2, 3);
        var row1 = Math.Log(Math.E + (Math.E * Math.E) + Math.Exp(3));
        TensorAssert.Close([Math.Log(3), row1], [2], x.LogSumExp([1]), rtol: 1e-14, atol: 0);
        TensorAssert.Close([Math.Log(3), row1], [2, 1], x.LogSumExp([1], keepDim: true), rtol: 1e-14, atol: 0);
        TensorAssert.Close([Math.Log(1 + Math.E), Math.Log(1 + Math.Exp(2)), Math.Log(1 + Math.Exp(3))], [3], x.LogSumExp([0]), rtol: 1e-14, atol: 0);

        var large = Tensor.FromArray(new double[] { 1000, 1000, -1000 }, 3);
        TensorAssert.Close([1000 + Math.Log(2)], [], large.LogSumExp([0]), rtol: 1e-15, atol: 0);
    }

    [Theory]
    [InlineData(2, 13)]
    [InlineData(1, 19)]
    [InlineData(double.PositiveInfinity, 12)]
    [InlineData(double.NegativeInfinity, 0)]
    [InlineData(0, 3)]
    [InlineData(3, 12.207054953820636)]
    public void Norm_OverAllElements_IsTheVectorPNorm(double p, double expected)
    {
        using var scope = new DisposeScope();

        // (27 + 64 + 1728)^(1/3) = 1819^(1/3) ≈ 12.2070549538.
        var x = Tensor.FromArray(new double[] { 3, -4, 0, 12 }, 2, 2);
        TensorAssert.Close([expected], [], x.Norm(p), rtol: 1e-10, atol: 0);
    }

    [Theory]
    [InlineData(2, 1, new double[] { 5, 10 })]
    [InlineData(1, 0, new double[] { 9, 12 })]
    [InlineData(double.PositiveInfinity, 1, new double[] { 4, 8 })]
    [InlineData(double.NegativeInfinity, 1, new double[] { 3, 6 })]
    [InlineData(0, 0, new double[] { 1, 2 })]
    public void Norm_AlongADimension_IsTheVectorPNormOfEachSlice(double p, long dim, double[] expected)
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new double[] { 0, 4, -6, 8 }, 2, 2);
        var y = Tensor.FromArray(new double[] { 3, 4, -6, 8 }, 2, 2);
        var source = p == 0 ? x : y;
        TensorAssert.Close(expected, [2], source.Norm(p, [dim]), rtol: 1e-15, atol: 0);
        var kept = source.Norm(p, [dim], keepDim: true);
        Assert.Equal(dim == 0 ? new long[] { 1, 2 } : new long[] { 2, 1 }, kept.Shape);
    }

    public static TheoryData<double, double> NumericMatrixNorms => new()
    {
        // [[3, 0], [4, 5]]: AᵀA = [[25, 20], [20, 25]] has eigenvalues 45 and 5, so σ = 3√5 and √5.
        { 2, 3 * Sqrt5 },
        { -2, Sqrt5 },
        { 1, 7 }, // column sums 7 and 5
        { -1, 5 },
        { double.PositiveInfinity, 9 }, // row sums 3 and 9
        { double.NegativeInfinity, 3 },
    };

    [Theory]
    [MemberData(nameof(NumericMatrixNorms))]
    public void MatrixNorm_WithNumericOrder_MatchesHandComputedValue(double ord, double expected)
    {
        using var scope = new DisposeScope();
        var a = Tensor.FromArray(new double[] { 3, 0, 4, 5 }, 2, 2);
        TensorAssert.Close([expected], [], Linalg.MatrixNorm(a, ord), rtol: 1e-12, atol: 0);
    }

    [Fact]
    public void MatrixNorm_WithNamedOrder_IsFrobeniusOrNuclear()
    {
        using var scope = new DisposeScope();
        var a = Tensor.FromArray(new double[] { 3, 0, 4, 5 }, 2, 2);
        TensorAssert.Close([Math.Sqrt(50)], [], Linalg.MatrixNorm(a), rtol: 1e-14, atol: 0);
        TensorAssert.Close([Math.Sqrt(50)], [], Linalg.MatrixNorm(a, "fro"), rtol: 1e-14, atol: 0);
        TensorAssert.Close([4 * Sqrt5], [], Linalg.MatrixNorm(a, "nuc"), rtol: 1e-12, atol: 0);
        TensorAssert.Close([4 * Sqrt5], [1, 1], Linalg.MatrixNorm(a, "nuc", keepDim: true), rtol: 1e-12, atol: 0);
    }

    [Fact]
    public void MatrixNorm_ReducesTheLastTwoDimensions_OfABatch()
    {
        using var scope = new DisposeScope();

        // diag(3, 4): σ = 4 and 3; then [[3, 0], [4, 5]].
        var batch = Tensor.FromArray(new double[] { 3, 0, 0, 4, 3, 0, 4, 5 }, 2, 2, 2);
        TensorAssert.Close([5, Math.Sqrt(50)], [2], Linalg.MatrixNorm(batch, "fro"), rtol: 1e-14, atol: 0);
        TensorAssert.Close([7, 4 * Sqrt5], [2], Linalg.MatrixNorm(batch, "nuc"), rtol: 1e-12, atol: 0);
        TensorAssert.Close([4, 3 * Sqrt5], [2], Linalg.MatrixNorm(batch, 2), rtol: 1e-12, atol: 0);
        TensorAssert.Close([4, 7], [2, 1, 1], Linalg.MatrixNorm(batch, 1, keepDim: true), rtol: 1e-14, atol: 0);
    }

    [Theory]
    [InlineData("inf")]
    [InlineData("2")]
    [InlineData("Fro")]
    public void MatrixNorm_Throws_WhenOrderNameIsUnknown(string ord)
    {
        using var a = Tensor.Eye(2);
        var error = Assert.Throws<ArgumentException>(() => Linalg.MatrixNorm(a, ord));
        Assert.Equal("ord", error.ParamName);
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using LayersFramework.Torch.Tests.Support;

namespace LayersFramework.Torch.Tests;

public sealed class ArithmeticTests
{
    private static readonly double[] A = [1, 2, 3, 4];
    private static readonly double[] B = [0.5, -1, 2, 8];

    [Fact]
    public void AddAndSub_ScaleOtherByAlpha()
    {
        using var scope = new DisposeScope();
        var (a, b) = (Tensor.FromArray(A, 2, 2), Tensor.FromArray(B, 2, 2));
        TensorAssert.Close([1.5, 1, 5, 12], [2, 2], a.Add(b), rtol: 0, atol: 0);
        TensorAssert.Close([2, 0, 7, 20], [2, 2], a.Add(b, 2), rtol: 0, atol: 0);
        TensorAssert.Close([0.5, 3, 1, -4], [2, 2], a.Sub(b), rtol: 0, atol: 0);
        TensorAssert.Close([0.75, 2.5, 2, 0], [2, 2], a.Sub(b, 0.5), rtol: 0, atol: 0);
    }

    [Fact]
    public void ScalarForms_ApplyTheNumberToEveryElement()
    {
        using var scope = new DisposeScope();
        var a = Tensor.FromArray(A, 2, 2);
        TensorAssert.Close([11, 12, 13, 14], [2, 2], a.Add(10), rtol: 0, atol: 0);
        TensorAssert.Close([0, 1, 2, 3], [2, 2], a.Sub(1), rtol: 0, atol: 0);
        TensorAssert.Close([9, 8, 7, 6], [2, 2], a.RSub(10), rtol: 0, atol: 0);
        TensorAssert.Close([3, 6, 9, 12], [2, 2], a.Mul(3), rtol: 0, atol: 0);
        TensorAssert.Close([0.25, 0.5, 0.75, 1], [2, 2], a.Div(4), rtol: 0, atol: 0);
    }

    [Fact]
    public void MulDivPow_AreElementWise()
    {
        using var scope = new DisposeScope();
        var (a, b) = (Tensor.FromArray(A, 4), Tensor.FromArray(B, 4));
        TensorAssert.Close([0.5, -2, 6, 32], [4], a.Mul(b), rtol: 0, atol: 0);
        TensorAssert.Close([2, -2, 1.5, 0.5], [4], a.Div(b), rtol: 0, atol: 0);
        TensorAssert.Close([1, 0.5, 9, 65536], [4], a.Pow(b), rtol: 1e-15, atol: 0);
        TensorAssert.Close([1, 4, 9, 16], [4], a.Pow(2), rtol: 1e-15, atol: 0);
        TensorAssert.Close([1, Math.Sqrt(2), Math.Sqrt(3), 2], [4], a.Pow(0.5), rtol: 1e-15, atol: 0);
        TensorAssert.Close([1, 0.5, 1.0 / 3, 0.25], [4], a.Pow(-1), rtol: 1e-15, atol: 0);
    }

    [Fact]
    public void Div_IsTrueDivision_WhenOperandsAreIntegers()
    {
        using var scope = new DisposeScope();
        var q = Tensor.FromArray([7, -7, 1], 3).Div(Tensor.FromArray([2, 2, 4], 3));
        Assert.Equal(ScalarType.Float32, q.Dtype);
        TensorAssert.Close([3.5, -3.5, 0.25], [3], q, rtol: 0, atol: 0);
    }

    [Fact]
    public void MaximumMinimum_PropagateNaN()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new[] { 1, double.NaN, 3, -1 }, 4);
        var y = Tensor.FromArray(new[] { 2, 0, double.NaN, -2 }, 4);
        TensorAssert.Close([2, double.NaN, double.NaN, -1], [4], x.Maximum(y), rtol: 0, atol: 0);
        TensorAssert.Close([1, double.NaN, double.NaN, -2], [4], x.Minimum(y), rtol: 0, atol: 0);
    }

    [Fact]
    public void BinaryOperations_Broadcast()
    {
        using var scope = new DisposeScope();
        var column = Tensor.FromArray(new double[] { 10, 20 }, 2, 1);
        var row = Tensor.FromArray(new double[] { 1, 2, 3 }, 3);
        TensorAssert.Close([11, 12, 13, 21, 22, 23], [2, 3], column.Add(row), rtol: 0, atol: 0);
        TensorAssert.Close([9, 8, 7, 19, 18, 17], [2, 3], column.Sub(row), rtol: 0, atol: 0);
        TensorAssert.Close([10, 20, 30, 20, 40, 60], [2, 3], column.Mul(row), rtol: 0, atol: 0);
        TensorAssert.Close([10, 5, 10.0 / 3, 20, 10, 20.0 / 3], [2, 3], column.Div(row), rtol: 1e-15, atol: 0);
        TensorAssert.Close([10, 100, 1000, 20, 400, 8000], [2, 3], column.Pow(row), rtol: 1e-15, atol: 0);
    }

    [Fact]
    public void Operators_ComputeTensorAndScalarCombinations()
    {
        using var scope = new DisposeScope();
        var (a, b) = (Tensor.FromArray(A, 4), Tensor.FromArray(B, 4));
        TensorAssert.Close([1.5, 1, 5, 12], [4], a + b, rtol: 0, atol: 0);
        TensorAssert.Close([3, 4, 5, 6], [4], a + 2, rtol: 0, atol: 0);
        TensorAssert.Close([3, 4, 5, 6], [4], 2 + a, rtol: 0, atol: 0);
        TensorAssert.Close([0.5, 3, 1, -4], [4], a - b, rtol: 0, atol: 0);
        TensorAssert.Close([-1, 0, 1, 2], [4], a - 2, rtol: 0, atol: 0);
        TensorAssert.Close([9, 8, 7, 6], [4], 10 - a, rtol: 0, atol: 0);
        TensorAssert.Close([-1, -2, -3, -4], [4], -a, rtol: 0, atol: 0);
        TensorAssert.Close([0.5, -2, 6, 32], [4], a * b, rtol: 0, atol: 0);
        TensorAssert.Close([2.5, 5, 7.5, 10], [4], a * 2.5, rtol: 0, atol: 0);
        TensorAssert.Close([2.5, 5, 7.5, 10], [4], 2.5 * a, rtol: 0, atol: 0);
        TensorAssert.Close([2, -2, 1.5, 0.5], [4], a / b, rtol: 0, atol: 0);
        TensorAssert.Close([0.5, 1, 1.5, 2], [4], a / 2, rtol: 0, atol: 0);
        TensorAssert.Close([12, 6, 4, 3], [4], 12 / a, rtol: 1e-15, atol: 0);
        TensorAssert.Close([24, -12, 6, 1.5], [4], 12 / b, rtol: 1e-15, atol: 0);
    }

    [Fact]
    public void ScalarDividedByTensor_IsTrueDivision_WhenTensorIsInteger()
    {
        using var scope = new DisposeScope();
        var q = 3 / Tensor.FromArray([2, 4, -1], 3);
        TensorAssert.Close([1.5, 0.75, -3], [3], q, rtol: 0, atol: 0);
    }

    [Theory]
    [InlineData("Eq", new[] { false, true, false })]
    [InlineData("Ne", new[] { true, false, true })]
    [InlineData("Lt", new[] { true, false, false })]
    [InlineData("Le", new[] { true, true, false })]
    [InlineData("Gt", new[] { false, false, true })]
    [InlineData("Ge", new[] { false, true, true })]
    public void Comparisons_GiveBoolTensors_ForTensorAndScalar(string comparison, bool[] expected)
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new double[] { 1, 2, 3 }, 3);
        var y = Tensor.FromArray(new double[] { 3, 2, 1 }, 3);
        var (withTensor, withScalar) = comparison switch
        {
            "Eq" => (x.Eq(y), x.Eq(2)),
            "Ne" => (x.Ne(y), x.Ne(2)),
            "Lt" => (x.Lt(y), x.Lt(2)),
            "Le" => (x.Le(y), x.Le(2)),
            "Gt" => (x.Gt(y), x.Gt(2)),
            _ => (x.Ge(y), x.Ge(2)),
        };
        Assert.Equal(ScalarType.Bool, withTensor.Dtype);
        Assert.Equal(ScalarType.Bool, withScalar.Dtype);
        Assert.Equal(expected, withTensor.ToArray<bool>());
        Assert.Equal(expected, withScalar.ToArray<bool>());
    }

    [Fact]
    public void Comparisons_Broadcast()
    {
        using var scope = new DisposeScope();
        var column = Tensor.FromArray(new double[] { 1, 2 }, 2, 1);
        var row = Tensor.FromArray(new double[] { 0, 1, 2 }, 3);
        var lt = column.Lt(row);
        Assert.Equal(new long[] { 2, 3 }, lt.Shape);
        Assert.Equal([false, false, true, false, false, false], lt.ToArray<bool>());
    }

    [Fact]
    public void LogicalOperations_TreatNonZeroAsTrue()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new double[] { 0, 1, 2, 0 }, 4);
        var y = Tensor.FromArray(new double[] { 0, 0, 3, -5 }, 4);
        var and = x.LogicalAnd(y);
        Assert.Equal(ScalarType.Bool, and.Dtype);
        Assert.Equal([false, false, true, false], and.ToArray<bool>());
        Assert.Equal([false, true, true, true], x.LogicalOr(y).ToArray<bool>());
        Assert.Equal([true, false, false, true], x.LogicalNot().ToArray<bool>());
        var p = Tensor.FromArray([true, true, false, false], 4);
        var q = Tensor.FromArray([true, false, true, false], 4);
        Assert.Equal([true, false, false, false], p.LogicalAnd(q).ToArray<bool>());
        Assert.Equal([true, true, true, false], p.LogicalOr(q).ToArray<bool>());
        Assert.Equal([false, false, true, true], p.LogicalNot().ToArray<bool>());
    }

    [Theory]
    [InlineData("Neg", new[] { -2.5, -0.5, 0, 1.5, 3 })]
    [InlineData("Abs", new[] { -2.5, -0.5, 0, 1.5, 3 })]
    [InlineData("Sign", new[] { -2.5, -0.5, 0, 1.5, 3 })]
    [InlineData("Sqrt", new[] { 0, 0.25, 2, 9, 1e10 })]
    [InlineData("Rsqrt", new[] { 0.25, 2, 9, 1e-10, 0 })]
    [InlineData("Square", new[] { -3, -0.5, 0, 1.5, 1e100 })]
    [InlineData("Reciprocal", new[] { -2, 0.5, 4, 3, 0 })]
    [InlineData("Exp", new[] { -2, -1e-3, 0, 1, 10 })]
    [InlineData("Expm1", new[] { -2, -1e-10, 0, 1e-12, 1 })]
    [InlineData("Log", new[] { 1e-5, 0.5, 1, Math.E, 1000 })]
    [InlineData("Log1p", new[] { -0.5, -1e-11, 0, 1e-12, 3 })]
    [InlineData("Erf", new[] { -2, -0.5, 0, 0.1, 1, 3 })]
    [InlineData("Erfinv", new[] { -0.9, -0.5, 0, 0.25, 0.8, 0.99 })]
    [InlineData("Floor", new[] { -2.5, -0.5, 0, 1.5, 2.999 })]
    [InlineData("Ceil", new[] { -2.5, -0.5, 0, 1.5, 2.001 })]
    [InlineData("Round", new[] { -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.6, -2.4 })]
    [InlineData("Sin", new[] { -3, -0.5, 0, 1, Math.PI / 2, 10 })]
    [InlineData("Cos", new[] { -3, -0.5, 0, 1, Math.PI, 10 })]
    public void UnaryFunction_MatchesTheMathematicalFunction(string function, double[] inputs)
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(inputs, inputs.Length);
        (Tensor Actual, Func<double, double> Reference) pair = function switch
        {
            "Neg" => (x.Neg(), v => -v),
            "Abs" => (x.Abs(), Math.Abs),
            "Sign" => (x.Sign(), v => Math.Sign(v)),
            "Sqrt" => (x.Sqrt(), Math.Sqrt),
            "Rsqrt" => (x.Rsqrt(), v => 1 / Math.Sqrt(v)),
            "Square" => (x.Square(), v => v * v),
            "Reciprocal" => (x.Reciprocal(), v => 1 / v),
            "Exp" => (x.Exp(), Math.Exp),
            "Expm1" => (x.Expm1(), ReferenceMath.Expm1),
            "Log" => (x.Log(), Math.Log),
            "Log1p" => (x.Log1p(), ReferenceMath.Log1p),
            "Erf" => (x.Erf(), ReferenceMath.Erf),
            "Erfinv" => (x.Erfinv(), ReferenceMath.Erfinv),
            "Floor" => (x.Floor(), Math.Floor),
            "Ceil" => (x.Ceil(), Math.Ceiling),
            "Round" => (x.Round(), v => Math.Round(v, MidpointRounding.ToEven)),
            "Sin" => (x.Sin(), Math.Sin),
            "Cos" => (x.Cos(), Math.Cos),
            _ => throw new ArgumentOutOfRangeException(nameof(function)),
        };
        Assert.Equal(ScalarType.Float64, pair.Actual.Dtype);
        TensorAssert.Close(inputs.Select(pair.Reference).ToArray(), [inputs.Length], pair.Actual, rtol: 1e-13, atol: 1e-15);
    }

    [Fact]
    public void UnaryFunctions_GiveNaNAndInfinity_OutsideTheirDomain()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new double[] { -1, 0 }, 2);
        TensorAssert.Close([double.NaN, 0], [2], x.Sqrt(), rtol: 0, atol: 0);
        TensorAssert.Close([double.NaN, double.NegativeInfinity], [2], x.Log(), rtol: 0, atol: 0);
        TensorAssert.Close([double.NegativeInfinity, 0], [2], x.Log1p(), rtol: 0, atol: 0);
        TensorAssert.Close([double.NegativeInfinity, 0], [2], x.Erfinv(), rtol: 0, atol: 0);
        TensorAssert.Close([-1, double.PositiveInfinity], [2], x.Reciprocal(), rtol: 0, atol: 0);
    }

    [Fact]
    public void IsNanAndIsFinite_ClassifyEachElement()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new[] { 1, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0 }, 5);
        var nan = x.IsNan();
        var finite = x.IsFinite();
        Assert.Equal(ScalarType.Bool, nan.Dtype);
        Assert.Equal([false, true, false, false, false], nan.ToArray<bool>());
        Assert.Equal(ScalarType.Bool, finite.Dtype);
        Assert.Equal([true, false, false, false, true], finite.ToArray<bool>());
    }

    [Fact]
    public void Clamp_LimitsToTheGivenBounds()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new double[] { -3, -1, 0, 2, 5 }, 5);
        TensorAssert.Close([-1, -1, 0, 2, 2], [5], x.Clamp(-1, 2), rtol: 0, atol: 0);
        TensorAssert.Close([0, 0, 0, 2, 5], [5], x.Clamp(0, null), rtol: 0, atol: 0);
        TensorAssert.Close([-3, -1, 0, 1, 1], [5], x.Clamp(null, 1), rtol: 0, atol: 0);
    }

    [Fact]
    public void Clamp_LimitsToElementWiseBounds_WhenBoundsAreTensors()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new double[] { -3, -1, 0, 2, 5 }, 5);
        var min = Tensor.FromArray(new double[] { 0, 0, -5, 3, 0 }, 5);
        var max = Tensor.FromArray(new double[] { 1, 1, 1, 4, 4 }, 5);
        TensorAssert.Close([0, 0, 0, 3, 4], [5], x.Clamp(min, max), rtol: 0, atol: 0);
        TensorAssert.Close([0, 0, 0, 3, 5], [5], x.Clamp(min, null), rtol: 0, atol: 0);
        TensorAssert.Close([-3, -1, 0, 2, 4], [5], x.Clamp(null, max), rtol: 0, atol: 0);
        var scalarMin = Tensor.Scalar(-1, ScalarType.Float64);
        TensorAssert.Close([-1, -1, 0, 2, 5], [5], x.Clamp(scalarMin, null), rtol: 0, atol: 0);
    }

    [Fact]
    public void Where_ChoosesByCondition_FromTensorsOrScalar()
    {
        using var scope = new DisposeScope();
        var condition = Tensor.FromArray([true, false, true, false], 2, 2);
        var a = Tensor.FromArray(A, 2, 2);
        var b = Tensor.FromArray(B, 2, 2);
        TensorAssert.Close([1, -1, 3, 8], [2, 2], Tensor.Where(condition, a, b), rtol: 0, atol: 0);
        TensorAssert.Close([1, -7, 3, -7], [2, 2], Tensor.Where(condition, a, -7), rtol: 0, atol: 0);
        var column = Tensor.FromArray([true, false], 2, 1);
        TensorAssert.Close([1, 2, 0, 0], [2, 2], Tensor.Where(column, a, 0), rtol: 0, atol: 0);
    }

    [Fact]
    public void AllClose_ComparesWithinTolerances()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new[] { 1, 2, double.NaN }, 3);
        var near = Tensor.FromArray(new[] { 1 + 1e-6, 2, double.NaN }, 3);
        var far = Tensor.FromArray(new[] { 1.1, 2, double.NaN }, 3);
        Assert.False(x.AllClose(near));
        Assert.True(x.AllClose(near, equalNan: true));
        Assert.False(x.AllClose(far, equalNan: true));
        Assert.True(x.AllClose(far, rtol: 0, atol: 0.11, equalNan: true));
        Assert.False(x.AllClose(near, rtol: 0, atol: 1e-7, equalNan: true));
        Assert.True(x.AllClose(near, rtol: 1e-6, atol: 0, equalNan: true));
    }

    [Fact]
    public void Equal_RequiresSameShapeAndElements()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new double[] { 1, 2 }, 2);
        Assert.True(x.Equal(Tensor.FromArray(new double[] { 1, 2 }, 2)));
        Assert.False(x.Equal(Tensor.FromArray(new double[] { 1, 2.0000001 }, 2)));
        Assert.False(x.Equal(Tensor.FromArray(new double[] { 1, 2 }, 1, 2)));
    }
}

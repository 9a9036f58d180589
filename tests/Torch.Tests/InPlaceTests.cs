// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Torch.Tests.Support;

namespace LayersFramework.Torch.Tests;

public sealed class InPlaceTests
{
    private static readonly double[] Start = [1, 4, 9, 16];

    private static Tensor Fresh() => Tensor.FromArray(Start, 2, 2);

    private static Tensor Of(params double[] values) => Tensor.FromArray(values, 2, 2);

    [Fact]
    public void AddInPlace_AddsAlphaTimesOther_OrANumber()
    {
        using var scope = new DisposeScope();
        var x = Fresh();
        x.AddInPlace(Of(1, 1, 2, 2), 2);
        TensorAssert.Close([3, 6, 13, 20], [2, 2], x, rtol: 0, atol: 0);
        x.AddInPlace(Of(1, 2, 3, 4));
        TensorAssert.Close([4, 8, 16, 24], [2, 2], x, rtol: 0, atol: 0);
        x.AddInPlace(-0.5);
        TensorAssert.Close([3.5, 7.5, 15.5, 23.5], [2, 2], x, rtol: 0, atol: 0);
    }

    [Fact]
    public void AddInPlace_BroadcastsOtherToThisShape()
    {
        using var scope = new DisposeScope();
        var x = Tensor.Zeros([2, 3], ScalarType.Float64);
        x.AddInPlace(Tensor.FromArray(new double[] { 1, 2, 3 }, 3), -1);
        TensorAssert.Close([-1, -2, -3, -1, -2, -3], [2, 3], x, rtol: 0, atol: 0);
    }

    [Fact]
    public void MulInPlaceAndDivInPlace_ScaleElementWise()
    {
        using var scope = new DisposeScope();
        var x = Fresh();
        x.MulInPlace(Of(2, 0.5, -1, 0));
        TensorAssert.Close([2, 2, -9, 0], [2, 2], x, rtol: 0, atol: 0);
        x.MulInPlace(3);
        TensorAssert.Close([6, 6, -27, 0], [2, 2], x, rtol: 0, atol: 0);
        x.DivInPlace(Of(4, -3, 9, 5));
        TensorAssert.Close([1.5, -2, -3, 0], [2, 2], x, rtol: 0, atol: 0);
        x.DivInPlace(0.5);
        TensorAssert.Close([3, -4, -6, 0], [2, 2], x, rtol: 0, atol: 0);
    }

    [Fact]
    public void AddcmulInPlace_AddsValueTimesProduct()
    {
        using var scope = new DisposeScope();
        var x = Fresh();
        x.AddcmulInPlace(Of(1, 2, 3, 4), Of(2, 2, -1, 0.5), 0.5);
        TensorAssert.Close([2, 6, 7.5, 17], [2, 2], x, rtol: 0, atol: 0);
        x.AddcmulInPlace(Of(1, 1, 1, 1), Of(1, 2, 3, 4));
        TensorAssert.Close([3, 8, 10.5, 21], [2, 2], x, rtol: 0, atol: 0);
    }

    [Fact]
    public void AddcdivInPlace_AddsValueTimesQuotient()
    {
        using var scope = new DisposeScope();
        var x = Fresh();
        x.AddcdivInPlace(Of(1, 2, 3, 4), Of(2, 4, -1, 8), 2);
        TensorAssert.Close([2, 5, 3, 17], [2, 2], x, rtol: 0, atol: 0);
        x.AddcdivInPlace(Of(1, 1, 1, 1), Of(4, 4, 4, 4));
        TensorAssert.Close([2.25, 5.25, 3.25, 17.25], [2, 2], x, rtol: 0, atol: 0);
    }

    [Fact]
    public void LerpInPlace_MovesWeightOfTheWayToEnd()
    {
        using var scope = new DisposeScope();
        var x = Fresh();
        x.LerpInPlace(Of(5, 0, 9, 20), 0.25);
        TensorAssert.Close([2, 3, 9, 17], [2, 2], x, rtol: 0, atol: 0);
        x.LerpInPlace(Of(-1, -1, -1, -1), 1);
        TensorAssert.Close([-1, -1, -1, -1], [2, 2], x, rtol: 0, atol: 0);
    }

    [Fact]
    public void MaximumInPlace_KeepsTheLarger()
    {
        using var scope = new DisposeScope();
        var x = Fresh();
        x.MaximumInPlace(Of(2, 3, 10, -16));
        TensorAssert.Close([2, 4, 10, 16], [2, 2], x, rtol: 0, atol: 0);
    }

    [Fact]
    public void SqrtInPlace_TakesTheSquareRoot()
    {
        using var scope = new DisposeScope();
        var x = Fresh();
        x.SqrtInPlace();
        TensorAssert.Close([1, 2, 3, 4], [2, 2], x, rtol: 0, atol: 0);
    }

    [Fact]
    public void CopyFrom_BroadcastsTheSource()
    {
        using var scope = new DisposeScope();
        var x = Tensor.Zeros([2, 3], ScalarType.Float64);
        x.CopyFrom(Tensor.FromArray(new double[] { 1, 2, 3 }, 3));
        TensorAssert.Close([1, 2, 3, 1, 2, 3], [2, 3], x, rtol: 0, atol: 0);
        x.CopyFrom(Tensor.FromArray(new double[] { 7, 8 }, 2, 1));
        TensorAssert.Close([7, 7, 7, 8, 8, 8], [2, 3], x, rtol: 0, atol: 0);
    }

    [Fact]
    public void CopyFrom_ConvertsToThisDtype()
    {
        using var scope = new DisposeScope();
        var ints = Tensor.Zeros([3], ScalarType.Int32);
        ints.CopyFrom(Tensor.FromArray(new[] { 1.7, -2.2, 3.9 }, 3));
        Assert.Equal(ScalarType.Int32, ints.Dtype);
        Assert.Equal([1, -2, 3], ints.ToArray<int>());

        var floats = Tensor.Zeros([2]);
        floats.CopyFrom(Tensor.FromArray(new[] { 0.1, 1e-50 }, 2));
        Assert.Equal(ScalarType.Float32, floats.Dtype);
        Assert.Equal([0.1f, 0f], floats.ToArray<float>());
    }

    [Fact]
    public void ZeroInPlaceAndFillInPlace_SetEveryElement()
    {
        using var scope = new DisposeScope();
        var x = Fresh();
        x.FillInPlace(2.5);
        TensorAssert.Close([2.5, 2.5, 2.5, 2.5], [2, 2], x, rtol: 0, atol: 0);
        x.ZeroInPlace();
        TensorAssert.Close([0, 0, 0, 0], [2, 2], x, rtol: 0, atol: 0);
    }

    [Fact]
    public void InPlaceOperation_OnAView_ChangesItsSource()
    {
        using var scope = new DisposeScope();
        var x = Fresh();
        x.Select(0, 1).FillInPlace(-3);
        x.Select(1, 0).MulInPlace(10);
        TensorAssert.Close([10, 4, -30, -3], [2, 2], x, rtol: 0, atol: 0);
    }

    [Theory]
    [InlineData(0.0, 10.0, new double[] { 1, 4, 9, 10 })]
    [InlineData(2.0, 8.0, new double[] { 2, 4, 8, 8 })]
    [InlineData(5.0, null, new double[] { 5, 5, 9, 16 })]
    [InlineData(null, 3.0, new double[] { 1, 3, 3, 3 })]
    public void ClampInPlace_LimitsToTheGivenBounds(double? min, double? max, double[] expected)
    {
        using var scope = new DisposeScope();
        var x = Fresh();
        x.ClampInPlace(min, max);
        TensorAssert.Close(expected, [2, 2], x, rtol: 0, atol: 0);
    }

    [Theory]
    [InlineData("AddInPlace", new double[] { 2, 5, 10, 17 })]
    [InlineData("AddInPlaceTensor", new double[] { 0.5, 3.5, 8.5, 15.5 })]
    [InlineData("MulInPlace", new double[] { 2, 8, 18, 32 })]
    [InlineData("DivInPlace", new double[] { 0.5, 2, 4.5, 8 })]
    [InlineData("SqrtInPlace", new double[] { 1, 2, 3, 4 })]
    [InlineData("CopyFrom", new double[] { 7, 7, 7, 7 })]
    [InlineData("ZeroInPlace", new double[] { 0, 0, 0, 0 })]
    [InlineData("FillInPlace", new double[] { -1, -1, -1, -1 })]
    [InlineData("ClampInPlace", new double[] { 2, 4, 9, 10 })]
    public void InPlaceOperation_OnALeafThatRequiresGrad_WorksOnlyInsideNoGrad(string operation, double[] expected)
    {
        using var scope = new DisposeScope();
        var weight = Fresh().WithRequiresGrad();
        Assert.True(Autograd.IsGradEnabled);

        Assert.Throws<TorchException>(() => Apply(operation, weight));
        TensorAssert.Close(Start, [2, 2], weight.Detach(), rtol: 0, atol: 0);

        using (Autograd.NoGrad())
        {
            Assert.False(Autograd.IsGradEnabled);
            Apply(operation, weight);
        }

        Assert.True(Autograd.IsGradEnabled);
        Assert.True(weight.RequiresGrad);
        Assert.True(weight.IsLeaf);
        TensorAssert.Close(expected, [2, 2], weight.Detach(), rtol: 0, atol: 0);
    }

    private static void Apply(string operation, Tensor weight)
    {
        switch (operation)
        {
            case "AddInPlace":
                weight.AddInPlace(1);
                break;
            case "AddInPlaceTensor":
                weight.AddInPlace(Of(1, 1, 1, 1), -0.5);
                break;
            case "MulInPlace":
                weight.MulInPlace(2);
                break;
            case "DivInPlace":
                weight.DivInPlace(Of(2, 2, 2, 2));
                break;
            case "SqrtInPlace":
                weight.SqrtInPlace();
                break;
            case "CopyFrom":
                weight.CopyFrom(Tensor.Scalar(7, ScalarType.Float64));
                break;
            case "ZeroInPlace":
                weight.ZeroInPlace();
                break;
            case "FillInPlace":
                weight.FillInPlace(-1);
                break;
            case "ClampInPlace":
                weight.ClampInPlace(2, 10);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "Unknown operation.");
        }
    }
}

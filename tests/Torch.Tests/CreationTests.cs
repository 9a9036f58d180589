// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Torch.Tests.Support;

namespace LayersFramework.Torch.Tests;

public sealed class CreationTests
{
    [Fact]
    public void Zeros_IsFloat32ZerosOfTheShape_WhenNoDtypeGiven()
    {
        using var x = Tensor.Zeros([2, 3]);
        Assert.Equal(ScalarType.Float32, x.Dtype);
        Assert.Equal(6, x.NumElements);
        TensorAssert.Close(new double[6], [2, 3], x, rtol: 0, atol: 0);
    }

    [Theory]
    [InlineData(ScalarType.Float64)]
    [InlineData(ScalarType.Float16)]
    [InlineData(ScalarType.Int64)]
    [InlineData(ScalarType.Int32)]
    [InlineData(ScalarType.UInt8)]
    public void Ones_IsAllOnesOfTheDtype_WhenDtypeGiven(ScalarType dtype)
    {
        using var x = Tensor.Ones([3, 1, 2], dtype);
        Assert.Equal(dtype, x.Dtype);
        TensorAssert.Close([1, 1, 1, 1, 1, 1], [3, 1, 2], x, rtol: 0, atol: 0);
    }

    [Fact]
    public void Full_FillsEveryElement_WithTheValue()
    {
        using var x = Tensor.Full([2, 2], 2.5);
        using var n = Tensor.Full([3], -7, ScalarType.Int64);
        TensorAssert.Close([2.5, 2.5, 2.5, 2.5], [2, 2], x, rtol: 0, atol: 0);
        Assert.Equal(ScalarType.Int64, n.Dtype);
        Assert.Equal(new long[] { -7, -7, -7 }, n.ToArray<long>());
    }

    [Fact]
    public void Arange_CountsFromZero_WhenOnlyEndGiven()
    {
        using var x = Tensor.Arange(5);
        Assert.Equal(ScalarType.Float32, x.Dtype);
        TensorAssert.Close([0, 1, 2, 3, 4], [5], x, rtol: 0, atol: 0);
    }

    [Fact]
    public void Arange_ExcludesEnd_WhenStepIsFractional()
    {
        using var x = Tensor.Arange(1, 2, 0.25, ScalarType.Float64);
        using var y = Tensor.Arange(0, 1, 0.3, ScalarType.Float64);
        TensorAssert.Close([1, 1.25, 1.5, 1.75], [4], x, rtol: 0, atol: 0);
        TensorAssert.Close([0, 0.3, 0.6, 0.9], [4], y, rtol: 1e-12, atol: 1e-12);
    }

    [Fact]
    public void Arange_CountsDown_WhenStepIsNegative()
    {
        using var x = Tensor.Arange(5, 0, -2, ScalarType.Int64);
        Assert.Equal(ScalarType.Int64, x.Dtype);
        Assert.Equal(new long[] { 5, 3, 1 }, x.ToArray<long>());
    }

    [Theory]
    [InlineData(0, 1, 5, new[] { 0, 0.25, 0.5, 0.75, 1 })]
    [InlineData(-1, 1, 3, new[] { -1.0, 0, 1 })]
    [InlineData(3, -3, 4, new[] { 3.0, 1, -1, -3 })]
    [InlineData(2, 9, 1, new[] { 2.0 })]
    public void Linspace_SpacesEvenly_IncludingBothEnds(double start, double end, long steps, double[] expected)
    {
        using var x = Tensor.Linspace(start, end, steps, ScalarType.Float64);
        TensorAssert.Close(expected, [steps], x, rtol: 1e-12, atol: 1e-12);
    }

    [Fact]
    public void Eye_IsIdentity_WhenSquare()
    {
        using var x = Tensor.Eye(3);
        TensorAssert.Close([1, 0, 0, 0, 1, 0, 0, 0, 1], [3, 3], x, rtol: 0, atol: 0);
    }

    [Fact]
    public void Eye_HasOnesOnTheMainDiagonal_WhenRectangular()
    {
        using var wide = Tensor.Eye(2, 3);
        using var tall = Tensor.Eye(3, 2, ScalarType.Int64);
        TensorAssert.Close([1, 0, 0, 0, 1, 0], [2, 3], wide, rtol: 0, atol: 0);
        Assert.Equal(ScalarType.Int64, tall.Dtype);
        TensorAssert.Close([1, 0, 0, 1, 0, 0], [3, 2], tall, rtol: 0, atol: 0);
    }

    [Fact]
    public void LikeFactories_TakeShapeAndDtype_FromTheirArgument()
    {
        using var scope = new DisposeScope();
        var like = Tensor.FromArray([9, 8, 7, 6, 5, 4], 3, 2);
        var zeros = Tensor.ZerosLike(like);
        var ones = Tensor.OnesLike(like);
        var full = Tensor.FullLike(Tensor.FromArray(new double[] { 1, 2 }, 2, 1), 4.5);

        Assert.Equal(ScalarType.Int32, zeros.Dtype);
        Assert.Equal([0, 0, 0, 0, 0, 0], zeros.ToArray<int>());
        Assert.Equal(new long[] { 3, 2 }, zeros.Shape);
        Assert.Equal(ScalarType.Int32, ones.Dtype);
        Assert.Equal([1, 1, 1, 1, 1, 1], ones.ToArray<int>());
        Assert.Equal(ScalarType.Float64, full.Dtype);
        TensorAssert.Close([4.5, 4.5], [2, 1], full, rtol: 0, atol: 0);
    }

    [Fact]
    public void Scalar_IsZeroDimensional_WithOneElement()
    {
        using var x = Tensor.Scalar(3.5);
        using var n = Tensor.Scalar(-2, ScalarType.Int64);
        Assert.Equal(0, x.Rank);
        Assert.Empty(x.Shape);
        Assert.Equal(1, x.NumElements);
        Assert.Equal(ScalarType.Float32, x.Dtype);
        Assert.Equal(3.5, x.Item());
        Assert.Equal(ScalarType.Int64, n.Dtype);
        Assert.Equal(new long[] { -2 }, n.ToArray<long>());
    }

    [Fact]
    public void Empty_HasTheShapeAndDtype_IncludingZeroSizes()
    {
        using var x = Tensor.Empty([2, 0, 3]);
        using var y = Tensor.Empty([4], ScalarType.Float64);
        using var s = Tensor.Empty([]);
        Assert.Equal(new long[] { 2, 0, 3 }, x.Shape);
        Assert.Equal(0, x.NumElements);
        Assert.Empty(x.ToArray<float>());
        Assert.Equal(new long[] { 4 }, y.Shape);
        Assert.Equal(ScalarType.Float64, y.Dtype);
        Assert.Equal(0, s.Rank);
        Assert.Equal(1, s.NumElements);
    }

    [Fact]
    public void FromArray_RoundTrips_EveryElementType()
    {
        using var scope = new DisposeScope();
        var f = Tensor.FromArray(new[] { 1.5f, -2.25f, 3e-8f, float.MaxValue }, 2, 2);
        var d = Tensor.FromArray(new[] { 0.1, -1e300, double.Epsilon }, 3);
        var l = Tensor.FromArray(new[] { long.MinValue, 0, long.MaxValue }, 3, 1);
        var i = Tensor.FromArray(new[] { int.MinValue, -1, int.MaxValue }, 1, 3);
        var b = Tensor.FromArray([true, false, false, true], 4);
        var u = Tensor.FromArray(new byte[] { 0, 1, 128, 255 }, 2, 2);
        var h = Tensor.FromArray(new[] { (Half)0.5, (Half)(-2), Half.MaxValue, Half.Epsilon }, 4);

        Assert.Equal(ScalarType.Float32, f.Dtype);
        Assert.Equal(new long[] { 2, 2 }, f.Shape);
        Assert.Equal(new[] { 1.5f, -2.25f, 3e-8f, float.MaxValue }, f.ToArray<float>());
        Assert.Equal(ScalarType.Float64, d.Dtype);
        Assert.Equal(new[] { 0.1, -1e300, double.Epsilon }, d.ToArray<double>());
        Assert.Equal(ScalarType.Int64, l.Dtype);
        Assert.Equal(new long[] { 3, 1 }, l.Shape);
        Assert.Equal(new[] { long.MinValue, 0, long.MaxValue }, l.ToArray<long>());
        Assert.Equal(ScalarType.Int32, i.Dtype);
        Assert.Equal(new long[] { 1, 3 }, i.Shape);
        Assert.Equal(new[] { int.MinValue, -1, int.MaxValue }, i.ToArray<int>());
        Assert.Equal(ScalarType.Bool, b.Dtype);
        Assert.Equal([true, false, false, true], b.ToArray<bool>());
        Assert.Equal(ScalarType.UInt8, u.Dtype);
        Assert.Equal(new byte[] { 0, 1, 128, 255 }, u.ToArray<byte>());
        Assert.Equal(ScalarType.Float16, h.Dtype);
        Assert.Equal(new[] { (Half)0.5, (Half)(-2), Half.MaxValue, Half.Epsilon }, h.ToArray<Half>());
    }

    [Fact]
    public void ToArray_ConvertsBetweenDtypes_WhenElementTypeDiffers()
    {
        using var scope = new DisposeScope();
        var f = Tensor.FromArray(new[] { 0.1f, -2.7f, 2.7f, 0f }, 4);
        var d = Tensor.FromArray(new[] { 0.1, 1e40, 1.0 / 3 }, 3);
        var n = Tensor.FromArray(new[] { 0, 3, -5, 255 }, 4);
        var b = Tensor.FromArray([true, false], 2);
        var h = Tensor.FromArray(new[] { (Half)0.1 }, 1);

        Assert.Equal(new[] { (double)0.1f, (double)-2.7f, (double)2.7f, 0 }, f.ToArray<double>());
        Assert.Equal(new long[] { 0, -2, 2, 0 }, f.ToArray<long>()); // truncation toward zero
        Assert.Equal([true, true, true, false], f.ToArray<bool>());
        Assert.Equal(new[] { 0.1f, float.PositiveInfinity, 1f / 3 }, d.ToArray<float>());
        Assert.Equal(new[] { 0.0, 3, -5, 255 }, n.ToArray<double>());
        Assert.Equal([false, true, true, true], n.ToArray<bool>());
        Assert.Equal([1f, 0f], b.ToArray<float>());
        Assert.Equal(new long[] { 1, 0 }, b.ToArray<long>());
        Assert.Equal(new[] { (double)(Half)0.1 }, h.ToArray<double>());
    }

    [Fact]
    public void FromArray_Throws_WhenDataLengthDoesNotMatchShape()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new float[5], 2, 3));
        Assert.Equal("data", error.ParamName);
        Assert.Contains("(2, 3)", error.Message, StringComparison.Ordinal);
        Assert.Contains("6", error.Message, StringComparison.Ordinal);
        Assert.Contains("5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromArray_Throws_WhenASizeIsNegative()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Tensor.FromArray(new double[6], 2, -3));
        Assert.Equal("shape", error.ParamName);
        Assert.Contains("(2, -3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Factories_Throw_WhenASizeIsNegative()
    {
        Assert.Equal("shape", Assert.ThrowsAny<ArgumentException>(() => Tensor.Zeros([-1])).ParamName);
        Assert.Equal("shape", Assert.ThrowsAny<ArgumentException>(() => Tensor.Full([1, -2], 0)).ParamName);
    }

    [Fact]
    public void ToArray_Throws_WhenElementTypeIsUnsupported()
    {
        using var x = Tensor.Ones([2]);
        var error = Assert.Throws<NotSupportedException>(() => x.ToArray<ulong>());
        Assert.Contains("UInt64", error.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => Tensor.FromSpan<ulong>(new ulong[] { 1 }, [1]));
    }

    [Fact]
    public void To_Float64AndBack_PreservesFloat32Values()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new[] { 0.1f, 1f / 3, -1e30f }, 3);
        var wide = x.To(ScalarType.Float64);
        var back = wide.To(ScalarType.Float32);
        Assert.Equal(ScalarType.Float64, wide.Dtype);
        Assert.Equal(new[] { (double)0.1f, (double)(1f / 3), (double)-1e30f }, wide.ToArray<double>());
        Assert.Equal(ScalarType.Float32, back.Dtype);
        Assert.Equal(new[] { 0.1f, 1f / 3, -1e30f }, back.ToArray<float>());
    }

    [Fact]
    public void To_Float16_RoundsToNearestHalf()
    {
        using var scope = new DisposeScope();
        float[] values = [1f, 0.1f, 1f / 3, 1000.3f, 70000f];
        var half = Tensor.FromArray(values, 5).To(ScalarType.Float16);
        Assert.Equal(ScalarType.Float16, half.Dtype);
        Assert.Equal(Array.ConvertAll(values, v => (Half)v), half.ToArray<Half>());
        var back = half.To(ScalarType.Float32).ToArray<float>();
        Assert.Equal(new[] { 1f, (float)(Half)0.1f, 0.333251953125f, 1000.5f, float.PositiveInfinity }, back);
    }

    [Fact]
    public void To_BFloat16_RoundsToEightSignificantBits_HalfToEven()
    {
        using var scope = new DisposeScope();

        // bfloat16 keeps 7 fraction bits: neighbours of 1 are 1 and 1 + 2⁻⁷. 1 + 2⁻⁸ is a tie and rounds to
        // the even 1; 1 + 3·2⁻⁸ is a tie between 1 + 2⁻⁷ (odd) and 1 + 2⁻⁶ (even); 1 + 2⁻⁹ rounds down.
        var x = Tensor.FromArray(new[] { 1f, 1.00390625f, 1.01171875f, 1.001953125f, 3.15625f, -256.5f }, 6);
        var bf = x.To(ScalarType.BFloat16);
        Assert.Equal(ScalarType.BFloat16, bf.Dtype);
        var expected = new[] { 1f, 1f, 1.015625f, 1f, 3.15625f, -256f };
        Assert.Equal(expected, bf.ToArray<float>());
        Assert.Equal(expected, bf.To(ScalarType.Float32).ToArray<float>());
    }

    [Fact]
    public void Item_ReadsTheOnlyElement_AsDouble()
    {
        using var a = Tensor.Scalar(2.5);
        using var b = Tensor.FromArray(new long[] { 7 }, 1, 1);
        using var c = Tensor.FromArray([true], 1);
        Assert.Equal(2.5, a.Item());
        Assert.Equal(7, b.Item());
        Assert.Equal(1, c.Item());
    }

    [Fact]
    public void Item_Throws_WhenTensorHasSeveralElements()
    {
        using var x = Tensor.Ones([2]);
        Assert.Throws<TorchException>(() => x.Item());
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 3)]
    [InlineData(2, 4)]
    [InlineData(-1, 4)]
    [InlineData(-2, 3)]
    [InlineData(-3, 2)]
    public void Size_ReturnsTheDimension_CountingNegativeFromTheEnd(int dim, long expected)
    {
        using var x = Tensor.Zeros([2, 3, 4]);
        Assert.Equal(expected, x.Size(dim));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-4)]
    public void Size_Throws_WhenDimensionIsOutOfRange(int dim)
    {
        using var x = Tensor.Zeros([2, 3, 4]);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => x.Size(dim));
        Assert.Equal("dim", error.ParamName);
        Assert.Contains("(2, 3, 4)", error.Message, StringComparison.Ordinal);
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using LayersFramework.Torch.Tests.Support;

namespace LayersFramework.Torch.Tests;

public sealed class LinalgTests
{
    /// <summary>A full-rank 4×3 matrix, row-major.</summary>
    private static readonly double[] Tall = [1, 2, 3, 4, 5, 6, 7, 8, 10, 2, -1, 0];

    private static readonly double Sqrt5 = Math.Sqrt(5);

    [Fact]
    public void Matmul_MultipliesMatrices()
    {
        using var scope = new DisposeScope();
        var a = Tensor.FromArray(new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var b = Tensor.FromArray(new double[] { 7, 8, 9, 10, 11, 12 }, 3, 2);
        TensorAssert.Close([58, 64, 139, 154], [2, 2], a.Matmul(b), rtol: 0, atol: 0);
        TensorAssert.Close([39, 54, 69, 49, 68, 87, 59, 82, 105], [3, 3], b.Matmul(a), rtol: 0, atol: 0);
    }

    [Fact]
    public void Matmul_HandlesVectors()
    {
        using var scope = new DisposeScope();
        var a = Tensor.FromArray(new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var v = Tensor.FromArray(new double[] { 1, 0, -1 }, 3);
        var w = Tensor.FromArray(new double[] { 4, 5, 6 }, 3);
        var u = Tensor.FromArray(new double[] { 1, -1 }, 2);
        TensorAssert.Close([-2, -2], [2], a.Matmul(v), rtol: 0, atol: 0);
        TensorAssert.Close([-3, -3, -3], [3], u.Matmul(a), rtol: 0, atol: 0);
        TensorAssert.Close([-2], [], v.Matmul(w), rtol: 0, atol: 0);
    }

    [Fact]
    public void Matmul_BroadcastsBatchDimensions()
    {
        using var scope = new DisposeScope();
        var left = Enumerable.Range(0, 2 * 2 * 3).Select(i => (i * 0.5) - 2).ToArray();
        var right = Enumerable.Range(0, 3 * 2).Select(i => (i * i) - 4.0).ToArray();

        // (2, 2, 3) @ (3, 2): the right matrix is shared by both batches.
        var product = Tensor.FromArray(left, 2, 2, 3).Matmul(Tensor.FromArray(right, 3, 2));
        var expected = MatMul(left[..6], right, 2, 3, 2).Concat(MatMul(left[6..], right, 2, 3, 2)).ToArray();
        TensorAssert.Close(expected, [2, 2, 2], product, rtol: 1e-15, atol: 0);

        // (2, 1, 2, 3) @ (3, 3, 2): batch dimensions (2, 1) and (3) broadcast to (2, 3).
        var many = Enumerable.Range(0, 3 * 3 * 2).Select(i => Math.Sin(i)).ToArray();
        var broadcast = Tensor.FromArray(left, 2, 1, 2, 3).Matmul(Tensor.FromArray(many, 3, 3, 2));
        var all = new double[2 * 3 * 4];
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                MatMul(left[(i * 6)..((i + 1) * 6)], many[(j * 6)..((j + 1) * 6)], 2, 3, 2).CopyTo(all, ((i * 3) + j) * 4);
            }
        }

        TensorAssert.Close(all, [2, 3, 2, 2], broadcast, rtol: 1e-14, atol: 1e-14);
    }

    [Fact]
    public void Outer_MultipliesEveryPair()
    {
        using var scope = new DisposeScope();
        var a = Tensor.FromArray(new double[] { 1, 2 }, 2);
        var b = Tensor.FromArray(new double[] { 3, 4, 5 }, 3);
        TensorAssert.Close([3, 4, 5, 6, 8, 10], [2, 3], a.Outer(b), rtol: 0, atol: 0);
        TensorAssert.Close([3, 6, 4, 8, 5, 10], [3, 2], b.Outer(a), rtol: 0, atol: 0);
    }

    [Fact]
    public void Qr_Reduced_GivesOrthonormalQ_UpperTriangularR_AndReproducesA()
    {
        using var scope = new DisposeScope();
        var (q, r) = Linalg.Qr(Tensor.FromArray(Tall, 4, 3));
        Assert.Equal(new long[] { 4, 3 }, q.Shape);
        Assert.Equal(new long[] { 3, 3 }, r.Shape);
        var qv = q.ToArray<double>();
        var rv = r.ToArray<double>();
        TensorAssert.Close(Identity(3), MatMul(Transpose(qv, 4, 3), qv, 3, 4, 3), rtol: 0, atol: 1e-14);
        AssertUpperTriangular(rv, 3, 3);
        TensorAssert.Close(Tall, MatMul(qv, rv, 4, 3, 3), rtol: 0, atol: 1e-13);
    }

    [Fact]
    public void Qr_Complete_GivesSquareQ_AndRWithZeroRows()
    {
        using var scope = new DisposeScope();
        var (q, r) = Linalg.Qr(Tensor.FromArray(Tall, 4, 3), "complete");
        Assert.Equal(new long[] { 4, 4 }, q.Shape);
        Assert.Equal(new long[] { 4, 3 }, r.Shape);
        var qv = q.ToArray<double>();
        var rv = r.ToArray<double>();
        TensorAssert.Close(Identity(4), MatMul(Transpose(qv, 4, 4), qv, 4, 4, 4), rtol: 0, atol: 1e-14);
        AssertUpperTriangular(rv, 4, 3);
        TensorAssert.Close(Tall, MatMul(qv, rv, 4, 4, 3), rtol: 0, atol: 1e-13);
    }

    [Fact]
    public void Qr_ModeR_GivesEmptyQ_AndRWithTheGramMatrixOfA()
    {
        using var scope = new DisposeScope();
        var (q, r) = Linalg.Qr(Tensor.FromArray(Tall, 4, 3), "r");
        Assert.Equal(0, q.NumElements);
        Assert.Equal(new long[] { 3, 3 }, r.Shape);
        var rv = r.ToArray<double>();
        AssertUpperTriangular(rv, 3, 3);
        TensorAssert.Close(MatMul(Transpose(Tall, 4, 3), Tall, 3, 4, 3), MatMul(Transpose(rv, 3, 3), rv, 3, 3, 3), rtol: 1e-13, atol: 1e-12);
    }

    [Fact]
    public void Qr_MatchesHandComputedFactors_UpToSigns()
    {
        using var scope = new DisposeScope();

        // A = [[3, 0], [4, 5]]: the first column has norm 5, so q₁ = ±(3/5, 4/5), r₁₂ = q₁·(0, 5) = ±4 and |r₂₂| = det / 5 = 3.
        var (q, r) = Linalg.Qr(Tensor.FromArray(new double[] { 3, 0, 4, 5 }, 2, 2));
        var rv = r.ToArray<double>().Select(Math.Abs).ToArray();
        TensorAssert.Close([5, 4, 0, 3], rv, rtol: 0, atol: 1e-14);
        var qv = q.ToArray<double>().Select(Math.Abs).ToArray();
        TensorAssert.Close([0.6, 0.8, 0.8, 0.6], qv, rtol: 0, atol: 1e-14);
    }

    [Theory]
    [InlineData("full")]
    [InlineData("Reduced")]
    [InlineData("")]
    public void Qr_Throws_WhenModeIsUnknown(string mode)
    {
        using var a = Tensor.Eye(2, dtype: ScalarType.Float64);
        var error = Assert.Throws<ArgumentException>(() => Linalg.Qr(a, mode));
        Assert.Equal("mode", error.ParamName);
    }

    [Fact]
    public void Svd_GivesKnownSingularValues_AndReproducesA()
    {
        using var scope = new DisposeScope();

        // [[3, 0], [4, 5]]: AᵀA = [[25, 20], [20, 25]] has eigenvalues 45 and 5.
        double[] a = [3, 0, 4, 5];
        var (u, s, vh) = Linalg.Svd(Tensor.FromArray(a, 2, 2));
        TensorAssert.Close([3 * Sqrt5, Sqrt5], [2], s, rtol: 1e-14, atol: 0);
        var uv = u.ToArray<double>();
        var vv = vh.ToArray<double>();
        TensorAssert.Close(Identity(2), MatMul(Transpose(uv, 2, 2), uv, 2, 2, 2), rtol: 0, atol: 1e-14);
        TensorAssert.Close(Identity(2), MatMul(vv, Transpose(vv, 2, 2), 2, 2, 2), rtol: 0, atol: 1e-14);
        TensorAssert.Close(a, MatMul(MatMul(uv, Diagonal(s.ToArray<double>(), 2, 2), 2, 2, 2), vv, 2, 2, 2), rtol: 0, atol: 1e-13);
    }

    [Fact]
    public void Svd_Reduced_HasThinShapes_DescendingValues_AndReproducesA()
    {
        using var scope = new DisposeScope();
        var (u, s, vh) = Linalg.Svd(Tensor.FromArray(Tall, 4, 3));
        Assert.Equal(new long[] { 4, 3 }, u.Shape);
        Assert.Equal(new long[] { 3 }, s.Shape);
        Assert.Equal(new long[] { 3, 3 }, vh.Shape);
        var sv = s.ToArray<double>();
        Assert.True(sv[0] >= sv[1] && sv[1] >= sv[2] && sv[2] > 0, "Singular values are not descending and positive.");
        var uv = u.ToArray<double>();
        TensorAssert.Close(Identity(3), MatMul(Transpose(uv, 4, 3), uv, 3, 4, 3), rtol: 0, atol: 1e-14);
        var us = MatMul(uv, Diagonal(sv, 3, 3), 4, 3, 3);
        TensorAssert.Close(Tall, MatMul(us, vh.ToArray<double>(), 4, 3, 3), rtol: 0, atol: 1e-13);

        // The squares of the singular values sum to the squared Frobenius norm.
        TensorAssert.Close([Tall.Sum(v => v * v)], [sv.Sum(v => v * v)], rtol: 1e-13, atol: 0);
    }

    [Fact]
    public void Svd_FullMatrices_GivesSquareU()
    {
        using var scope = new DisposeScope();
        var (u, s, vh) = Linalg.Svd(Tensor.FromArray(Tall, 4, 3), fullMatrices: true);
        Assert.Equal(new long[] { 4, 4 }, u.Shape);
        Assert.Equal(new long[] { 3, 3 }, vh.Shape);
        var uv = u.ToArray<double>();
        TensorAssert.Close(Identity(4), MatMul(Transpose(uv, 4, 4), uv, 4, 4, 4), rtol: 0, atol: 1e-14);
        var us = MatMul(uv, Diagonal(s.ToArray<double>(), 4, 3), 4, 4, 3);
        TensorAssert.Close(Tall, MatMul(us, vh.ToArray<double>(), 4, 3, 3), rtol: 0, atol: 1e-13);
    }

    [Fact]
    public void SvdVals_AreTheDescendingSingularValues()
    {
        using var scope = new DisposeScope();
        var diagonal = Tensor.FromArray(new double[] { 1, 0, 0, 0, -5, 0, 0, 0, 2 }, 3, 3);
        TensorAssert.Close([5, 2, 1], [3], Linalg.SvdVals(diagonal), rtol: 1e-14, atol: 0);
        var batch = Tensor.FromArray(new double[] { 3, 0, 4, 5, 0, 2, 0, 0 }, 2, 2, 2);
        TensorAssert.Close([3 * Sqrt5, Sqrt5, 2, 0], [2, 2], Linalg.SvdVals(batch), rtol: 1e-14, atol: 1e-15);
    }

    private static double[] MatMul(double[] a, double[] b, int n, int k, int m)
    {
        var c = new double[n * m];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++)
            {
                for (var p = 0; p < k; p++)
                {
                    c[(i * m) + j] += a[(i * k) + p] * b[(p * m) + j];
                }
            }
        }

        return c;
    }

    private static double[] Transpose(double[] a, int rows, int columns)
    {
        var t = new double[a.Length];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                t[(j * rows) + i] = a[(i * columns) + j];
            }
        }

        return t;
    }

    private static double[] Diagonal(double[] values, int rows, int columns)
    {
        var d = new double[rows * columns];
        for (var i = 0; i < values.Length; i++)
        {
            d[(i * columns) + i] = values[i];
        }

        return d;
    }

    private static double[] Identity(int n) => Diagonal(Enumerable.Repeat(1.0, n).ToArray(), n, n);

    private static void AssertUpperTriangular(double[] r, int rows, int columns)
    {
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < Math.Min(i, columns); j++)
            {
                Assert.Equal(0, r[(i * columns) + j]);
            }
        }
    }
}

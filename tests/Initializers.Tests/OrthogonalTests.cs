// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Initializers.Tests;

/// <summary>Keras's Orthogonal and Identity initializers (keras/src/initializers/random_initializers.py, constant_initializers.py).</summary>
public sealed class OrthogonalTests
{
    public static TheoryData<long[], double> Shapes => new()
    {
        { [6, 4], 1.0 },           // tall: orthonormal columns
        { [4, 6], 1.0 },           // wide: orthonormal rows
        { [5, 5], 2.0 },           // square, with gain
        { [3, 3, 4, 8], 0.5 },     // a conv kernel: rows 36, cols 8
        { [2, 3, 10], 1.0 },       // rows 6 < cols 10: orthonormal rows of the (6, 10) matrix
        { [1, 7], 3.0 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Result_FlattenedToRowsByCols_IsOrthogonalTimesGain(long[] shape, double gain)
    {
        using var scope = NewDisposeScope();
        var weights = new Orthogonal(gain, seed: 1).Initialize(shape, ScalarType.Float64);
        var rows = shape[..^1].Aggregate(1L, (a, b) => a * b);
        var cols = shape[^1];
        var matrix = weights.reshape(rows, cols);

        var gram = rows >= cols ? matrix.transpose(0, 1).matmul(matrix) : matrix.matmul(matrix.transpose(0, 1));
        var size = Math.Min(rows, cols);
        var expected = eye(size, dtype: ScalarType.Float64) * (gain * gain);

        Assert.Equal(shape, weights.shape);
        Assert.True(gram.allclose(expected, rtol: 0, atol: 1e-12), $"Gram matrix (row-major): {string.Join(", ", TensorAssert.Values(gram))}");
    }

    [Fact]
    public void Result_InFloat32_IsOrthogonal()
    {
        using var scope = NewDisposeScope();
        var weights = new Orthogonal(seed: 2).Initialize([64, 32]);
        var gram = weights.transpose(0, 1).matmul(weights);

        Assert.Equal(ScalarType.Float32, weights.dtype);
        Assert.True(gram.allclose(eye(32), rtol: 0, atol: 1e-5));
    }

    [Theory]
    [InlineData(7L, 4L)]
    [InlineData(3L, 5L)]
    public void SignsOfRsDiagonal_AreApplied_SoThatQTransposeADrawIsUpperTriangularWithPositiveDiagonal(long rows, long cols)
    {
        // Keras draws A of shape (max, min) and returns Q·diag(sign(diag R)): then A = Q'R' with R' = Q'ᵀA upper
        // triangular with a POSITIVE diagonal, a property of the sign rule alone.
        using var scope = NewDisposeScope();
        using var generator = new Generator(31);
        var a = randn([Math.Max(rows, cols), Math.Min(rows, cols)], ScalarType.Float64, generator: generator);
        var weights = new Orthogonal(seed: 31).Initialize([rows, cols], ScalarType.Float64);
        var q = rows < cols ? weights.transpose(0, 1) : weights;

        var r = TensorAssert.Values(q.transpose(0, 1).matmul(a));
        var n = (int)Math.Min(rows, cols);
        for (var i = 0; i < n; i++)
        {
            Assert.True(r[(i * n) + i] > 0, $"R'[{i}, {i}] = {r[(i * n) + i]}");
            for (var j = 0; j < i; j++)
            {
                Assert.True(Math.Abs(r[(i * n) + j]) < 1e-12, $"R'[{i}, {j}] = {r[(i * n) + j]}");
            }
        }
    }

    [Theory]
    [InlineData(new long[] { 5 })]
    [InlineData(new long[0])]
    public void Orthogonal_BelowRankTwo_Throws(long[] shape)
    {
        var error = Assert.Throws<ArgumentException>(() => new Orthogonal().Initialize(shape));

        Assert.Equal("shape", error.ParamName);
        Assert.Contains("must be at least two-dimensional", error.Message, StringComparison.Ordinal);
        Assert.Contains($"of rank {shape.Length}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_IsGainTimesEye_ForRectangularShapes()
    {
        using var scope = NewDisposeScope();

        Assert.Equal(new double[] { 2, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 2, 0, 0 }, TensorAssert.Values(new Identity(2).Initialize([3, 5])));
        Assert.Equal(new double[] { 1, 0, 0, 1, 0, 0 }, TensorAssert.Values(new Identity().Initialize([3, 2])));
        Assert.Equal(new double[] { -0.5, 0, 0, -0.5 }, TensorAssert.Values(new Identity(-0.5).Initialize([2, 2])));
        Assert.Equal(ScalarType.Float64, new Identity().Initialize([2, 2], ScalarType.Float64).dtype);
    }

    [Theory]
    [InlineData(new long[] { 3 })]
    [InlineData(new long[] { 2, 2, 2 })]
    [InlineData(new long[0])]
    public void Identity_NotRankTwo_Throws(long[] shape)
    {
        var error = Assert.Throws<ArgumentException>(() => new Identity().Initialize(shape));

        Assert.Equal("shape", error.ParamName);
        Assert.Contains("only be used for 2-D matrices", error.Message, StringComparison.Ordinal);
        Assert.Contains(Tuples.Format(shape), error.Message, StringComparison.Ordinal);
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.


namespace LayersFramework.Constraints.Tests;

/// <summary>tf-keras's RadialConstraint, as its code (tf_keras/constraints.py) behaves, which differs from its docstring.</summary>
public sealed class RadialConstraintTests
{
    private const int A = 2;
    private const int B = 3;

    public static TheoryData<int> Widths => new() { 3, 4, 5, 6 };

    [Theory]
    [MemberData(nameof(Widths))]
    public void EverySlice_HasAConstantColumn0_AndCeilHalfWidthDistinctValues_AllFromItsDiagonal(int width)
    {
        using var scope = NewDisposeScope();
        var (w, values) = Kernel(width);

        var constrained = new RadialConstraint().Apply(w);

        Assert.Equal(w.shape, constrained.shape);
        var result = constrained.data<double>().ToArray();
        for (var i = 0; i < A; i++)
        {
            for (var j = 0; j < B; j++)
            {
                var slice = Slice(result, width, i, j);
                var diagonal = Enumerable.Range(0, width).Select(k => values[Index(width, k, k, i, j)]).ToHashSet();
                Assert.All(Enumerable.Range(0, width), r => Assert.Equal(slice[r, 0], slice[0, 0]));
                Assert.Equal((width + 1) / 2, slice.Cast<double>().Distinct().Count());
                Assert.All(slice.Cast<double>(), v => Assert.Contains(v, diagonal));
            }
        }
    }

    [Theory]
    [InlineData(3, new[] { 0 }, 1)]
    [InlineData(4, new[] { 1 }, 3)]
    [InlineData(5, new[] { 1, 2 }, 3)]
    [InlineData(6, new[] { 2, 4 }, 5)]
    public void RingsHoldTheDiagonalValuesOfTfKerasCode(int width, int[] innerToOuterBeforeLast, int outer)
    {
        // Centre first, then each ring outwards: 3x3 v00 | v11; 4x4 v11 | v33; 5x5 v11 | v22 | v33; 6x6 v22 | v44 | v55.
        using var scope = NewDisposeScope();
        var (w, values) = Kernel(width);

        var result = new RadialConstraint().Apply(w).data<double>().ToArray();

        int[] sources = [.. innerToOuterBeforeLast, outer];
        var centreLevel = (width - 1) / 2;
        for (var i = 0; i < A; i++)
        {
            for (var j = 0; j < B; j++)
            {
                var slice = Slice(result, width, i, j);
                for (var r = 0; r < width; r++)
                {
                    for (var c = 0; c < width; c++)
                    {
                        var level = Math.Min(Math.Min(r, c), Math.Min(width - 1 - r, width - 1 - c)); // 0 = outer ring
                        var k = sources[centreLevel - level];
                        Assert.Equal(values[Index(width, k, k, i, j)], slice[r, c]);
                    }
                }
            }
        }
    }

    [Fact]
    public void FourByFour_CentreIsV11_OuterRingIsV33_TheReverseOfTheDocstring()
    {
        using var scope = NewDisposeScope();
        var w = arange(16, ScalarType.Float64).reshape(4, 4, 1, 1);

        var constrained = new RadialConstraint().Apply(w);

        TensorAssert.Close(
            [
                15, 15, 15, 15,
                15, 5, 5, 15,
                15, 5, 5, 15,
                15, 15, 15, 15,
            ],
            [4, 4, 1, 1],
            constrained,
            rtol: 0,
            atol: 0);
    }

    [Fact]
    public void TwoByTwo_TakesW00Everywhere()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new double[] { 7, 1, 2, 3 }, 2, 2, 1, 1);

        TensorAssert.Close([7, 7, 7, 7], [2, 2, 1, 1], new RadialConstraint().Apply(w), rtol: 0, atol: 0);
    }

    [Fact]
    public void Apply_ReturnsANewContiguousTensor_AndLeavesTheWeightAlone()
    {
        using var scope = NewDisposeScope();
        var (w, values) = Kernel(4);

        var constrained = new RadialConstraint().Apply(w);

        Assert.NotSame(w, constrained);
        Assert.True(constrained.is_contiguous());
        Assert.Equal(values, w.data<double>().ToArray());
    }

    [Theory]
    [InlineData(new long[] { 3, 3 }, "(3, 3)")]
    [InlineData(new long[] { 3, 3, 2 }, "(3, 3, 2)")]
    [InlineData(new long[] { 3, 3, 3, 2, 2 }, "(3, 3, 3, 2, 2)")]
    public void Apply_RejectsWeightsNotOfRank4(long[] shape, string shapeText)
    {
        using var scope = NewDisposeScope();
        var w = ones(shape);
        var before = LiveTensors.Count;

        ArgumentAssert.Throws<ArgumentException>(() => new RadialConstraint().Apply(w), "weight", "The weight tensor must have rank 4", shapeText);
        Assert.Equal(before, LiveTensors.Count);
    }

    [Theory]
    [InlineData(new long[] { 3, 4, 2, 2 }, "(3, 4, 2, 2)")]
    [InlineData(new long[] { 1, 1, 2, 2 }, "(1, 1, 2, 2)")]
    public void Apply_RejectsKernelsThatAreNotSquareOrAreSmallerThan2(long[] shape, string shapeText)
    {
        using var scope = NewDisposeScope();
        var w = ones(shape);

        ArgumentAssert.Throws<ArgumentException>(() => new RadialConstraint().Apply(w), "weight", "square kernels of 2 × 2 or more", shapeText);
    }

    /// <summary>A (width, width, A, B) float64 kernel of distinct values (its row-major position).</summary>
    private static (Tensor Weight, double[] Values) Kernel(int width)
    {
        var values = Enumerable.Range(0, width * width * A * B).Select(v => (double)v).ToArray();
        return (tensor(values, width, width, A, B), values);
    }

    private static int Index(int width, int r, int c, int i, int j) => (((((r * width) + c) * A) + i) * B) + j;

    private static double[,] Slice(double[] values, int width, int i, int j)
    {
        var slice = new double[width, width];
        for (var r = 0; r < width; r++)
        {
            for (var c = 0; c < width; c++)
            {
                slice[r, c] = values[Index(width, r, c, i, j)];
            }
        }

        return slice;
    }
}

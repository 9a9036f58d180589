// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using LayersFramework.Torch.Tests.Support;

namespace LayersFramework.Torch.Tests;

public sealed class ViewTests
{
    /// <summary>0, 1, ..., 23 as a (2, 3, 4) float64 tensor: element [i, j, k] is 12i + 4j + k.</summary>
    private static Tensor Cube() => Tensor.FromArray(Range(24), 2, 3, 4);

    private static double[] Range(int count) => Enumerable.Range(0, count).Select(i => (double)i).ToArray();

    [Fact]
    public void Reshape_KeepsRowMajorOrder_AndInfersMinusOne()
    {
        using var scope = new DisposeScope();
        var x = Cube();
        TensorAssert.Close(Range(24), [4, 6], x.Reshape(4, -1), rtol: 0, atol: 0);
        TensorAssert.Close(Range(24), [24], x.Reshape(-1), rtol: 0, atol: 0);
        TensorAssert.Close(Range(24), [2, 2, 2, 3], x.Reshape(2, -1, 2, 3), rtol: 0, atol: 0);
    }

    [Fact]
    public void Reshape_CopiesInRowMajorOrderOfTheLogicalShape_WhenSourceIsTransposed()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Range(6), 2, 3).Transpose(0, 1);
        TensorAssert.Close([0, 3, 1, 4, 2, 5], [6], x.Reshape(6), rtol: 0, atol: 0);
    }

    [Fact]
    public void View_SharesStorage_WithTheSource()
    {
        using var scope = new DisposeScope();
        var x = Cube();
        var v = x.View(6, 4);
        TensorAssert.Close(Range(24), [6, 4], v, rtol: 0, atol: 0);
        v.Select(0, 5).FillInPlace(-1);
        TensorAssert.Close([-1, -1, -1, -1], [4], x.Select(0, 1).Select(0, 2), rtol: 0, atol: 0);
    }

    [Fact]
    public void View_Throws_WhenStridesDoNotAllowIt()
    {
        using var scope = new DisposeScope();
        var t = Tensor.FromArray(Range(6), 2, 3).Transpose(0, 1);
        Assert.Throws<TorchException>(() => t.View(6));
    }

    [Fact]
    public void Permute_ReordersDimensions()
    {
        using var scope = new DisposeScope();
        var p = Cube().Permute(2, 0, 1);
        var expected = new double[24];
        for (var k = 0; k < 4; k++)
        {
            for (var i = 0; i < 2; i++)
            {
                for (var j = 0; j < 3; j++)
                {
                    expected[(k * 6) + (i * 3) + j] = (12 * i) + (4 * j) + k;
                }
            }
        }

        TensorAssert.Close(expected, [4, 2, 3], p, rtol: 0, atol: 0);
        Assert.Equal(new long[] { 1, 12, 4 }, p.Strides);
    }

    [Fact]
    public void Transpose_SwapsTwoDimensions()
    {
        using var scope = new DisposeScope();
        var t = Cube().Transpose(0, 2);
        var expected = new double[24];
        for (var k = 0; k < 4; k++)
        {
            for (var j = 0; j < 3; j++)
            {
                for (var i = 0; i < 2; i++)
                {
                    expected[(k * 6) + (j * 2) + i] = (12 * i) + (4 * j) + k;
                }
            }
        }

        TensorAssert.Close(expected, [4, 3, 2], t, rtol: 0, atol: 0);
        Assert.False(t.IsContiguous());
    }

    [Fact]
    public void Narrow_KeepsLengthEntriesFromStart()
    {
        using var scope = new DisposeScope();
        var n = Cube().Narrow(1, 1, 2);
        TensorAssert.Close([4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23], [2, 2, 4], n, rtol: 0, atol: 0);
    }

    [Theory]
    [InlineData(1, 8, 3, new double[] { 1, 4, 7 })]
    [InlineData(-3, 10, 1, new double[] { 7, 8, 9 })]
    [InlineData(-4, -1, 2, new double[] { 6, 8 })]
    [InlineData(5, 100, 1, new double[] { 5, 6, 7, 8, 9 })]
    [InlineData(0, 10, 4, new double[] { 0, 4, 8 })]
    public void Slice_TakesStartToEndByStep(long start, long end, long step, double[] expected)
    {
        using var scope = new DisposeScope();
        var s = Tensor.FromArray(Range(10), 10).Slice(0, start, end, step);
        TensorAssert.Close(expected, [expected.Length], s, rtol: 0, atol: 0);
    }

    [Fact]
    public void Slice_WorksAlongAnInnerDimension()
    {
        using var scope = new DisposeScope();
        var s = Cube().Slice(2, 1, 4, 2);
        TensorAssert.Close([1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23], [2, 3, 2], s, rtol: 0, atol: 0);
    }

    [Fact]
    public void Select_RemovesTheDimension_AndCountsNegativeFromTheEnd()
    {
        using var scope = new DisposeScope();
        var x = Cube();
        TensorAssert.Close([8, 9, 10, 11, 20, 21, 22, 23], [2, 4], x.Select(1, 2), rtol: 0, atol: 0);
        TensorAssert.Close(Range(24)[12..], [3, 4], x.Select(0, -1), rtol: 0, atol: 0);
        TensorAssert.Close([3, 7, 11, 15, 19, 23], [2, 3], x.Select(-1, 3), rtol: 0, atol: 0);
    }

    [Fact]
    public void IndexSelect_GathersEntries_InTheGivenOrderWithRepeats()
    {
        using var scope = new DisposeScope();
        var picked = Cube().IndexSelect(2, Tensor.FromArray(new long[] { 3, 0, 3 }, 3));
        var expected = new double[18];
        long[] index = [3, 0, 3];
        for (var row = 0; row < 6; row++)
        {
            for (var c = 0; c < 3; c++)
            {
                expected[(row * 3) + c] = (row * 4) + index[c];
            }
        }

        TensorAssert.Close(expected, [2, 3, 3], picked, rtol: 0, atol: 0);
    }

    [Fact]
    public void Squeeze_RemovesSizeOneDimensions()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Range(6), 1, 3, 1, 2);
        TensorAssert.Close(Range(6), [3, 2], x.Squeeze(), rtol: 0, atol: 0);
        TensorAssert.Close(Range(6), [1, 3, 2], x.Squeeze(2), rtol: 0, atol: 0);
        TensorAssert.Close(Range(6), [3, 1, 2], x.Squeeze(0), rtol: 0, atol: 0);
        TensorAssert.Close(Range(6), [1, 3, 1, 2], x.Squeeze(1), rtol: 0, atol: 0);
    }

    [Fact]
    public void Unsqueeze_InsertsASizeOneDimension()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Range(3), 3);
        TensorAssert.Close(Range(3), [1, 3], x.Unsqueeze(0), rtol: 0, atol: 0);
        TensorAssert.Close(Range(3), [3, 1], x.Unsqueeze(-1), rtol: 0, atol: 0);
        TensorAssert.Close(Range(3), [3, 1], x.Unsqueeze(1), rtol: 0, atol: 0);
    }

    [Fact]
    public void Expand_BroadcastsWithoutCopying()
    {
        using var scope = new DisposeScope();
        var column = Tensor.FromArray(new double[] { 1, 2, 3 }, 3, 1);
        var e = column.Expand(3, 4);
        TensorAssert.Close([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3], [3, 4], e, rtol: 0, atol: 0);
        Assert.Equal(new long[] { 1, 0 }, e.Strides);
        var e3 = column.Expand(2, -1, 2);
        TensorAssert.Close([1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3], [2, 3, 2], e3, rtol: 0, atol: 0);
    }

    [Fact]
    public void Repeat_TilesTheTensor()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, 2, 2);
        TensorAssert.Close(
            [1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4, 1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4],
            [4, 6],
            x.Repeat(2, 3),
            rtol: 0,
            atol: 0);
        TensorAssert.Close([1, 2, 3, 4, 1, 2, 3, 4], [2, 2, 2], x.Repeat(2, 1, 1), rtol: 0, atol: 0);
    }

    [Fact]
    public void Flatten_MergesTheDimensionRange()
    {
        using var scope = new DisposeScope();
        var x = Cube();
        TensorAssert.Close(Range(24), [24], x.Flatten(), rtol: 0, atol: 0);
        TensorAssert.Close(Range(24), [2, 12], x.Flatten(1), rtol: 0, atol: 0);
        TensorAssert.Close(Range(24), [6, 4], x.Flatten(0, 1), rtol: 0, atol: 0);
    }

    [Fact]
    public void Flip_ReversesTheDimensions()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Range(6), 2, 3);
        TensorAssert.Close([3, 4, 5, 0, 1, 2], [2, 3], x.Flip(0), rtol: 0, atol: 0);
        TensorAssert.Close([2, 1, 0, 5, 4, 3], [2, 3], x.Flip(1), rtol: 0, atol: 0);
        TensorAssert.Close([5, 4, 3, 2, 1, 0], [2, 3], x.Flip(0, 1), rtol: 0, atol: 0);
    }

    [Theory]
    [InlineData(0, new double[] { 0, 4, 8 })]
    [InlineData(1, new double[] { 1, 5 })]
    [InlineData(2, new double[] { 2 })]
    [InlineData(-1, new double[] { 3, 7 })]
    public void Diagonal_TakesTheOffsetDiagonal(long offset, double[] expected)
    {
        using var scope = new DisposeScope();
        var d = Tensor.FromArray(Range(9), 3, 3).Diagonal(offset);
        TensorAssert.Close(expected, [expected.Length], d, rtol: 0, atol: 0);
    }

    [Fact]
    public void Diagonal_OfBatchedMatrices_IsTheLastDimension()
    {
        using var scope = new DisposeScope();
        var d = Tensor.FromArray(Range(18), 2, 3, 3).Diagonal(0, 1, 2);
        TensorAssert.Close([0, 4, 8, 9, 13, 17], [2, 3], d, rtol: 0, atol: 0);
    }

    [Fact]
    public void Cat_JoinsAlongAnExistingDimension()
    {
        using var scope = new DisposeScope();
        var a = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, 2, 2);
        var b = Tensor.FromArray(new double[] { 5, 6 }, 1, 2);
        var c = Tensor.FromArray(new double[] { 7, 8 }, 2, 1);
        TensorAssert.Close([1, 2, 3, 4, 5, 6], [3, 2], Tensor.Cat([a, b]), rtol: 0, atol: 0);
        TensorAssert.Close([1, 2, 7, 3, 4, 8], [2, 3], Tensor.Cat([a, c], 1), rtol: 0, atol: 0);
        TensorAssert.Close([7, 1, 2, 8, 3, 4], [2, 3], Tensor.Cat([c, a], -1), rtol: 0, atol: 0);
    }

    [Fact]
    public void Stack_JoinsAlongANewDimension()
    {
        using var scope = new DisposeScope();
        var a = Tensor.FromArray(new double[] { 1, 2, 3 }, 3);
        var b = Tensor.FromArray(new double[] { 4, 5, 6 }, 3);
        TensorAssert.Close([1, 2, 3, 4, 5, 6], [2, 3], Tensor.Stack([a, b]), rtol: 0, atol: 0);
        TensorAssert.Close([1, 4, 2, 5, 3, 6], [3, 2], Tensor.Stack([a, b], 1), rtol: 0, atol: 0);
    }

    [Fact]
    public void ContiguousChannelsLast_StoresNchwAsNhwc_KeepingLogicalValues()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Range(12), 1, 2, 2, 3);
        Assert.Equal(new long[] { 12, 6, 3, 1 }, x.Strides);
        Assert.False(x.IsContiguous(MemoryFormat.ChannelsLast));

        var cl = x.Contiguous(MemoryFormat.ChannelsLast);
        Assert.True(cl.IsContiguous(MemoryFormat.ChannelsLast));
        Assert.False(cl.IsContiguous());
        Assert.Equal(new long[] { 1, 2, 2, 3 }, cl.Shape);
        Assert.Equal(new long[] { 12, 1, 6, 2 }, cl.Strides);
        TensorAssert.Close(Range(12), [1, 2, 2, 3], cl, rtol: 0, atol: 0);

        var back = cl.Contiguous();
        Assert.True(back.IsContiguous());
        Assert.Equal(new long[] { 12, 6, 3, 1 }, back.Strides);
        TensorAssert.Close(Range(12), [1, 2, 2, 3], back, rtol: 0, atol: 0);
    }

    [Theory]
    [InlineData("constant", new double[] { 0, 0, 1, 2, 3, 4, 0 })]
    [InlineData("reflect", new double[] { 3, 2, 1, 2, 3, 4, 3 })]
    [InlineData("replicate", new double[] { 1, 1, 1, 2, 3, 4, 4 })]
    [InlineData("circular", new double[] { 3, 4, 1, 2, 3, 4, 1 })]
    public void Pad_ExtendsTheLastDimension_InEachMode(string mode, double[] expected)
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, 1, 1, 4);
        TensorAssert.Close(expected, [1, 1, 7], x.Pad([2, 1], mode), rtol: 0, atol: 0);
    }

    [Fact]
    public void Pad_UsesTheFillValue_InConstantMode()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, 2, 2);

        // Last dimension: 1 before, 0 after; the one before it: 0 before, 1 after.
        TensorAssert.Close([9, 1, 2, 9, 3, 4, 9, 9, 9], [3, 3], x.Pad([1, 0, 0, 1], value: 9), rtol: 0, atol: 0);
    }

    [Theory]
    [InlineData("reflect")]
    [InlineData("replicate")]
    [InlineData("circular")]
    public void Pad_PadsTwoDimensions_InEachMode(string mode)
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Range(12), 1, 1, 3, 4);
        var padded = x.Pad([1, 2, 2, 1], mode);
        var expected = new double[6 * 7];
        for (var r = 0; r < 6; r++)
        {
            for (var c = 0; c < 7; c++)
            {
                expected[(r * 7) + c] = (Source(r - 2, 3) * 4) + Source(c - 1, 4);
            }
        }

        TensorAssert.Close(expected, [1, 1, 6, 7], padded, rtol: 0, atol: 0);

        int Source(int i, int n) => mode switch
        {
            "reflect" => i < 0 ? -i : i >= n ? (2 * (n - 1)) - i : i,
            "replicate" => Math.Clamp(i, 0, n - 1),
            _ => ((i % n) + n) % n,
        };
    }

    [Fact]
    public void Pad_Crops_WhenPadsAreNegative()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new double[] { 1, 2, 3, 4, 5 }, 1, 5);
        TensorAssert.Close([2, 3], [1, 2], x.Pad([-1, -2]), rtol: 0, atol: 0);
        TensorAssert.Close([2, 3, 4, 5, 0], [1, 5], x.Pad([-1, 1]), rtol: 0, atol: 0);
        var m = Tensor.FromArray(Range(9), 3, 3);
        TensorAssert.Close([4, 5, 7, 8], [2, 2], m.Pad([-1, 0, -1, 0]), rtol: 0, atol: 0);
    }

    [Fact]
    public void Pad_Throws_WhenModeIsUnknown()
    {
        using var x = Tensor.Ones([1, 1, 4]);
        var error = Assert.Throws<ArgumentException>(() => x.Pad([1, 1], "mirror"));
        Assert.Equal("mode", error.ParamName);
        Assert.Contains("mirror", error.Message, StringComparison.Ordinal);
    }
}

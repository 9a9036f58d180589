// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Engine.Tests;

/// <summary>Shapes print as Python prints tuples.</summary>
public sealed class TuplesTests
{
    [Theory]
    [InlineData(new long[0], "()")]
    [InlineData(new long[] { 5 }, "(5,)")]
    [InlineData(new long[] { 2, 3 }, "(2, 3)")]
    [InlineData(new long[] { 8, 32, 8, 8 }, "(8, 32, 8, 8)")]
    [InlineData(new long[] { -1, 0 }, "(-1, 0)")]
    [InlineData(new long[] { long.MaxValue }, "(9223372036854775807,)")]
    public void Format_Longs_AsPythonTuples(long[] values, string expected)
    {
        Assert.Equal(expected, Tuples.Format(values));
    }

    [Theory]
    [InlineData(new int[0], "()")]
    [InlineData(new[] { 3 }, "(3,)")]
    [InlineData(new[] { 1, 2, 3 }, "(1, 2, 3)")]
    public void Format_Ints_AsPythonTuples(int[] values, string expected)
    {
        Assert.Equal(expected, Tuples.Format(values));
    }

    [Fact]
    public void Format_ATensorShape()
    {
        using var x = zeros(2, 1, 4);

        Assert.Equal("(2, 1, 4)", Tuples.Format(x.shape));
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using static LayersFramework.Constraints.Tests.NormReference;

namespace LayersFramework.Constraints.Tests;

public sealed class UnitNormTests
{
    [Fact]
    public void Default_IsAxis0()
    {
        Assert.Equal([0], new UnitNorm().Axis);
        Assert.Equal("""{"axis":0}""", new UnitNorm().GetConfig().ToJsonString());
    }

    [Fact]
    public void Axis0_NormalisesEachColumn_AndAZeroColumnStaysZero()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new double[] { 3, 0, 4, 0 }, 2, 2);

        var constrained = new UnitNorm().Apply(w);

        TensorAssert.Close([3 / (5 + Epsilon), 0, 4 / (5 + Epsilon), 0], [2, 2], constrained, rtol: 1e-14, atol: 0);
    }

    [Fact]
    public void Axis1_NormalisesEachRow()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new double[] { 3, 4, -5, 12 }, 2, 2);

        var constrained = new UnitNorm(axis: 1).Apply(w);

        TensorAssert.Close([3 / (5 + Epsilon), 4 / (5 + Epsilon), -5 / (13 + Epsilon), 12 / (13 + Epsilon)], [2, 2], constrained, rtol: 1e-14, atol: 0);
    }

    [Fact]
    public void TransposeKernel_Axis012_NormalisesEachInputChannelSlice()
    {
        // (k, k, filters, in) = (2, 2, 3, 2), values 1..24: channel 0 holds the odd values (norm √2300), channel 1
        // the even ones (norm √2600).
        using var scope = NewDisposeScope();
        var data = Enumerable.Range(1, 24).Select(v => (double)v).ToArray();
        var w = tensor(data, 2, 2, 3, 2);

        var constrained = new UnitNorm(axis: [0, 1, 2]).Apply(w);

        var expected = data.Select((v, i) => v / ((i % 2 == 0 ? Math.Sqrt(2300) : Math.Sqrt(2600)) + Epsilon)).ToArray();
        TensorAssert.Close(expected, [2, 2, 3, 2], constrained, rtol: 1e-14, atol: 0);
        var sliceNorms = constrained.square().sum([0, 1, 2]).sqrt().data<double>().ToArray();
        Assert.All(sliceNorms, n => Assert.Equal(1.0, n, 1e-7));
    }

    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 2 })]
    [InlineData(new[] { -2, -1 })]
    [InlineData(new[] { 0, 1, 2 })]
    [InlineData(new[] { 0, 1, 3 })]
    public void AnyAxes_MatchTheElementwiseReference(int[] axes)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(31);
        long[] shape = [3, 2, 4, 2];
        var w = randn(shape, ScalarType.Float64, generator: generator);
        var data = w.data<double>().ToArray();
        var norms = Norms(data, shape, axes);

        var constrained = new UnitNorm(axes).Apply(w);

        TensorAssert.Close(data.Select((v, i) => v / (Epsilon + norms[i])).ToArray(), shape, constrained, rtol: 1e-12, atol: 1e-15);
    }
}

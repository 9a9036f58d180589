// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using static LayersFramework.Constraints.Tests.NormReference;

namespace LayersFramework.Constraints.Tests;

public sealed class MaxNormTests
{
    /// <summary>[[3, 0, 1], [4, 1, 0]]: column norms 5, 1, 1; row norms √10, √17; whole norm √27.</summary>
    private static readonly double[] Matrix = [3, 0, 1, 4, 1, 0];

    public static TheoryData<int[]> KernelAxes => new() { new[] { 0 }, new[] { 1 }, new[] { -1 }, new[] { 3 }, new[] { 0, 1, 2 }, new[] { 0, 1, 3 }, new[] { 1, 2 }, new[] { 0, 1, 2, 3 } };

    [Fact]
    public void Defaults_AreMaxValue2AndAxis0()
    {
        var constraint = new MaxNorm();
        Assert.Equal(2.0, constraint.MaxValue);
        Assert.Equal([0], constraint.Axis);
        Assert.Equal("""{"max_value":2,"axis":0}""", constraint.GetConfig().ToJsonString());
    }

    [Fact]
    public void Axis0_ScalesEachColumnWhoseNormExceedsTheMaximum()
    {
        using var scope = NewDisposeScope();
        var w = tensor(Matrix, 2, 3);

        var constrained = new MaxNorm().Apply(w);

        var big = 2 / (5 + Epsilon);
        var unit = 1 / (1 + Epsilon);
        TensorAssert.Close([3 * big, 0, unit, 4 * big, unit, 0], [2, 3], constrained, rtol: 1e-14, atol: 0);
    }

    [Fact]
    public void Axis1_ScalesEachRow_AndAxisMinus1IsTheSame()
    {
        using var scope = NewDisposeScope();
        var w = tensor(Matrix, 2, 3);

        var row0 = 2 / (Math.Sqrt(10) + Epsilon);
        var row1 = 2 / (Math.Sqrt(17) + Epsilon);
        double[] expected = [3 * row0, 0, row0, 4 * row1, row1, 0];
        TensorAssert.Close(expected, [2, 3], new MaxNorm(axis: 1).Apply(w), rtol: 1e-14, atol: 0);
        TensorAssert.Close(expected, [2, 3], new MaxNorm(axis: -1).Apply(w), rtol: 1e-14, atol: 0);
    }

    [Fact]
    public void AxisList_TakesOneNormOverAllListedAxes()
    {
        using var scope = NewDisposeScope();
        var w = tensor(Matrix, 2, 3);

        var scale = 2 / (Math.Sqrt(27) + Epsilon);
        TensorAssert.Close(Matrix.Select(v => v * scale).ToArray(), [2, 3], new MaxNorm(axis: [0, 1]).Apply(w), rtol: 1e-14, atol: 0);
    }

    [Fact]
    public void TransposeKernel_Axis012_ConstrainsEachInputChannelSlice()
    {
        // Keras layout (k, k, filters, in) = (2, 2, 3, 2), values 1..24: input channel 0 holds the odd values (norm
        // √2300 ≈ 47.96), channel 1 the even ones (norm √2600 ≈ 50.99). With max 49 only channel 1 is scaled.
        using var scope = NewDisposeScope();
        var data = Enumerable.Range(1, 24).Select(v => (double)v).ToArray();
        var w = tensor(data, 2, 2, 3, 2);

        var constrained = new MaxNorm(axis: [0, 1, 2], maxValue: 49).Apply(w);

        var keep = Math.Sqrt(2300) / (Math.Sqrt(2300) + Epsilon);
        var shrink = 49 / (Math.Sqrt(2600) + Epsilon);
        TensorAssert.Close(data.Select((v, i) => v * (i % 2 == 0 ? keep : shrink)).ToArray(), [2, 2, 3, 2], constrained, rtol: 1e-14, atol: 0);
    }

    [Theory]
    [MemberData(nameof(KernelAxes))]
    public void AnyAxes_MatchTheElementwiseReference(int[] axes)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(23);
        long[] shape = [2, 3, 4, 2];
        var w = randn(shape, ScalarType.Float64, generator: generator);
        var data = w.data<double>().ToArray();
        var norms = Norms(data, shape, axes);

        var constrained = new MaxNorm(axis: axes, maxValue: 1.5).Apply(w);

        TensorAssert.Close(data.Select((v, i) => v * Math.Clamp(norms[i], 0, 1.5) / (Epsilon + norms[i])).ToArray(), shape, constrained, rtol: 1e-12, atol: 1e-15);
    }

    [Fact]
    public void AnEmptyAxisList_TakesEachElementAsItsOwnSlice_AsTensorFlowDoes()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new double[] { 3, -4, 1 }, [3]);

        var constrained = new MaxNorm(axis: [], maxValue: 2).Apply(w);

        TensorAssert.Close([3 * 2 / (3 + Epsilon), -4 * 2 / (4 + Epsilon), 1 / (1 + Epsilon)], [3], constrained, rtol: 1e-14, atol: 0);
    }

    [Fact]
    public void Float32_KeepsItsDtype()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new float[] { 3, 4 }, 2, 1);

        var constrained = new MaxNorm().Apply(w);

        Assert.Equal(ScalarType.Float32, constrained.dtype);
        TensorAssert.Close([1.2, 1.6], [2, 1], constrained.to(ScalarType.Float64), rtol: 1e-6, atol: 0);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Ctor_RejectsANegativeOrNonFiniteMaximum(double maxValue)
    {
        ArgumentAssert.Throws<ArgumentOutOfRangeException>(() => _ = new MaxNorm(maxValue), nameof(maxValue), "MaxNorm's maxValue is a norm", "finite number, 0 or more");
        ArgumentAssert.Throws<ArgumentOutOfRangeException>(() => _ = new MaxNorm(axis: [0, 1], maxValue: maxValue), nameof(maxValue), "finite number, 0 or more");
    }

    [Fact]
    public void Ctor_RejectsANullAxisList()
    {
        Assert.Throws<ArgumentNullException>("axis", () => _ = new MaxNorm(axis: null!));
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.


namespace LayersFramework.Constraints.Tests;

/// <summary>Axes that do not fit the weight are argument errors naming the weight, the axis and the valid range.</summary>
public sealed class AxisErrorTests
{
    public static TheoryData<string> NormConstraints => new() { "MaxNorm", "MinMaxNorm", "UnitNorm" };

    [Theory]
    [MemberData(nameof(NormConstraints))]
    public void AnAxisOutsideTheWeight_IsRejected(string name)
    {
        using var scope = NewDisposeScope();
        var w = ones([2, 3]);
        var before = LiveTensors.Count;

        ArgumentAssert.Throws<ArgumentException>(() => Create(name, 2).Apply(w), "weight", $"{name} has axis 2", "(2, 3)", "rank 2", "-2..1");
        ArgumentAssert.Throws<ArgumentException>(() => Create(name, -3).Apply(w), "weight", "axis -3", "-2..1");
        ArgumentAssert.Throws<ArgumentException>(() => CreateList(name, [0, 1, 4]).Apply(w), "weight", "axis [0, 1, 4]", "-2..1");
        Assert.Equal(before, LiveTensors.Count);
    }

    [Theory]
    [MemberData(nameof(NormConstraints))]
    public void AnAxisNamedTwice_IsRejected(string name)
    {
        using var scope = NewDisposeScope();
        var w = ones([2, 3]);

        ArgumentAssert.Throws<ArgumentException>(() => CreateList(name, [0, -2]).Apply(w), "weight", "axis [0, -2]", "more than once");
    }

    [Theory]
    [MemberData(nameof(NormConstraints))]
    public void AZeroDimensionalWeight_HasNoAxes(string name)
    {
        using var scope = NewDisposeScope();
        var w = tensor(3.0);

        ArgumentAssert.Throws<ArgumentException>(() => Create(name, 0).Apply(w), "weight", "zero-dimensional");
    }

    private static IConstraint Create(string name, int axis) => name switch
    {
        "MaxNorm" => new MaxNorm(axis: axis),
        "MinMaxNorm" => new MinMaxNorm(axis: axis),
        _ => new UnitNorm(axis),
    };

    private static IConstraint CreateList(string name, int[] axis) => name switch
    {
        "MaxNorm" => new MaxNorm(axis),
        "MinMaxNorm" => new MinMaxNorm(axis),
        _ => new UnitNorm(axis),
    };
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Constraints.Tests;

/// <summary>What every constraint promises: a new tensor of the weight's shape and dtype, the weight untouched, null rejected.</summary>
public sealed class ConstraintContractTests
{
    public static TheoryData<string> AllNames => new() { "MaxNorm", "MinMaxNorm", "NonNeg", "UnitNorm", "RadialConstraint" };

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Apply_ReturnsANewTensorOfTheSameShapeAndDtype_AndLeavesTheWeightAlone(string name)
    {
        using var scope = new DisposeScope();
        using var generator = new Generator(seed: 37);
        var w = Tensor.Randn([3, 3, 2, 4], generator);
        var before = w.ToArray<float>();

        var constrained = ConstraintRegistry.Get(name)!.Apply(w);

        Assert.NotSame(w, constrained);
        Assert.Equal(w.Shape, constrained.Shape);
        Assert.Equal(ScalarType.Float32, constrained.Dtype);
        Assert.Equal(before, w.ToArray<float>());
        Assert.False(constrained.Equal(w));
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Apply_RejectsNull(string name)
    {
        Assert.Throws<ArgumentNullException>("weight", () => ConstraintRegistry.Get(name)!.Apply(null!));
    }

    [Fact]
    public void TheOptimizerPattern_CopiesTheConstrainedValuesIntoTheWeight()
    {
        using var scope = new DisposeScope();
        var kernel = Tensor.FromArray(new float[] { 3, 4 }, 2, 1).WithRequiresGrad();

        using (Autograd.NoGrad())
        {
            kernel.CopyFrom(new MaxNorm().Apply(kernel));
        }

        Assert.Equal(1.2f, kernel.ToArray<float>()[0], 1e-6f);
        Assert.Equal(1.6f, kernel.ToArray<float>()[1], 1e-6f);
        Assert.True(kernel.IsLeaf);
    }
}

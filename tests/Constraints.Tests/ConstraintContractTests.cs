// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Constraints.Tests;

/// <summary>
/// What every constraint promises: a new tensor of the weight's shape and dtype, the weight untouched, null rejected;
/// and Keras's optimizer rule (copy the constrained values into the weight after a step) works on a Parameter.
/// </summary>
public sealed class ConstraintContractTests
{
    public static TheoryData<string> AllNames => new() { "MaxNorm", "MinMaxNorm", "NonNeg", "UnitNorm", "RadialConstraint" };

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Apply_ReturnsANewTensorOfTheSameShapeAndDtype_AndLeavesTheWeightAlone(string name)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(37);
        var w = randn([3, 3, 2, 4], generator: generator);
        var before = w.data<float>().ToArray();

        var constrained = ConstraintRegistry.Get(name)!.Apply(w);

        Assert.NotSame(w, constrained);
        Assert.Equal(w.shape, constrained.shape);
        Assert.Equal(ScalarType.Float32, constrained.dtype);
        Assert.Equal(before, w.data<float>().ToArray());
        Assert.False(constrained.eq(w).all().item<bool>());
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
        using var scope = NewDisposeScope();
        var kernel = tensor(new float[] { 3, 4 }, 2, 1).requires_grad_();

        using (no_grad())
        {
            kernel.copy_(new MaxNorm().Apply(kernel));
        }

        Assert.Equal(1.2f, kernel.data<float>().ToArray()[0], 1e-6f);
        Assert.Equal(1.6f, kernel.data<float>().ToArray()[1], 1e-6f);
        Assert.True(kernel.is_leaf);
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void TheOptimizerPattern_OnAParameter_ChangesItInPlace_KeepsItATrainableLeaf_AndLeavesNothingBehind(string name)
    {
        var constraint = ConstraintRegistry.Get(name)!;
        using var generator = new Generator(43);
        using var kernel = nn.Parameter(randn([3, 3, 2, 4], generator: generator));
        double[] expected;
        using (NewDisposeScope())
        {
            expected = TensorAssert.Values(constraint.Apply(kernel.detach()));
        }

        var baseline = LiveTensors.Count;
        using (no_grad())
        using (NewDisposeScope())
        {
            kernel.copy_(constraint.Apply(kernel));
        }

        Assert.Equal(baseline, LiveTensors.Count);
        TensorAssert.Close(expected, [3, 3, 2, 4], kernel, rtol: 0, atol: 0);
        Assert.True(kernel.is_leaf);
        Assert.True(kernel.requires_grad);
        Assert.True(is_grad_enabled());

        // Autograd goes on as before: the next backward pass fills the parameter's grad, d(sum(k²))/dk = 2k.
        using (NewDisposeScope())
        {
            kernel.square().sum().backward();
            TensorAssert.Close([.. expected.Select(v => 2 * v)], [3, 3, 2, 4], kernel.grad!, rtol: 1e-6, atol: 0);
        }

        Assert.Equal(baseline, LiveTensors.Count);
    }
}

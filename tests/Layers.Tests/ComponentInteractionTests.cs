// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Constraints;
using LayersFramework.Initializers;
using LayersFramework.Regularizers;
using Moq;

namespace LayersFramework.Layers.Tests;

/// <summary>How a layer uses its components, observed with strict mocks: who is asked what, and when.</summary>
public sealed class ComponentInteractionTests
{
    [Fact]
    public void EachInitializer_IsAskedOnce_PerWeight_WithKerasShape()
    {
        using var scope = NewDisposeScope();
        var kernelInitializer = new Mock<IInitializer>(MockBehavior.Strict);
        kernelInitializer.Setup(i => i.Initialize(new long[] { 3, 3, 4, 2 }, ScalarType.Float32)).Returns(() => ones(3, 3, 4, 2));
        var biasInitializer = new Mock<IInitializer>(MockBehavior.Strict);
        biasInitializer.Setup(i => i.Initialize(new long[] { 4 }, ScalarType.Float32)).Returns(() => zeros(4));
        using var layer = new Conv2DTranspose(4, 3, kernelInitializer: kernelInitializer.Object, biasInitializer: biasInitializer.Object);

        layer.Call(ones(1, 5, 5, 2));
        layer.Call(ones(1, 5, 5, 2));

        kernelInitializer.Verify(i => i.Initialize(It.IsAny<long[]>(), It.IsAny<ScalarType>()), Times.Once());
        biasInitializer.Verify(i => i.Initialize(It.IsAny<long[]>(), It.IsAny<ScalarType>()), Times.Once());
    }

    [Fact]
    public void TheKernelRegularizer_SeesTheKernel_AndItsPenaltyIsInLosses()
    {
        using var scope = NewDisposeScope();
        var regularizer = new Mock<IRegularizer>(MockBehavior.Strict);
        Tensor? seen = null;
        regularizer.Setup(r => r.Compute(It.IsAny<Tensor>())).Callback<Tensor>(w => seen = w).Returns(() => tensor(0.25));
        using var layer = new Conv1DTranspose(2, 3, kernelRegularizer: regularizer.Object);
        layer.Call(ones(1, 4, 3));

        var losses = layer.Losses;

        Assert.Same(layer.Kernel!.Value, seen);
        Assert.Equal(0.25, Assert.Single(losses).ToDouble());
        regularizer.Verify(r => r.Compute(It.IsAny<Tensor>()), Times.Once());
    }

    [Fact]
    public void TheConstraint_IsAppliedByApplyConstraints_AndNotBefore()
    {
        using var scope = NewDisposeScope();
        var constraint = new Mock<IConstraint>(MockBehavior.Strict);
        using var layer = new Conv1DTranspose(2, 3, kernelConstraint: constraint.Object, kernelInitializer: "ones");
        layer.Call(ones(1, 4, 3));
        constraint.Verify(c => c.Apply(It.IsAny<Tensor>()), Times.Never());
        constraint.Setup(c => c.Apply(It.Is<Tensor>(w => ReferenceEquals(w, layer.Kernel!.Value)))).Returns((Tensor w) => w * 0.5);

        layer.ApplyConstraints();

        constraint.Verify(c => c.Apply(It.IsAny<Tensor>()), Times.Once());
        Assert.All(layer.Kernel!.Value.Floats(), v => Assert.Equal(0.5f, v));
    }

    [Fact]
    public void TheLayerSerializesTheComponentsItWasGiven()
    {
        using var layer = new Conv2DTranspose(2, 3, kernelInitializer: new HeUniform(seed: 3), kernelRegularizer: new L1(0.5), kernelConstraint: new MaxNorm(3));

        var config = layer.GetConfig();

        Assert.Equal("HeUniform", config["kernel_initializer"]!["class_name"]!.GetValue<string>());
        Assert.Equal(3, config["kernel_initializer"]!["config"]!["seed"]!.GetValue<long>());
        Assert.Equal(0.5, config["kernel_regularizer"]!["config"]!["l1"]!.GetValue<double>());
        Assert.Equal(3, ((JsonObject)config["kernel_constraint"]!["config"]!)["max_value"]!.GetValue<double>());
    }
}

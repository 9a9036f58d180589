// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Layers.Compat.V1;

namespace LayersFramework.Layers.Tests;

/// <summary>tf.compat.v1.layers.conv2d_transpose's name and reuse rules (tf.compat.v1.variable_scope and the layer's `name`/`reuse` arguments, as TensorFlow's docs for tf.compat.v1.layers.conv2d_transpose state them).</summary>
public sealed class LayerScopeTests
{
    [Fact]
    public void TheSameNameWithReuse_AppliesTheSameWeights()
    {
        using var tensors = NewDisposeScope();
        using var scope = new LayerScope();
        var x = ones(1, 3, 3, 2);

        var first = scope.Conv2DTranspose(x, filters: 4, kernelSize: 3, strides: 2, padding: "same", name: "up");
        var second = scope.Conv2DTranspose(x, filters: 4, kernelSize: 3, strides: 2, padding: "same", name: "up", reuse: true);

        Assert.Single(scope.Layers);
        Assert.Equal("up/kernel", scope.Layers["up"].Weights[0].Path);
        Assert.Equal(first.Floats(), second.Floats());
    }

    [Fact]
    public void TheSameNameWithoutReuse_IsAnError_AsInTensorFlow()
    {
        using var tensors = NewDisposeScope();
        using var scope = new LayerScope();
        var x = ones(1, 3, 3, 2);
        scope.Conv2DTranspose(x, 4, 3, name: "up");

        var error = Assert.Throws<ArgumentException>(() => scope.Conv2DTranspose(x, 4, 3, name: "up"));

        Assert.Equal("reuse", error.ParamName);
        Assert.Contains("Variable up/kernel already exists, disallowed. Did you mean to set reuse: true?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReuseOfANameThatDoesNotExist_IsAnError()
    {
        using var tensors = NewDisposeScope();
        using var scope = new LayerScope();

        var error = Assert.Throws<ArgumentException>(() => scope.Conv2DTranspose(ones(1, 3, 3, 2), 4, 3, name: "missing", reuse: true));

        Assert.Contains("Variable missing/kernel does not exist", error.Message, StringComparison.Ordinal);
        Assert.Empty(scope.Layers);
    }

    [Fact]
    public void UnnamedLayers_GetUniqueDefaultNames_AndReuseWithoutANameFindsTheBaseName()
    {
        using var tensors = NewDisposeScope();
        using var scope = new LayerScope();
        var x = ones(1, 3, 3, 2);

        scope.Conv2DTranspose(x, 4, 3);
        scope.Conv2DTranspose(x, 4, 3);
        scope.Conv2DTranspose(x, 4, 3, reuse: true);

        Assert.Equal(new[] { "conv2d_transpose", "conv2d_transpose_1" }, scope.Layers.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReuseWithAnotherShape_SaysWhichShapesDiffer()
    {
        using var tensors = NewDisposeScope();
        using var scope = new LayerScope();
        var x = ones(1, 3, 3, 2);
        scope.Conv2DTranspose(x, 4, 3, name: "up");

        var error = Assert.Throws<ArgumentException>(() => scope.Conv2DTranspose(x, 8, 3, name: "up", reuse: true));

        Assert.Contains("Trying to share variable up/kernel, but specified shape (3, 3, 8, 2) and found shape (3, 3, 4, 2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegularizationLosses_AreCollected_AndTrainableFalseMakesFrozenWeights()
    {
        using var tensors = NewDisposeScope();
        using var scope = new LayerScope();
        var x = ones(1, 3, 3, 2);

        scope.Conv2DTranspose(x, 2, 3, kernelRegularizer: "l2", name: "a");
        scope.Conv2DTranspose(x, 2, 3, kernelRegularizer: "l2", trainable: false, name: "b");

        Assert.Single(scope.RegularizationLosses);
        Assert.Empty(scope.Layers["b"].TrainableWeights);
    }

    [Fact]
    public void Dispose_FreesEveryLayer()
    {
        var baseline = LiveTensors.Count;
        var scope = new LayerScope();
        using (NewDisposeScope())
        {
            scope.Conv2DTranspose(ones(1, 3, 3, 2), 4, 3, name: "up");
        }

        scope.Dispose();

        Assert.Equal(baseline, LiveTensors.Count);
    }
}

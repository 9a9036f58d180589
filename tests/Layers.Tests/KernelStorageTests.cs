// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Layers.Tests;

/// <summary>Convolution kernels keep Keras's shape but libtorch's memory order, so the ops hand them to libtorch without a copy.</summary>
public sealed class KernelStorageTests
{
    [Fact]
    public void TheKernel_HasKerasShape_AndItsLibtorchViewIsContiguous_AlsoAfterSetWeights()
    {
        using var scope = NewDisposeScope();
        using var transposed = new Conv2DTranspose(4, [3, 2], strides: 2);
        using var forward = new Conv3D(5, 2);
        transposed.Call(ones(1, 5, 5, 6));
        forward.Call(ones([1, 4, 4, 4, 3]));

        transposed.SetWeights(randn(3, 2, 4, 6), zeros(4));

        Assert.Equal(new long[] { 3, 2, 4, 6 }, transposed.Kernel!.Shape);
        Assert.False(transposed.Kernel.Value.is_contiguous());
        Assert.True(transposed.Kernel.Value.permute(3, 2, 0, 1).is_contiguous());
        Assert.True(forward.Kernel!.Value.permute(4, 3, 0, 1, 2).is_contiguous());
        Assert.True(transposed.Kernel.Value.requires_grad);
    }

    [Fact]
    public void TheStorageOrder_ChangesNothingAnUserCanSee_ValuesGradientsAndOrder()
    {
        using var scope = NewDisposeScope();
        using var layer = new Conv1DTranspose(2, 3, kernelInitializer: new Initializers.RandomNormal(seed: 4));
        var x = randn(2, 5, 3);
        layer.Call(x).sum().backward();
        var expected = new Initializers.RandomNormal(seed: 4).Initialize([3, 2, 3]);

        Assert.Equal(expected.Floats(), layer.GetWeights()[0].Floats());
        Assert.Equal(layer.Kernel!.Shape, layer.Kernel.Value.grad!.shape);
    }
}

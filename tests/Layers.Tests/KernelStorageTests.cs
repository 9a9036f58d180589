// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Layers.Tests;

/// <summary>Convolution kernels keep Keras's shape but libtorch's memory order, so the ops hand them to libtorch without a copy.</summary>
public sealed class KernelStorageTests
{
    [Fact]
    public void TheKernel_HasKerasShape_AndItsLibtorchViewIsContiguous_AlsoAfterSetWeights()
    {
        using var scope = new DisposeScope();
        using var transposed = new Conv2DTranspose(4, [3, 2], strides: 2);
        using var forward = new Conv3D(5, 2);
        transposed.Call(Tensor.Ones([1, 5, 5, 6]));
        forward.Call(Tensor.Ones([1, 4, 4, 4, 3]));

        transposed.SetWeights(Tensor.Randn([3, 2, 4, 6]), Tensor.Zeros([4]));

        Assert.Equal(new long[] { 3, 2, 4, 6 }, transposed.Kernel!.Shape);
        Assert.False(transposed.Kernel.Value.IsContiguous());
        Assert.True(transposed.Kernel.Value.Permute(3, 2, 0, 1).IsContiguous());
        Assert.True(forward.Kernel!.Value.Permute(4, 3, 0, 1, 2).IsContiguous());
        Assert.True(transposed.Kernel.Value.RequiresGrad);
    }

    [Fact]
    public void TheStorageOrder_ChangesNothingAnUserCanSee_ValuesGradientsAndOrder()
    {
        using var scope = new DisposeScope();
        using var layer = new Conv1DTranspose(2, 3, kernelInitializer: new Initializers.RandomNormal(seed: 4));
        var x = Tensor.Randn([2, 5, 3]);
        layer.Call(x).Sum().Backward();
        var expected = new Initializers.RandomNormal(seed: 4).Initialize([3, 2, 3]);

        Assert.Equal(expected.ToArray<float>(), layer.GetWeights()[0].ToArray<float>());
        Assert.Equal(layer.Kernel!.Shape, layer.Kernel.Value.Grad()!.Shape);
    }
}

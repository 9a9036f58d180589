// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Layers.Tests;

/// <summary>
/// Convolution kernels keep Keras's shape but the memory order libtorch reads for the layer's data format, so the ops
/// hand them to libtorch without a copy: libtorch's contiguous weight for channels-first (and 1-D) layers, its
/// channels-last weight for channels-last layers of 2 or 3 spatial dimensions.
/// </summary>
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

        // Channels-last: (kh, kw, out, in) in memory as (in, kh, kw, out), libtorch's (in, out, kh, kw) channels-last.
        Assert.Equal(new long[] { 3, 2, 4, 6 }, transposed.Kernel!.Shape);
        Assert.False(transposed.Kernel.Value.is_contiguous());
        Assert.True(transposed.Kernel.Value.permute(3, 0, 1, 2).is_contiguous());
        Assert.True(forward.Kernel!.Value.permute(4, 0, 1, 2, 3).is_contiguous());
        Assert.True(transposed.Kernel.Value.requires_grad);
    }

    [Fact]
    public void ChannelsFirstAnd1DLayers_StoreLibtorchsContiguousWeight()
    {
        using var scope = NewDisposeScope();
        using var transposed = new Conv2DTranspose(4, [3, 2], strides: 2, dataFormat: "channels_first");
        using var forward = new Conv3D(5, 2, dataFormat: "channels_first");
        using var oneD = new Conv1DTranspose(3, 4);
        transposed.Call(ones(1, 6, 5, 5));
        forward.Call(ones([1, 3, 4, 4, 4]));
        oneD.Call(ones(1, 7, 2));

        Assert.True(transposed.Kernel!.Value.permute(3, 2, 0, 1).is_contiguous());
        Assert.True(forward.Kernel!.Value.permute(4, 3, 0, 1, 2).is_contiguous());
        Assert.True(oneD.Kernel!.Value.permute(2, 1, 0).is_contiguous());
    }

    [Theory]
    [InlineData("channels_last")]
    [InlineData("channels_first")]
    public void BothStorageOrders_GiveTheSameOutputAndGradients(string dataFormat)
    {
        // The same kernel values stored in either order: the layer's result must not depend on the order.
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var channelsLast = dataFormat == "channels_last";
        var x = randn([2, 5, 5, 6], ScalarType.Float64, generator: generator);
        var input = (channelsLast ? x : x.permute(0, 3, 1, 2).contiguous()).requires_grad_();
        using var layer = new Conv2DTranspose(4, 3, strides: 2, padding: "same", dataFormat: dataFormat);
        layer.to(ScalarType.Float64);
        var kernel = randn([3, 3, 4, 6], ScalarType.Float64, generator: generator);
        layer.Call(input);
        layer.SetWeights(kernel, zeros(4, ScalarType.Float64));

        var output = layer.Call(input);
        // TensorFlow's SAME for 5 -> 10 at k3 s2: the full 11 positions, the extra one cropped at the end.
        var reference = nn.functional.conv_transpose2d(channelsLast ? input.permute(0, 3, 1, 2) : input, kernel.permute(3, 2, 0, 1).contiguous(), strides: [2, 2])
            .narrow(2, 0, 10).narrow(3, 0, 10);
        var referenceOutput = channelsLast ? reference.permute(0, 2, 3, 1) : reference;
        TensorAssert.Close(TensorAssert.Values(referenceOutput), referenceOutput.shape, output, 1e-12, 1e-12);

        var weights = randn(output.shape, ScalarType.Float64, generator: generator);
        var layerGradient = autograd.grad([(output * weights).sum()], [input])[0];
        var referenceGradient = autograd.grad([(referenceOutput * weights).sum()], [input])[0];
        TensorAssert.Close(TensorAssert.Values(referenceGradient), referenceGradient.shape, layerGradient, 1e-12, 1e-12);
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

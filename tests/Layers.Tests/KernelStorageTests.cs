// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Layers.Tests;

/// <summary>
/// Convolution kernels are contiguous in Keras's layout, as every file format needs a parameter to be (TorchSharp's
/// own save and load, safetensors); the ops arrange them in libtorch's fastest memory order on each call.
/// </summary>
public sealed class KernelStorageTests
{
    [Fact]
    public void TheKernel_IsContiguousInKerasShape_AlsoAfterSetWeights()
    {
        using var scope = NewDisposeScope();
        using var transposed = new Conv2DTranspose(4, [3, 2], strides: 2);
        using var forward = new Conv3D(5, 2, dataFormat: "channels_first");
        transposed.Call(ones(1, 5, 5, 6));
        forward.Call(ones([1, 3, 4, 4, 4]));

        transposed.SetWeights(randn(2, 3, 4, 6).permute(1, 0, 2, 3), zeros(4));   // values given in a non-contiguous tensor

        Assert.Equal(new long[] { 3, 2, 4, 6 }, transposed.Kernel!.Shape);
        Assert.True(transposed.Kernel.Value.is_contiguous());
        Assert.True(forward.Kernel!.Value.is_contiguous());
        Assert.True(transposed.Kernel.Value.requires_grad);
    }

    [Theory]
    [InlineData("channels_last")]
    [InlineData("channels_first")]
    public void BothDataFormats_GiveLibtorchsOutputAndGradients_WhateverTheWeightsMemoryOrder(string dataFormat)
    {
        // The ops rearrange the kernel per call (channels-last memory for a channels-last input): values must not move.
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
    public void TheKernel_IsWhatItsInitializerDrew_AndItsGradientHasItsShape()
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

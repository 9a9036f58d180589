// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Layers;

namespace LayersFramework.Training.Tests;

/// <summary>Weights imported from PyTorch's layouts compute what PyTorch's own functions compute, and export back unchanged.</summary>
public sealed class PyTorchLayoutTests
{
    [Fact]
    public void AConvTranspose2dWeight_Imported_GivesPyTorchsOutput_AndExportsBackUnchanged()
    {
        using var scope = NewDisposeScope();
        using var generator = new torch.Generator(4);
        var weight = randn([6, 2, 4, 3], generator: generator); // (in 6, out/groups 2, kh 4, kw 3), groups 2
        var bias = randn([4], generator: generator);
        var x = randn([2, 6, 5, 5], generator: generator);      // NCHW
        using var layer = new Conv2DTranspose(4, [4, 3], strides: [2, 1], dataFormat: "channels_first", groups: 2);
        layer.Call(x);

        PyTorchLayout.LoadConvTranspose(layer, weight, bias);
        var expected = nn.functional.conv_transpose2d(x, weight, bias, strides: [2, 1], groups: 2);
        var (exportedWeight, exportedBias) = PyTorchLayout.ExportConvTranspose(layer);

        Assert.Equal(new long[] { 4, 3, 2, 6 }, layer.Kernel!.Shape);
        Assert.True(layer.Call(x).allclose(expected, 1e-5, 1e-5));
        Assert.Equal(weight.contiguous().data<float>().ToArray(), exportedWeight.contiguous().data<float>().ToArray());
        Assert.Equal(weight.shape, exportedWeight.shape);
        Assert.Equal(bias.contiguous().data<float>().ToArray(), exportedBias!.contiguous().data<float>().ToArray());
    }

    [Fact]
    public void AConv2dAndALinearWeight_Imported_GivePyTorchsOutputs()
    {
        using var scope = NewDisposeScope();
        using var generator = new torch.Generator(5);
        var convWeight = randn([3, 2, 3, 3], generator: generator);
        var x = randn([1, 2, 6, 6], generator: generator);
        using var conv = new Conv2D(3, 3, dataFormat: "channels_first", useBias: false);
        conv.Call(x);
        var linearWeight = randn([2, 5], generator: generator);
        var linearBias = randn([2], generator: generator);
        var v = randn([3, 5], generator: generator);
        using var dense = new Dense(2);
        dense.Call(v);

        PyTorchLayout.LoadConv(conv, convWeight, null);
        PyTorchLayout.LoadDense(dense, linearWeight, linearBias);

        Assert.True(conv.Call(x).allclose(nn.functional.conv2d(x, convWeight, null), 1e-5, 1e-5));
        Assert.True(dense.Call(v).allclose(v.matmul(linearWeight.transpose(0, 1)) + linearBias, 1e-5, 1e-5));
        Assert.Equal(convWeight.contiguous().data<float>().ToArray(), PyTorchLayout.ExportConv(conv).Weight.contiguous().data<float>().ToArray());
    }

    [Fact]
    public void AWeightOfTheWrongShape_OrAMissingBias_IsRefused_NamingBothLayouts()
    {
        using var scope = NewDisposeScope();
        using var layer = new Conv2DTranspose(4, 3);
        layer.Call(ones([1, 5, 5, 2]));

        var shape = Assert.Throws<ArgumentException>(() => PyTorchLayout.LoadConvTranspose(layer, ones([4, 2, 3, 3]), ones([4])));
        var bias = Assert.Throws<ArgumentException>(() => PyTorchLayout.LoadConvTranspose(layer, ones([2, 4, 3, 3]), null));

        Assert.Contains("The PyTorch weight (4, 2, 3, 3) becomes (3, 3, 2, 4) in Keras's layout, but layer", shape.Message, StringComparison.Ordinal);
        Assert.Contains("kernel is (3, 3, 4, 2)", shape.Message, StringComparison.Ordinal);
        Assert.Equal("bias", bias.ParamName);
    }
}

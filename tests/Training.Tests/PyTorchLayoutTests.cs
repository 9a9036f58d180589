// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Layers;

namespace LayersFramework.Training.Tests;

/// <summary>Weights imported from PyTorch's layouts compute what PyTorch's own functions compute, and export back unchanged.</summary>
public sealed class PyTorchLayoutTests
{
    [Fact]
    public void AConvTranspose2dWeight_Imported_GivesPyTorchsOutput_AndExportsBackUnchanged()
    {
        using var scope = new DisposeScope();
        using var generator = new Generator(4);
        var weight = Tensor.Randn([6, 2, 4, 3], generator); // (in 6, out/groups 2, kh 4, kw 3), groups 2
        var bias = Tensor.Randn([4], generator);
        var x = Tensor.Randn([2, 6, 5, 5], generator);      // NCHW
        using var layer = new Conv2DTranspose(4, [4, 3], strides: [2, 1], dataFormat: "channels_first", groups: 2);
        layer.Call(x);

        PyTorchLayout.LoadConvTranspose(layer, weight, bias);
        var expected = Functional.ConvTranspose2d(x, weight, bias, stride: [2, 1], groups: 2);
        var (exportedWeight, exportedBias) = PyTorchLayout.ExportConvTranspose(layer);

        Assert.Equal(new long[] { 4, 3, 2, 6 }, layer.Kernel!.Shape);
        Assert.True(layer.Call(x).AllClose(expected, 1e-5, 1e-5));
        Assert.Equal(weight.ToArray<float>(), exportedWeight.ToArray<float>());
        Assert.Equal(weight.Shape, exportedWeight.Shape);
        Assert.Equal(bias.ToArray<float>(), exportedBias!.ToArray<float>());
    }

    [Fact]
    public void AConv2dAndALinearWeight_Imported_GivePyTorchsOutputs()
    {
        using var scope = new DisposeScope();
        using var generator = new Generator(5);
        var convWeight = Tensor.Randn([3, 2, 3, 3], generator);
        var x = Tensor.Randn([1, 2, 6, 6], generator);
        using var conv = new Conv2D(3, 3, dataFormat: "channels_first", useBias: false);
        conv.Call(x);
        var linearWeight = Tensor.Randn([2, 5], generator);
        var linearBias = Tensor.Randn([2], generator);
        var v = Tensor.Randn([3, 5], generator);
        using var dense = new Dense(2);
        dense.Call(v);

        PyTorchLayout.LoadConv(conv, convWeight, null);
        PyTorchLayout.LoadDense(dense, linearWeight, linearBias);

        Assert.True(conv.Call(x).AllClose(Functional.Conv2d(x, convWeight, null), 1e-5, 1e-5));
        Assert.True(dense.Call(v).AllClose(v.Matmul(linearWeight.Transpose(0, 1)) + linearBias, 1e-5, 1e-5));
        Assert.Equal(convWeight.ToArray<float>(), PyTorchLayout.ExportConv(conv).Weight.ToArray<float>());
    }

    [Fact]
    public void AWeightOfTheWrongShape_OrAMissingBias_IsRefused_NamingBothLayouts()
    {
        using var scope = new DisposeScope();
        using var layer = new Conv2DTranspose(4, 3);
        layer.Call(Tensor.Ones([1, 5, 5, 2]));

        var shape = Assert.Throws<ArgumentException>(() => PyTorchLayout.LoadConvTranspose(layer, Tensor.Ones([4, 2, 3, 3]), Tensor.Ones([4])));
        var bias = Assert.Throws<ArgumentException>(() => PyTorchLayout.LoadConvTranspose(layer, Tensor.Ones([2, 4, 3, 3]), null));

        Assert.Contains("The PyTorch weight (4, 2, 3, 3) becomes (3, 3, 2, 4) in Keras's layout, but layer", shape.Message, StringComparison.Ordinal);
        Assert.Contains("kernel is (3, 3, 4, 2)", shape.Message, StringComparison.Ordinal);
        Assert.Equal("bias", bias.ParamName);
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Activations;
using LayersFramework.Configuration;
using LayersFramework.Constraints;
using LayersFramework.Initializers;
using LayersFramework.Regularizers;

namespace LayersFramework.Layers.Tests;

public sealed class LayerConfigTests
{
    /// <summary>A Conv2DTranspose as Keras 3 serializes it in a model's JSON (layer entry of model.to_json()).</summary>
    private const string Keras3Json = """
        {"module": "keras.layers", "class_name": "Conv2DTranspose",
         "config": {"name": "conv2d_transpose_7", "trainable": true,
                    "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
                    "filters": 16, "kernel_size": [3, 3], "strides": [2, 2], "padding": "same", "data_format": "channels_last",
                    "dilation_rate": [1, 1], "activation": "relu", "use_bias": true,
                    "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null}, "registered_name": null},
                    "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null},
                    "kernel_regularizer": {"module": "keras.regularizers", "class_name": "L2", "config": {"l2": 0.0010000000474974513}, "registered_name": null},
                    "bias_regularizer": null, "activity_regularizer": null,
                    "kernel_constraint": {"module": "keras.constraints", "class_name": "MaxNorm", "config": {"max_value": 2, "axis": 0}, "registered_name": null},
                    "bias_constraint": null, "output_padding": null},
         "registered_name": null, "build_config": {"input_shape": [null, 8, 8, 32]}}
        """;

    [Fact]
    public void AKeras3Config_Loads_WithEveryArgument_AndIsBuiltFromItsBuildConfig()
    {
        using var scope = NewDisposeScope();
        using var layer = (Conv2DTranspose)LayerRegistry.Get(Keras3Json);

        Assert.Equal("conv2d_transpose_7", layer.Name);
        Assert.Equal(16, layer.Filters);
        Assert.Equal(new[] { 3, 3 }, layer.KernelSize);
        Assert.Equal(new[] { 2, 2 }, layer.Strides);
        Assert.Equal("same", layer.Padding);
        Assert.Null(layer.OutputPadding);
        Assert.IsType<Relu>(layer.Activation);
        Assert.IsType<GlorotUniform>(layer.KernelInitializer);
        Assert.Equal(0.001, ((L2)layer.KernelRegularizer!).Factor, 6);
        Assert.IsType<MaxNorm>(layer.KernelConstraint);
        Assert.True(layer.Built);
        Assert.Equal(new long[] { 3, 3, 16, 32 }, layer.Kernel!.Shape);
        Assert.Equal(new long[] { 1, 16, 16, 16 }, layer.Call(ones(1, 8, 8, 32)).shape);
    }

    public static TheoryData<string> Layers => ["1", "2", "3"];

    [Theory]
    [MemberData(nameof(Layers))]
    public void Serialize_ThenGet_GivesAnEqualConfig_ForEveryRank(string rank)
    {
        using var scope = NewDisposeScope();
        using Layer layer = rank switch
        {
            "1" => new Conv1DTranspose(4, 5, strides: 4, padding: "same", outputPadding: 1, activation: "leaky_relu", kernelRegularizer: new L1L2(0.01, 0.02), biasConstraint: "non_neg", name: "audio_up"),
            "2" => new Conv2DTranspose(6, [3, 2], strides: [2, 1], dataFormat: "channels_first", dilationRate: [1, 2], groups: 2, kernelInitializer: new HeNormal(seed: 7), activityRegularizer: "l2", outputSize: [9, 6]),
            _ => new Conv3DTranspose(2, 2, strides: 2, useBias: false, activation: new Gelu(approximate: true), kernelConstraint: new UnitNorm([0, 1, 2]), trainable: false),
        };

        var text = KerasJson.Write(LayerRegistry.Serialize(layer));
        using var back = LayerRegistry.Get(text);

        Assert.Equal(KerasJson.Write(layer.GetConfig()), KerasJson.Write(back.GetConfig()));
        Assert.Equal(layer.GetType(), back.GetType());
        Assert.False(back.Built);
    }

    [Fact]
    public void Serialize_OfABuiltLayer_HasItsBuildConfig_AndGetRebuildsIt()
    {
        using var scope = NewDisposeScope();
        using var layer = new Conv1DTranspose(3, 3);
        layer.Call(ones(2, 7, 5));

        var envelope = LayerRegistry.Serialize(layer);
        using var back = LayerRegistry.Get(envelope);

        Assert.Equal("""{"input_shape":[null,7,5]}""", KerasJson.Write(envelope["build_config"]));
        Assert.Equal(new long[] { 3, 3, 5 }, ((Conv1DTranspose)back).Kernel!.Shape);
    }

    [Fact]
    public void AConfigWithAnUnknownKey_OrAnotherDtype_IsRefused()
    {
        var unknown = Assert.Throws<ArgumentException>(() => LayerRegistry.Get("""{"class_name": "Conv2DTranspose", "config": {"filters": 1, "kernel_size": 3, "kernel_sise": 3}}"""));
        var dtype = Assert.Throws<ArgumentException>(() => LayerRegistry.Get("""{"class_name": "Conv2DTranspose", "config": {"filters": 1, "kernel_size": 3, "dtype": "float16"}}"""));

        Assert.Contains("unexpected key(s) 'kernel_sise'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("has dtype 'float16'", dtype.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TfKerasConfigKeys_AreAccepted()
    {
        using var layer = LayerRegistry.Get(JsonNode.Parse("""{"class_name": "Conv2DTranspose", "config": {"name": "up", "trainable": true, "dtype": "float32", "filters": 2, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": "linear", "use_bias": true, "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": null}}, "bias_initializer": {"class_name": "Zeros", "config": {}}, "kernel_regularizer": null, "bias_regularizer": null, "activity_regularizer": null, "kernel_constraint": null, "bias_constraint": null, "output_padding": null}}""")!);

        Assert.Equal("up", layer.Name);
        Assert.IsType<Linear>(((Conv2DTranspose)layer).Activation);
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Activations;
using static TorchSharp.torch;

namespace LayersFramework.Layers;

/// <summary>Keras's <c>LeakyReLU</c> layer: <c>x</c> where positive, <c>negative_slope · x</c> elsewhere (Keras 3's default slope 0.3); no weights.</summary>
public sealed class LeakyReLU : Layer
{
    private readonly LeakyRelu function;

    /// <summary>Validates and stores Keras's argument.</summary>
    /// <param name="negativeSlope">The slope for negative inputs, 0 or more; 0.3 unless given (Keras 3's default).</param>
    /// <param name="name">The layer's name; unique from the class name unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException">The slope is negative or not finite.</exception>
    public LeakyReLU(double negativeSlope = 0.3, string? name = null)
        : base(name, trainable: true, activityRegularizer: null) =>
        function = new LeakyRelu(negativeSlope);

    /// <summary>Gets the slope for negative inputs.</summary>
    public double NegativeSlope => function.NegativeSlope;

    /// <summary>Creates the layer from its Keras config (Keras 3's <c>negative_slope</c>, or tf-keras's <c>alpha</c>).</summary>
    /// <param name="config">The config.</param>
    /// <param name="catalog">Unused: the layer names no components.</param>
    /// <returns>The layer.</returns>
    public static LeakyReLU FromConfig(JsonObject? config, ComponentCatalog? catalog = null)
    {
        var reader = new LayerConfigReader(config, nameof(LeakyReLU), catalog);
        var slope = reader.Values.Node("alpha") is null ? reader.Values.Number("negative_slope", 0.3) : reader.Values.Number("alpha", 0.3);
        var layer = new LeakyReLU(slope, reader.Name) { Trainable = reader.Trainable };
        reader.EnsureNoOtherKeys();
        return layer;
    }

    /// <inheritdoc/>
    public override long?[] ComputeOutputShape(long?[] inputShape) => inputShape;

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["negative_slope"] = NegativeSlope;
        return config;
    }

    /// <inheritdoc/>
    protected override Tensor ComputeOutput(Tensor inputs, bool training) => function.Apply(inputs);
}

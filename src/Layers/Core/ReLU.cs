// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Activations;
using static TorchSharp.torch;

namespace LayersFramework.Layers;

/// <summary>
/// Keras's <c>ReLU</c> layer: <c>max_value</c> caps the output, values below <c>threshold</c> are scaled by
/// <c>negative_slope</c> (as <c>x - threshold</c> times the slope); no weights.
/// </summary>
public sealed class ReLU : Layer
{
    private readonly Relu function;

    /// <summary>Validates and stores Keras's arguments.</summary>
    /// <param name="maxValue">The cap, 0 or more, or null for none.</param>
    /// <param name="negativeSlope">The slope below the threshold, 0 or more.</param>
    /// <param name="threshold">The threshold.</param>
    /// <param name="name">The layer's name; unique from the class name unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative or not finite.</exception>
    public ReLU(double? maxValue = null, double negativeSlope = 0, double threshold = 0, string? name = null)
        : base(name, trainable: true, activityRegularizer: null) =>
        function = new Relu(negativeSlope, maxValue, threshold);

    /// <summary>Gets the cap, or null.</summary>
    public double? MaxValue => function.MaxValue;

    /// <summary>Gets the slope below the threshold.</summary>
    public double NegativeSlope => function.NegativeSlope;

    /// <summary>Gets the threshold.</summary>
    public double Threshold => function.Threshold;

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The config.</param>
    /// <param name="catalog">Unused: the layer names no components.</param>
    /// <returns>The layer.</returns>
    public static ReLU FromConfig(JsonObject? config, ComponentCatalog? catalog = null)
    {
        var reader = new LayerConfigReader(config, nameof(ReLU), catalog);
        var layer = new ReLU(
            reader.Values.OptionalNumber("max_value"), reader.Values.Number("negative_slope", 0), reader.Values.Number("threshold", 0), reader.Name)
        {
            Trainable = reader.Trainable,
        };
        reader.EnsureNoOtherKeys();
        return layer;
    }

    /// <inheritdoc/>
    public override long?[] ComputeOutputShape(long?[] inputShape) => inputShape;

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["max_value"] = MaxValue;
        config["negative_slope"] = NegativeSlope;
        config["threshold"] = Threshold;
        return config;
    }

    /// <inheritdoc/>
    protected override Tensor ComputeOutput(Tensor inputs, bool training) => function.Apply(inputs);
}

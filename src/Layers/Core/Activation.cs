// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Activations;
using static TorchSharp.torch;

namespace LayersFramework.Layers;

/// <summary>Keras's <c>Activation</c> layer: applies an activation function; no weights.</summary>
public sealed class Activation : Layer
{
    /// <summary>Stores the activation.</summary>
    /// <param name="activation">The activation by Keras name ("relu"), delegate or object.</param>
    /// <param name="name">The layer's name; unique from the class name unless given.</param>
    /// <exception cref="ArgumentException">The name is unknown (the message lists the known ones).</exception>
    public Activation(object activation, string? name = null)
        : base(name, trainable: true, activityRegularizer: null)
    {
        ArgumentNullException.ThrowIfNull(activation);
        Function = ActivationRegistry.Get(activation, nameof(activation));
    }

    /// <summary>Gets the activation function.</summary>
    public IActivation Function { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The config.</param>
    /// <param name="catalog">Resolves the activation the config names; the built-ins when null.</param>
    /// <returns>The layer.</returns>
    public static Activation FromConfig(JsonObject? config, ComponentCatalog? catalog = null)
    {
        var reader = new LayerConfigReader(config, nameof(Activation), catalog);
        var layer = new Activation(reader.Activation("activation", "activation"), reader.Name) { Trainable = reader.Trainable };
        reader.EnsureNoOtherKeys();
        return layer;
    }

    /// <inheritdoc/>
    public override long?[] ComputeOutputShape(long?[] inputShape) => inputShape;

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["activation"] = ActivationRegistry.Serialize(Function);
        return config;
    }

    /// <inheritdoc/>
    protected override Tensor ComputeOutput(Tensor inputs, bool training) => Function.Apply(inputs);
}

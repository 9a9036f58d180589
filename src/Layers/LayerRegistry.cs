// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;

namespace LayersFramework.Layers;

/// <summary>
/// Keras's layer names and configs: serializes a layer in Keras's envelope (with <c>build_config</c> once built)
/// and rebuilds one from that, including a config Keras 3 wrote (<c>model.to_json()</c> style).
/// </summary>
public static class LayerRegistry
{
    /// <summary>Gets the read-only registry of the built-in layers (<see cref="ComponentCatalog.BuiltIns"/>'s).</summary>
    public static ComponentRegistry<Layer> BuiltIns => ComponentCatalog.BuiltIns.Layers;

    /// <summary>Serializes a layer: <c>{"module": "keras.layers", "class_name", "config", "registered_name", "build_config"}</c>.</summary>
    /// <param name="layer">The layer.</param>
    /// <returns>The envelope; <c>build_config</c> holds the input shape with an unknown batch once the layer is built.</returns>
    public static JsonObject Serialize(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var envelope = BuiltIns.Serialize(layer);
        if (layer.BuildInputShape is { } shape)
        {
            envelope["build_config"] = new JsonObject
            {
                ["input_shape"] = new JsonArray(shape.Select((size, i) => i == 0 ? null : (JsonNode?)size).ToArray()),
            };
        }

        return envelope;
    }

    /// <summary>
    /// Creates a layer from a serialized envelope (ours or Keras 3's), its JSON text, or a layer name, with the
    /// built-in components; builds it when the envelope has a <c>build_config</c>. A config naming an application's
    /// own components loads through the application's catalog (<see cref="ComponentCatalog.GetLayer"/>).
    /// </summary>
    /// <param name="identifier">The envelope, its text, or a class name.</param>
    /// <param name="parameterName">The argument it came from, for messages.</param>
    /// <returns>The layer.</returns>
    /// <exception cref="ArgumentException">The class is unknown or the config invalid.</exception>
    public static Layer Get(object identifier, string parameterName = "identifier") =>
        ComponentCatalog.BuiltIns.GetLayer(identifier, parameterName);

    /// <summary>Creates a new registry of the built-in layers whose configs resolve their components through <paramref name="catalog"/>.</summary>
    /// <param name="catalog">The catalog the registry belongs to.</param>
    /// <returns>The registry, writable.</returns>
    public static ComponentRegistry<Layer> CreateRegistry(ComponentCatalog catalog)
    {
        var registry = new ComponentRegistry<Layer>("layer", "keras.layers");
        ArgumentNullException.ThrowIfNull(catalog);
        registry.RegisterBuiltIn(config => Conv1DTranspose.FromConfig(config, catalog), "Convolution1DTranspose");
        registry.RegisterBuiltIn(config => Conv2DTranspose.FromConfig(config, catalog), "Convolution2DTranspose");
        registry.RegisterBuiltIn(config => Conv3DTranspose.FromConfig(config, catalog), "Convolution3DTranspose");
        registry.RegisterBuiltIn(config => Conv1D.FromConfig(config, catalog), "Convolution1D");
        registry.RegisterBuiltIn(config => Conv2D.FromConfig(config, catalog), "Convolution2D");
        registry.RegisterBuiltIn(config => Conv3D.FromConfig(config, catalog), "Convolution3D");
        registry.RegisterBuiltIn(config => Dense.FromConfig(config, catalog));
        registry.RegisterBuiltIn(config => Activation.FromConfig(config, catalog));
        registry.RegisterBuiltIn(config => ReLU.FromConfig(config, catalog));
        registry.RegisterBuiltIn(config => LeakyReLU.FromConfig(config, catalog));
        registry.RegisterBuiltIn(config => Dropout.FromConfig(config, catalog));
        registry.RegisterBuiltIn(config => Reshape.FromConfig(config, catalog));
        registry.RegisterBuiltIn(config => Flatten.FromConfig(config, catalog));
        registry.RegisterBuiltIn(config => UpSampling2D.FromConfig(config, catalog));
        registry.RegisterBuiltIn(config => Concatenate.FromConfig(config, catalog));
        registry.RegisterBuiltIn(config => BatchNormalization.FromConfig(config, catalog));
        registry.RegisterBuiltIn(config => Sequential.FromConfig(config, catalog));
        return registry;
    }
}

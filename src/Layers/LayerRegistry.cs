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
    private static readonly ComponentRegistry<Layer> BuiltIns = CreateBuiltIns();

    /// <summary>Gets a copy of the registry of built-in layers, to extend without changing <see cref="Get"/>.</summary>
    public static ComponentRegistry<Layer> Registry => BuiltIns.Clone();

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
    /// Creates a layer from a serialized envelope (ours or Keras 3's), its JSON text, or a layer name; builds it
    /// when the envelope has a <c>build_config</c>.
    /// </summary>
    /// <param name="identifier">The envelope, its text, or a class name.</param>
    /// <param name="parameterName">The argument it came from, for messages.</param>
    /// <returns>The layer.</returns>
    /// <exception cref="ArgumentException">The class is unknown or the config invalid.</exception>
    public static Layer Get(object identifier, string parameterName = "identifier")
    {
        ArgumentNullException.ThrowIfNull(identifier, parameterName);
        var node = identifier is string text && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : identifier;
        var layer = BuiltIns.Resolve(node, parameterName)!;
        if (node is JsonObject { } envelope && envelope["build_config"]?["input_shape"] is JsonArray inputShape)
        {
            layer.BuildFor(inputShape.Select(size => size?.GetValue<long>()).ToArray());
        }

        return layer;
    }

    private static ComponentRegistry<Layer> CreateBuiltIns()
    {
        var registry = new ComponentRegistry<Layer>("layer", "keras.layers");
        registry.RegisterBuiltIn(Conv1DTranspose.FromConfig, "Convolution1DTranspose");
        registry.RegisterBuiltIn(Conv2DTranspose.FromConfig, "Convolution2DTranspose");
        registry.RegisterBuiltIn(Conv3DTranspose.FromConfig, "Convolution3DTranspose");
        return registry;
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Layers;

/// <summary>
/// Keras's <c>Sequential</c>: a stack of layers, each applied to the previous one's output. It owns its layers: their
/// weights are its weights (in order), their losses its losses, and disposing it disposes them.
/// </summary>
/// <remarks>
/// <para>
/// As a TorchSharp module it holds its layers as child modules named by position, "0", "1", ..., as
/// <c>torch.nn.Sequential</c> does, so its <c>state_dict()</c> keys (<c>"0.kernel"</c>, <c>"1.moving_mean"</c>)
/// are the same in every process, whatever the layers' names. A TorchSharp <c>Module&lt;Tensor, Tensor&gt;</c> that
/// is not a layer joins as a <see cref="TorchModuleWrapper"/>, as Keras wraps a torch module.
/// </para>
/// <para>
/// Given an input shape, the model is built at construction, as Keras builds a <c>Sequential</c> that starts with an
/// <c>Input</c>: its weights exist at once, so <c>torch.optim.Adam(model.parameters())</c> can be made before the
/// first call. Without one, it is built by its first call (or <see cref="Layer.Build"/>), and until then it refuses
/// to list its parameters.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// using var generator = new Sequential(
/// [
///     new Dense(7 * 7 * 128, useBias: false),
///     new Reshape([7, 7, 128]),
///     new Conv2DTranspose(64, 4, strides: 2, padding: "same"),
///     new Conv2DTranspose(1, 4, strides: 2, padding: "same", activation: "tanh"),
/// ], inputShape: [null, 100]);
/// using var adam = torch.optim.Adam(generator.parameters());
/// var images = generator.Call(noise, training: true);
/// Console.WriteLine(generator.Summary());
/// </code>
/// </example>
public sealed class Sequential : Layer
{
    /// <summary>Initializes a new instance of the <see cref="Sequential"/> class.</summary>
    /// <param name="layers">
    /// The layers, in order; the model owns them. Our layers, or any TorchSharp <c>Module&lt;Tensor, Tensor&gt;</c>
    /// (wrapped in a <see cref="TorchModuleWrapper"/>). Empty unless given (add more with <see cref="Add"/>).
    /// </param>
    /// <param name="inputShape">The input's shape, batch first, null for an unknown size (<c>[null, 16]</c>): the model is then built now. Not built unless given.</param>
    /// <param name="trainable">Whether the layers train.</param>
    /// <param name="name">The model's name; unique from "sequential" unless given.</param>
    /// <exception cref="ArgumentException">A layer appears twice, or the input shape does not fit the layers.</exception>
    public Sequential(IEnumerable<nn.Module<Tensor, Tensor>>? layers = null, long?[]? inputShape = null, bool trainable = true, string? name = null)
        : base(name, trainable, activityRegularizer: null)
    {
        foreach (var layer in layers ?? [])
        {
            Add(layer);
        }

        if (inputShape is not null)
        {
            Build(inputShape);
        }
    }

    /// <summary>Gets the layers, in order (a TorchSharp module given to the model appears as its <see cref="TorchModuleWrapper"/>).</summary>
    public IReadOnlyList<Layer> Layers => TrackedLayers;

    /// <summary>Creates the model from its Keras config: <c>{"name", "layers": [envelopes]}</c>, as Keras 3 writes it (an <c>InputLayer</c> entry gives the build shape).</summary>
    /// <param name="config">The config.</param>
    /// <param name="catalog">Resolves the layers and their components; the built-ins when null.</param>
    /// <returns>The model; built when the config says for which input shape.</returns>
    /// <exception cref="ArgumentException">A layer's config is invalid.</exception>
    public static Sequential FromConfig(JsonObject? config, ComponentCatalog? catalog = null)
    {
        var reader = new LayerConfigReader(config, nameof(Sequential), catalog);
        var entries = reader.Values.NodeToRead("layers") switch
        {
            null => [],
            JsonArray array => array,
            var other => throw new ArgumentException($"The config of Sequential has layers = {other.ToJsonString()}; expected a list of serialized layers.", nameof(config)),
        };
        _ = reader.Values.Node("build_input_shape");
        reader.EnsureNoOtherKeys();
        var model = new Sequential(trainable: reader.Trainable, name: reader.Name);
        try
        {
            long?[]? inputShape = null;
            for (var index = 0; index < entries.Count; index++)
            {
                var entry = entries[index] as JsonObject
                    ?? throw new ArgumentException($"The config of Sequential has layers[{index}] is {entries[index]?.ToJsonString() ?? "null"}; expected a serialized layer (an object with \"class_name\").", nameof(config));
                if (entry["class_name"] is JsonValue className && className.TryGetValue<string>(out var text) && text == "InputLayer")
                {
                    var shape = entry["config"]?["batch_shape"] ?? entry["config"]?["batch_input_shape"];
                    inputShape = (shape as JsonArray)?.Select(size => size?.GetValue<long>()).ToArray();
                    continue;
                }

                model.Add(reader.Catalog.GetLayer(entry, "layers"));
            }

            if (inputShape is not null)
            {
                model.Build(inputShape);
            }

            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Appends a layer (or a TorchSharp module, wrapped in a <see cref="TorchModuleWrapper"/>); the model owns it from then on.</summary>
    /// <param name="layer">The layer or module.</param>
    /// <exception cref="InvalidOperationException">The model is built already.</exception>
    /// <exception cref="ArgumentException">The layer is in the model already.</exception>
    public void Add(nn.Module<Tensor, Tensor> layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (Built)
        {
            throw new InvalidOperationException($"Model {Name} is built already; add its layers before the first call.");
        }

        Track(layer as Layer ?? new TorchModuleWrapper(layer));
    }

    /// <inheritdoc/>
    public override long?[] ComputeOutputShape(long?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        return Layers.Aggregate(inputShape, (shape, layer) => layer.ComputeOutputShape(shape));
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["layers"] = new JsonArray(Layers.Select(layer => (JsonNode?)LayerRegistry.Serialize(layer)).ToArray());
        return config;
    }

    /// <summary>
    /// Keras's <c>model.summary()</c>: each layer's name, type, output shape and parameter count, then the totals.
    /// </summary>
    /// <returns>The table, one line per row.</returns>
    /// <exception cref="InvalidOperationException">The model is not built yet, so its shapes are unknown.</exception>
    public string Summary()
    {
        if (BuildInputShape is not { } built)
        {
            throw new InvalidOperationException($"Model {Name} has not been built yet: call it once, Build it, or give its inputShape (or load a config with its build shape) before Summary().");
        }

        var rows = new List<(string Layer, string Shape, long Parameters)>();
        long?[] shape = [null, .. built.Skip(1).Select(size => (long?)size)];
        foreach (var layer in Layers)
        {
            shape = layer.ComputeOutputShape(shape);
            rows.Add(($"{layer.Name} ({layer.GetType().Name})", FormatShape(shape), layer.Weights.Sum(w => w.Value.numel())));
        }

        var widths = (Layer: Math.Max(25, rows.Select(r => r.Layer.Length).DefaultIfEmpty(0).Max() + 2), Shape: Math.Max(20, rows.Select(r => r.Shape.Length).DefaultIfEmpty(0).Max() + 2));
        var rule = new string('─', widths.Layer + widths.Shape + 12);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Model: \"{Name}\"");
        text.AppendLine(rule);
        text.AppendLine(CultureInfo.InvariantCulture, $"{"Layer (type)".PadRight(widths.Layer)}{"Output Shape".PadRight(widths.Shape)}{"Param #",12}");
        text.AppendLine(rule);
        foreach (var (layer, outputShape, parameters) in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{layer.PadRight(widths.Layer)}{outputShape.PadRight(widths.Shape)}{parameters,12:N0}");
        }

        text.AppendLine(rule);
        text.AppendLine(CultureInfo.InvariantCulture, $" Total params: {Weights.Sum(w => w.Value.numel()):N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $" Trainable params: {TrainableWeights.Sum(w => w.Value.numel()):N0}");
        text.Append(CultureInfo.InvariantCulture, $" Non-trainable params: {NonTrainableWeights.Sum(w => w.Value.numel()):N0}");
        return text.ToString();
    }

    /// <summary>Builds every layer in turn, each for the previous one's output shape (the batch unknown).</summary>
    /// <param name="inputShape">The model's input shape.</param>
    /// <exception cref="InvalidOperationException">The model has no layers.</exception>
    protected override void CreateWeights(long[] inputShape)
    {
        if (Layers.Count == 0)
        {
            throw new InvalidOperationException($"Model {Name} has no layers; add some before calling or building it.");
        }

        long?[] shape = [null, .. inputShape.Skip(1).Select(size => (long?)size)];
        foreach (var layer in Layers)
        {
            layer.Build(shape);
            shape = layer.ComputeOutputShape(shape);
        }
    }

    /// <inheritdoc/>
    protected override Tensor ComputeOutput(Tensor inputs, bool training)
    {
        using var scope = torch.NewDisposeScope();
        var x = inputs;
        foreach (var layer in Layers)
        {
            x = layer.Call(x, training);
        }

        return scope.MoveToOuter(ReferenceEquals(x, inputs) ? x.alias() : x);
    }

    private static string FormatShape(long?[] shape) => $"({string.Join(", ", shape.Select(size => size?.ToString(CultureInfo.InvariantCulture) ?? "None"))})";
}

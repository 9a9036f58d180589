// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using System.Text.Json.Nodes;
using LayersFramework.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Layers;

/// <summary>
/// Keras's <c>Flatten</c>: each example becomes a vector. For channels_first inputs the channels are moved last
/// first, as Keras does, so a model's Dense weights mean the same in either format.
/// </summary>
public sealed class Flatten : Layer
{
    private readonly bool channelsFirst;

    /// <summary>Validates and stores the data format.</summary>
    /// <param name="dataFormat">"channels_last" (the default) or "channels_first".</param>
    /// <param name="name">The layer's name; unique from the class name unless given.</param>
    /// <exception cref="ArgumentException">The data format is neither.</exception>
    public Flatten(string? dataFormat = null, string? name = null)
        : base(name, trainable: true, activityRegularizer: null)
    {
        DataFormat = (dataFormat ?? "channels_last").ToLowerInvariant();
        if (DataFormat is not ("channels_last" or "channels_first"))
        {
            throw new ArgumentException($"dataFormat '{dataFormat}' is not 'channels_last' or 'channels_first'.", nameof(dataFormat));
        }

        channelsFirst = DataFormat == "channels_first";
    }

    /// <summary>Gets "channels_last" or "channels_first".</summary>
    public string DataFormat { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The config.</param>
    /// <param name="catalog">Unused: the layer names no components.</param>
    /// <returns>The layer.</returns>
    public static Flatten FromConfig(JsonObject? config, ComponentCatalog? catalog = null)
    {
        var reader = new LayerConfigReader(config, nameof(Flatten), catalog);
        var format = reader.Values.Node("data_format") is null ? null : reader.Values.Text("data_format", "channels_last");
        var layer = new Flatten(format, reader.Name) { Trainable = reader.Trainable };
        reader.EnsureNoOtherKeys();
        return layer;
    }

    /// <inheritdoc/>
    public override long?[] ComputeOutputShape(long?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        var rest = inputShape.Skip(1).ToArray();
        return [inputShape.Length > 0 ? inputShape[0] : null, rest.All(size => size is not null) ? rest.Aggregate(1L, (product, size) => product * size!.Value) : null];
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["data_format"] = DataFormat;
        return config;
    }

    /// <inheritdoc/>
    protected override Tensor ComputeOutput(Tensor inputs, bool training)
    {
        var rank = (int)inputs.dim();
        if (rank < 2)
        {
            throw new ArgumentException($"Layer {Name} expects inputs of rank 2 or more (batch first); received {Tuples.Format(inputs.shape)}.", nameof(inputs));
        }

        if (channelsFirst && rank > 2)
        {
            using var scope = torch.NewDisposeScope();
            long[] order = [0, .. Enumerable.Range(2, rank - 2).Select(i => (long)i), 1];
            return scope.MoveToOuter(inputs.permute(order).reshape(inputs.shape[0], -1));
        }

        return inputs.reshape(inputs.shape[0], -1);
    }
}

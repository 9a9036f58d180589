// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using LayersFramework.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Layers;

/// <summary>
/// Keras's <c>Dropout</c>: in training, each element (or each slice, with a noise shape) is zeroed with probability
/// <c>rate</c> and the survivors are scaled by <c>1 / (1 - rate)</c>; in inference it passes the input through.
/// </summary>
/// <remarks>
/// With a seed, the masks come from a generator of the layer's own, so a run's masks repeat; without one, from
/// libtorch's default generator. A rate of 1 drops everything and gives zeros (Keras would divide by zero).
/// </remarks>
public sealed class Dropout : Layer
{
    private readonly torch.Generator? generator;

    /// <summary>Validates and stores Keras's arguments.</summary>
    /// <param name="rate">The fraction to drop, 0 to 1.</param>
    /// <param name="noiseShape">The mask's shape, broadcast over the input (null: the input's; a 0 entry: the input's size there), or null.</param>
    /// <param name="seed">The masks' seed, or null.</param>
    /// <param name="name">The layer's name; unique from the class name unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is outside 0..1, or the seed is negative.</exception>
    public Dropout(double rate, long[]? noiseShape = null, long? seed = null, string? name = null)
        : base(name, trainable: true, activityRegularizer: null)
    {
        if (!(rate >= 0 && rate <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(rate), rate, string.Create(CultureInfo.InvariantCulture, $"Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate={rate}"));
        }

        if (seed < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(seed), seed, "seed must be 0 or more, or null.");
        }

        Rate = rate;
        NoiseShape = noiseShape is null ? null : (long[])noiseShape.Clone();
        Seed = seed;
        generator = seed is long value ? new torch.Generator((ulong)value) : null;
    }

    /// <summary>Gets the fraction dropped in training.</summary>
    public double Rate { get; }

    /// <summary>Gets the mask's shape, or null for the input's.</summary>
    public long[]? NoiseShape { get; }

    /// <summary>Gets the seed, or null.</summary>
    public long? Seed { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The config.</param>
    /// <param name="catalog">Unused: the layer names no components.</param>
    /// <returns>The layer.</returns>
    public static Dropout FromConfig(JsonObject? config, ComponentCatalog? catalog = null)
    {
        var reader = new LayerConfigReader(config, nameof(Dropout), catalog);
        var noise = reader.Values.Node("noise_shape") is JsonArray shape ? shape.Select(size => size?.GetValue<long>() ?? 0).ToArray() : null;
        var layer = new Dropout(reader.Values.Number("rate", 0), noise, reader.Values.OptionalInteger("seed"), reader.Name) { Trainable = reader.Trainable };
        reader.EnsureNoOtherKeys();
        return layer;
    }

    /// <inheritdoc/>
    public override long?[] ComputeOutputShape(long?[] inputShape) => inputShape;

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["rate"] = Rate;
        config["seed"] = Seed;
        config["noise_shape"] = NoiseShape is null ? null : new JsonArray(NoiseShape.Select(size => (JsonNode?)(size == 0 ? null : size)).ToArray());
        return config;
    }

    /// <inheritdoc/>
    protected override Tensor ComputeOutput(Tensor inputs, bool training)
    {
        if (!training || Rate == 0)
        {
            return inputs.alias();
        }

        using var scope = torch.NewDisposeScope();
        if (Rate == 1)
        {
            return scope.MoveToOuter(inputs * 0.0);
        }

        // The mask is drawn on the CPU, where the layer's generator lives, then moved to the input's device.
        var shape = MaskShape(inputs.shape, nameof(inputs));
        var keep = torch.rand(shape, inputs.dtype, generator: generator).ge(Rate).to(inputs.dtype, inputs.device);
        return scope.MoveToOuter(inputs * keep / (1 - Rate));
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            generator?.Dispose();
        }

        base.Dispose(disposing);
    }

    private long[] MaskShape(long[] inputShape, string parameterName)
    {
        if (NoiseShape is null)
        {
            return inputShape;
        }

        if (NoiseShape.Length != inputShape.Length || NoiseShape.Where((size, i) => size != 0 && size != 1 && size != inputShape[i]).Any())
        {
            throw new ArgumentException(
                $"Layer {Name} has noise_shape {Tuples.Format(NoiseShape)}, which does not broadcast to the input {Tuples.Format(inputShape)}.", parameterName);
        }

        return NoiseShape.Select((size, i) => size == 0 ? inputShape[i] : size).ToArray();
    }
}

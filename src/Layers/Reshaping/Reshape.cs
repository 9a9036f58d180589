// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using System.Text.Json.Nodes;
using LayersFramework.Engine;
using static TorchSharp.torch;

namespace LayersFramework.Layers;

/// <summary>Keras's <c>Reshape</c>: gives each example a new shape (the batch axis stays); one size may be -1, inferred.</summary>
public sealed class Reshape : Layer
{
    /// <summary>Validates and stores the target shape.</summary>
    /// <param name="targetShape">The shape of one example, without the batch axis; sizes 1 or more, or one -1.</param>
    /// <param name="name">The layer's name; unique from the class name unless given.</param>
    /// <exception cref="ArgumentException">A size is 0 or below -1, or -1 appears twice.</exception>
    public Reshape(long[] targetShape, string? name = null)
        : base(name, trainable: true, activityRegularizer: null)
    {
        ArgumentNullException.ThrowIfNull(targetShape);
        if (targetShape.Any(size => size == 0 || size < -1) || targetShape.Count(size => size == -1) > 1)
        {
            throw new ArgumentException(
                $"targetShape {Tuples.Format(targetShape)} must hold sizes of 1 or more and at most one -1 (the size to infer).", nameof(targetShape));
        }

        TargetShape = (long[])targetShape.Clone();
    }

    /// <summary>Gets the shape of one example, without the batch axis.</summary>
    public long[] TargetShape { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The config.</param>
    /// <param name="catalog">Unused: the layer names no components.</param>
    /// <returns>The layer.</returns>
    public static Reshape FromConfig(JsonObject? config, ComponentCatalog? catalog = null)
    {
        var reader = new LayerConfigReader(config, nameof(Reshape), catalog);
        var layer = new Reshape(reader.Values.Ints("target_shape", []).Select(size => (long)size).ToArray(), reader.Name) { Trainable = reader.Trainable };
        reader.EnsureNoOtherKeys();
        return layer;
    }

    /// <inheritdoc/>
    public override long?[] ComputeOutputShape(long?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        var known = inputShape.Skip(1).All(size => size is not null);
        var elements = known ? inputShape.Skip(1).Aggregate(1L, (product, size) => product * size!.Value) : (long?)null;
        return [inputShape.Length > 0 ? inputShape[0] : null, .. Resolve(elements, nameof(inputShape))];
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["target_shape"] = new JsonArray(TargetShape.Select(size => (JsonNode?)size).ToArray());
        return config;
    }

    /// <inheritdoc/>
    protected override Tensor ComputeOutput(Tensor inputs, bool training)
    {
        var shape = inputs.shape;
        var sizes = Resolve(shape.Skip(1).Aggregate(1L, (product, size) => product * size), nameof(inputs));
        return inputs.reshape([shape[0], .. sizes.Select(size => size!.Value)]);
    }

    /// <summary>The target shape with -1 resolved for an example of that many elements (null: unknown).</summary>
    private long?[] Resolve(long? elements, string parameterName)
    {
        var fixedProduct = TargetShape.Where(size => size != -1).Aggregate(1L, (product, size) => product * size);
        if (elements is not long count)
        {
            return TargetShape.Select(size => size == -1 ? null : (long?)size).ToArray();
        }

        var fits = TargetShape.Contains(-1) ? count % fixedProduct == 0 : count == fixedProduct;
        if (!fits)
        {
            throw new ArgumentException(
                $"Layer {Name} cannot reshape examples of {count} elements to {Tuples.Format(TargetShape)}.", parameterName);
        }

        return TargetShape.Select(size => (long?)(size == -1 ? count / fixedProduct : size)).ToArray();
    }
}

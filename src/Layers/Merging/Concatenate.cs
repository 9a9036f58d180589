// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using LayersFramework.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Layers;

/// <summary>
/// Keras's <c>Concatenate</c>: joins two or more tensors along one axis (the last unless given), the U-Net skip
/// connection. It takes its inputs as a list, <c>Call(a, b, ...)</c>; no weights.
/// </summary>
public sealed class Concatenate : Layer
{
    /// <summary>Stores the axis.</summary>
    /// <param name="axis">The axis to join along (negative counts from the end); -1 unless given.</param>
    /// <param name="name">The layer's name; unique from the class name unless given.</param>
    public Concatenate(int axis = -1, string? name = null)
        : base(name, trainable: true, activityRegularizer: null) => Axis = axis;

    /// <summary>Gets the axis.</summary>
    public int Axis { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The config.</param>
    /// <param name="catalog">Unused: the layer names no components.</param>
    /// <returns>The layer.</returns>
    public static Concatenate FromConfig(JsonObject? config, ComponentCatalog? catalog = null)
    {
        var reader = new LayerConfigReader(config, nameof(Concatenate), catalog);
        var layer = new Concatenate(reader.Values.SmallWholeNumber("axis", -1), reader.Name) { Trainable = reader.Trainable };
        reader.EnsureNoOtherKeys();
        return layer;
    }

    /// <summary>Joins the inputs along <see cref="Axis"/>.</summary>
    /// <param name="inputs">Two or more tensors of one rank whose sizes agree except along the axis.</param>
    /// <returns>The joined tensor.</returns>
    /// <exception cref="ArgumentException">Fewer than two inputs, or shapes that do not agree (the message shows them).</exception>
    public Tensor Call(params Tensor[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var shapes = inputs.Select(input => input.shape.Select(size => (long?)size).ToArray()).ToList();
        OutputShape(shapes, nameof(inputs));
        return Run(inputs[0], _ => torch.cat(inputs, Axis));
    }

    /// <summary>The output shape for the inputs' shapes (null: an unknown size).</summary>
    /// <param name="inputShapes">Two or more shapes.</param>
    /// <returns>The output shape.</returns>
    /// <exception cref="ArgumentException">The shapes cannot be joined.</exception>
    public long?[] ComputeOutputShape(IReadOnlyList<long?[]> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        return OutputShape(inputShapes, nameof(inputShapes));
    }

    /// <summary>Not meaningful for a layer of several inputs: give the list of their shapes instead.</summary>
    /// <param name="inputShape">One shape.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="ArgumentException">Always: the layer takes a list of shapes.</exception>
    public override long?[] ComputeOutputShape(long?[] inputShape) =>
        throw new ArgumentException($"Layer {Name} joins two or more inputs: give their shapes as a list.", nameof(inputShape));

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = Axis;
        return config;
    }

    /// <summary>Not meaningful for one input: <c>Call(a, b, ...)</c> joins several.</summary>
    /// <param name="inputs">One tensor.</param>
    /// <param name="training">Unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="ArgumentException">Always.</exception>
    protected override Tensor ComputeOutput(Tensor inputs, bool training) =>
        throw new ArgumentException($"Layer {Name} joins two or more inputs: call Call(a, b, ...).", nameof(inputs));

    private long?[] OutputShape(IReadOnlyList<long?[]> inputShapes, string parameterName)
    {
        if (inputShapes.Count < 2)
        {
            throw new ArgumentException($"Layer {Name} joins two or more inputs; received {inputShapes.Count}.", parameterName);
        }

        var rank = inputShapes[0].Length;
        var axis = Axis < 0 ? rank + Axis : Axis;
        var described = string.Join(", ", inputShapes.Select(shape => Tuples.Format(shape.Select(size => size ?? -1).ToArray())));
        if (axis < 0 || axis >= rank || inputShapes.Any(shape => shape.Length != rank))
        {
            throw new ArgumentException($"Layer {Name} joins along axis {Axis} inputs of one rank; received shapes {described}.", parameterName);
        }

        var output = (long?[])inputShapes[0].Clone();
        for (var i = 0; i < rank; i++)
        {
            if (i == axis)
            {
                output[i] = inputShapes.All(shape => shape[i] is not null) ? inputShapes.Sum(shape => shape[i]!.Value) : null;
            }
            else if (inputShapes.Select(shape => shape[i]).Where(size => size is not null).Distinct().Count() > 1)
            {
                throw new ArgumentException(
                    $"Layer {Name} requires inputs with matching shapes except for the concatenation axis {Axis}; received shapes {described}.", parameterName);
            }
        }

        return output;
    }
}

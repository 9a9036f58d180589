// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using LayersFramework.Engine;
using static TorchSharp.torch;

namespace LayersFramework.Constraints;

/// <summary>
/// The <c>axis</c> argument of the norm constraints: one axis or a list of axes (negative ones count from the end)
/// over which a norm is taken, remembering which form it was given in, because Keras's config stores it as given.
/// </summary>
internal sealed class ConstraintAxis
{
    private readonly int[] values;

    private ConstraintAxis(int[] values, bool isList)
    {
        this.values = values;
        IsList = isList;
    }

    /// <summary>Gets the axes, in the order given.</summary>
    public IReadOnlyList<int> Values => values;

    /// <summary>Gets a value indicating whether the axes were given as a list (serialized as a JSON list) rather than one integer.</summary>
    public bool IsList { get; }

    /// <summary>One axis, serialized as an integer.</summary>
    /// <param name="axis">The axis.</param>
    /// <returns>The argument.</returns>
    public static ConstraintAxis Single(int axis) => new([axis], isList: false);

    /// <summary>A list of axes, serialized as a list; an empty list takes every element's own magnitude as its norm (TensorFlow's reduction over no axes).</summary>
    /// <param name="axes">The axes.</param>
    /// <param name="parameterName">The argument they came from.</param>
    /// <returns>The argument.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="axes"/> is null.</exception>
    public static ConstraintAxis List(IEnumerable<int> axes, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(axes, parameterName);
        return new([.. axes], isList: true);
    }

    /// <summary>Reads the <c>axis</c> key of a config: an integer or a list of integers; 0 when absent or null.</summary>
    /// <param name="reader">The config's reader.</param>
    /// <returns>The argument.</returns>
    /// <exception cref="ArgumentException">The value is neither an integer nor a list of integers.</exception>
    public static ConstraintAxis Read(ConfigReader reader)
    {
        var isList = reader.Node("axis") is JsonArray;
        var axes = reader.Ints("axis", [0]);
        return isList ? List(axes, "config") : Single(axes[0]);
    }

    /// <summary>The config value: the integer, or the list.</summary>
    /// <returns>A new node.</returns>
    public JsonNode ToJson() => IsList ? new JsonArray([.. values.Select(axis => (JsonNode)axis)]) : JsonValue.Create(values[0]);

    /// <summary>The axes for messages: <c>1</c> or <c>[0, 1, 2]</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        IsList ? $"[{string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)))}]" : values[0].ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Computes Keras's norms, <c>sqrt(sum(w², axis, keepdims=True))</c>: one norm per slice over the axes, broadcast
    /// against the weight.
    /// </summary>
    /// <param name="weight">The weight.</param>
    /// <param name="className">The constraint, for messages.</param>
    /// <param name="parameterName">The argument the weight came from, named by exceptions.</param>
    /// <returns>The norms, a new tensor of the weight's rank with the reduced axes of size 1.</returns>
    /// <exception cref="ArgumentException">An axis is outside the weight's dimensions, or two axes name the same dimension.</exception>
    public Tensor Norms(Tensor weight, string className, [CallerArgumentExpression(nameof(weight))] string parameterName = "")
    {
        var dims = Resolve(weight.shape, className, parameterName);
        using var scope = NewDisposeScope();

        // libtorch's sum over an empty list of dimensions sums everything; TensorFlow's (and NumPy's) sums nothing.
        var squares = weight.square();
        var sums = dims.Length == 0 ? squares : squares.sum(dims, keepdim: true);
        return scope.MoveToOuter(sums.sqrt());
    }

    private long[] Resolve(long[] shape, string className, string parameterName)
    {
        var rank = shape.Length;
        var dims = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var axis = values[i];
            if (axis < -rank || axis >= rank)
            {
                var valid = rank == 0 ? "a zero-dimensional weight has no axes to take norms over" : $"every axis must be in {-rank}..{rank - 1}";
                throw new ArgumentException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{className} has axis {this} but the weight has shape {Tuples.Format(shape)} (rank {rank}); {valid}."),
                    parameterName);
            }

            dims[i] = axis < 0 ? axis + rank : axis;
        }

        if (dims.Distinct().Count() != dims.Length)
        {
            throw new ArgumentException(
                $"{className} has axis {this}, which names a dimension of the weight of shape {Tuples.Format(shape)} more than once; give each axis once.",
                parameterName);
        }

        return dims;
    }
}

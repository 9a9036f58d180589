// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Constraints;

/// <summary>
/// Limits the norm of each slice of a weight to <c>maxValue</c> (Keras's <c>MaxNorm</c>, names "MaxNorm",
/// "max_norm" and tf-keras's "maxnorm"): <c>w * clip(n, 0, maxValue) / (1e-7 + n)</c>, where n is the L2 norm over
/// <c>axis</c> of the slice holding w.
/// </summary>
/// <remarks>
/// <para>
/// Axis: the norm is taken over these axes, one norm per position on the others. For a dense kernel
/// (input_dim, units), axis 0 constrains each unit's incoming weights. For a convolution kernel (k..., in, out),
/// axis [0, 1, 2] (2-D) constrains each filter. For a transposed-convolution kernel (k..., filters, in_channels),
/// axis [0, 1, 2] constrains each input channel's slice.
/// </para>
/// <para>The config is <c>{"max_value": maxValue, "axis": axis}</c>, axis as given: an integer or a list.</para>
/// </remarks>
/// <example>
/// <code>
/// var constraint = new MaxNorm(maxValue: 2);           // axis 0
/// var perChannel = new MaxNorm(axis: [0, 1, 2]);        // config {"max_value": 2, "axis": [0, 1, 2]}
/// using var w = torch.tensor(new float[] { 3, 0, 4, 1 }, [2, 2]);
/// using var constrained = constraint.Apply(w);          // column norms 5 and 1: [[1.2, 0], [1.6, 1]]
/// </code>
/// </example>
public sealed class MaxNorm : IConstraint
{
    private readonly ConstraintAxis axis;

    /// <summary>Creates the constraint with one axis (serialized as an integer).</summary>
    /// <param name="maxValue">The largest norm, a finite number, 0 or more; 2 unless given.</param>
    /// <param name="axis">The axis the norm is taken over; negative counts from the end; 0 unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxValue"/> is negative, infinite or NaN.</exception>
    public MaxNorm(double maxValue = 2, int axis = 0)
        : this(maxValue, ConstraintAxis.Single(axis))
    {
    }

    /// <summary>Creates the constraint with a list of axes (serialized as a list).</summary>
    /// <param name="axis">The axes the norm is taken over, such as [0, 1, 2]; negative ones count from the end.</param>
    /// <param name="maxValue">The largest norm, a finite number, 0 or more; 2 unless given.</param>
    /// <exception cref="ArgumentNullException"><paramref name="axis"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxValue"/> is negative, infinite or NaN.</exception>
    public MaxNorm(int[] axis, double maxValue = 2)
        : this(maxValue, ConstraintAxis.List(axis, nameof(axis)))
    {
    }

    private MaxNorm(double maxValue, ConstraintAxis axis)
    {
        ConstraintArguments.CheckNorm(maxValue, nameof(MaxNorm), nameof(maxValue));
        MaxValue = maxValue;
        this.axis = axis;
    }

    /// <summary>Gets the largest norm.</summary>
    public double MaxValue { get; }

    /// <summary>Gets the axes the norm is taken over.</summary>
    public IReadOnlyList<int> Axis => axis.Values;

    /// <summary>Creates the constraint from its Keras config, <c>{"max_value", "axis"}</c>; missing keys take the defaults.</summary>
    /// <param name="config">The config, or null for the defaults.</param>
    /// <returns>The constraint.</returns>
    /// <exception cref="ArgumentException">The config has another key or a value of the wrong type.</exception>
    /// <exception cref="ArgumentOutOfRangeException">max_value is negative, infinite or NaN.</exception>
    public static MaxNorm FromConfig(JsonObject? config)
    {
        var reader = new ConfigReader(config, nameof(MaxNorm));
        var maxValue = reader.Number("max_value", 2);
        var axis = ConstraintAxis.Read(reader);
        reader.EnsureNoOtherKeys();
        return new MaxNorm(maxValue, axis);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An axis is outside the weight's dimensions, or two axes name the same one.</exception>
    public Tensor Apply(Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        using var scope = NewDisposeScope();
        var norms = axis.Norms(weight, nameof(MaxNorm));
        var desired = norms.clamp(0, MaxValue);
        return scope.MoveToOuter(weight * (desired / (norms + ConstraintArguments.Epsilon)));
    }

    /// <inheritdoc/>
    public JsonObject GetConfig() => new() { ["max_value"] = MaxValue, ["axis"] = axis.ToJson() };
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Constraints;

/// <summary>
/// Scales each slice of a weight to unit norm (Keras's <c>UnitNorm</c>, names "UnitNorm", "unit_norm" and tf-keras's
/// "unitnorm"): <c>w / (1e-7 + n)</c>, where n is the L2 norm over <c>axis</c> of the slice holding w. An all-zero
/// slice stays zero.
/// </summary>
/// <remarks>
/// <para>
/// Axis: the norm is taken over these axes, one norm per position on the others. For a dense kernel
/// (input_dim, units), axis 0 normalises each unit's incoming weights; for a transposed-convolution kernel
/// (k..., filters, in_channels), axis [0, 1, 2] (2-D) normalises each input channel's slice.
/// </para>
/// <para>The config is <c>{"axis": axis}</c>, axis as given: an integer or a list.</para>
/// </remarks>
/// <example>
/// <code>
/// var constraint = new UnitNorm();
/// using var w = torch.tensor(new float[] { 3, 0, 4, 0 }, [2, 2]);
/// using var constrained = constraint.Apply(w); // [[0.6, 0], [0.8, 0]] (up to the epsilon)
/// </code>
/// </example>
public sealed class UnitNorm : IConstraint
{
    private readonly ConstraintAxis axis;

    /// <summary>Creates the constraint with one axis (serialized as an integer).</summary>
    /// <param name="axis">The axis the norm is taken over; negative counts from the end; 0 unless given.</param>
    public UnitNorm(int axis = 0)
        : this(ConstraintAxis.Single(axis))
    {
    }

    /// <summary>Creates the constraint with a list of axes (serialized as a list).</summary>
    /// <param name="axis">The axes the norm is taken over, such as [0, 1, 2]; negative ones count from the end.</param>
    /// <exception cref="ArgumentNullException"><paramref name="axis"/> is null.</exception>
    public UnitNorm(int[] axis)
        : this(ConstraintAxis.List(axis, nameof(axis)))
    {
    }

    private UnitNorm(ConstraintAxis axis)
    {
        this.axis = axis;
    }

    /// <summary>Gets the axes the norm is taken over.</summary>
    public IReadOnlyList<int> Axis => axis.Values;

    /// <summary>Creates the constraint from its Keras config, <c>{"axis"}</c>; a missing axis is 0.</summary>
    /// <param name="config">The config, or null for the defaults.</param>
    /// <returns>The constraint.</returns>
    /// <exception cref="ArgumentException">The config has another key or a value of the wrong type.</exception>
    public static UnitNorm FromConfig(JsonObject? config)
    {
        var reader = new ConfigReader(config, nameof(UnitNorm));
        var axis = ConstraintAxis.Read(reader);
        reader.EnsureNoOtherKeys();
        return new UnitNorm(axis);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An axis is outside the weight's dimensions, or two axes name the same one.</exception>
    public Tensor Apply(Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        using var scope = NewDisposeScope();
        var norms = axis.Norms(weight, nameof(UnitNorm));
        return scope.MoveToOuter(weight / (norms + ConstraintArguments.Epsilon));
    }

    /// <inheritdoc/>
    public JsonObject GetConfig() => new() { ["axis"] = axis.ToJson() };
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Constraints;

/// <summary>
/// Moves the norm of each slice of a weight into [minValue, maxValue] (Keras's <c>MinMaxNorm</c>, names
/// "MinMaxNorm" and "min_max_norm"): with n the L2 norm over <c>axis</c> of the slice holding w,
/// <c>desired = rate * clip(n, minValue, maxValue) + (1 − rate) * n</c> and the result is
/// <c>w * desired / (1e-7 + n)</c>. Rate 1 enforces the bounds at once; a smaller rate moves the norm part of the way
/// at each step.
/// </summary>
/// <remarks>
/// <para>
/// Axis: the norm is taken over these axes, one norm per position on the others. For a dense kernel
/// (input_dim, units), axis 0 constrains each unit's incoming weights; for a transposed-convolution kernel
/// (k..., filters, in_channels), axis [0, 1, 2] (2-D) constrains each input channel's slice. An all-zero slice stays
/// zero: it has no direction to scale.
/// </para>
/// <para>
/// The config is <c>{"min_value", "max_value", "rate", "axis"}</c>, axis as given: an integer or a list. Keras does
/// not check the arguments; here bounds must be finite, 0 ≤ minValue ≤ maxValue, and 0 ≤ rate ≤ 1 (outside it the
/// norm would overshoot the bounds or move away from them).
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var constraint = new MinMaxNorm(minValue: 1, maxValue: 2, rate: 0.5);
/// using var w = torch.tensor(new float[] { 3, 4 }, [2, 1]); // norm 5
/// using var constrained = constraint.Apply(w);                  // desired 0.5 * 2 + 0.5 * 5 = 3.5: [2.1, 2.8]
/// </code>
/// </example>
public sealed class MinMaxNorm : IConstraint
{
    private readonly ConstraintAxis axis;

    /// <summary>Creates the constraint with one axis (serialized as an integer).</summary>
    /// <param name="minValue">The smallest norm, a finite number, 0 or more; 0 unless given.</param>
    /// <param name="maxValue">The largest norm, a finite number, at least <paramref name="minValue"/>; 1 unless given.</param>
    /// <param name="rate">How far each application moves the norm towards the bounds, from 0 (not at all) to 1 (all the way); 1 unless given.</param>
    /// <param name="axis">The axis the norm is taken over; negative counts from the end; 0 unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is negative, infinite or NaN, <paramref name="maxValue"/> is less than <paramref name="minValue"/>, or <paramref name="rate"/> is outside [0, 1].</exception>
    public MinMaxNorm(double minValue = 0.0, double maxValue = 1.0, double rate = 1.0, int axis = 0)
        : this(minValue, maxValue, rate, ConstraintAxis.Single(axis))
    {
    }

    /// <summary>Creates the constraint with a list of axes (serialized as a list).</summary>
    /// <param name="axis">The axes the norm is taken over, such as [0, 1, 2]; negative ones count from the end.</param>
    /// <param name="minValue">The smallest norm, a finite number, 0 or more; 0 unless given.</param>
    /// <param name="maxValue">The largest norm, a finite number, at least <paramref name="minValue"/>; 1 unless given.</param>
    /// <param name="rate">How far each application moves the norm towards the bounds, from 0 (not at all) to 1 (all the way); 1 unless given.</param>
    /// <exception cref="ArgumentNullException"><paramref name="axis"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound is negative, infinite or NaN, <paramref name="maxValue"/> is less than <paramref name="minValue"/>, or <paramref name="rate"/> is outside [0, 1].</exception>
    public MinMaxNorm(int[] axis, double minValue = 0.0, double maxValue = 1.0, double rate = 1.0)
        : this(minValue, maxValue, rate, ConstraintAxis.List(axis, nameof(axis)))
    {
    }

    private MinMaxNorm(double minValue, double maxValue, double rate, ConstraintAxis axis)
    {
        ConstraintArguments.CheckNorm(minValue, nameof(MinMaxNorm), nameof(minValue));
        ConstraintArguments.CheckNorm(maxValue, nameof(MinMaxNorm), nameof(maxValue));
        if (maxValue < minValue)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxValue),
                maxValue,
                $"MinMaxNorm's maxValue ({ConstraintArguments.Format(maxValue)}) must be at least its minValue ({ConstraintArguments.Format(minValue)}).");
        }

        if (!(rate >= 0 && rate <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(rate),
                rate,
                $"MinMaxNorm's rate must be in [0, 1] (1 enforces the bounds at once, less moves the norm part of the way); got {ConstraintArguments.Format(rate)}.");
        }

        MinValue = minValue;
        MaxValue = maxValue;
        Rate = rate;
        this.axis = axis;
    }

    /// <summary>Gets the smallest norm.</summary>
    public double MinValue { get; }

    /// <summary>Gets the largest norm.</summary>
    public double MaxValue { get; }

    /// <summary>Gets the rate, from 0 to 1.</summary>
    public double Rate { get; }

    /// <summary>Gets the axes the norm is taken over.</summary>
    public IReadOnlyList<int> Axis => axis.Values;

    /// <summary>Creates the constraint from its Keras config, <c>{"min_value", "max_value", "rate", "axis"}</c>; missing keys take the defaults.</summary>
    /// <param name="config">The config, or null for the defaults.</param>
    /// <returns>The constraint.</returns>
    /// <exception cref="ArgumentException">The config has another key or a value of the wrong type.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound or the rate is out of range.</exception>
    public static MinMaxNorm FromConfig(JsonObject? config)
    {
        var reader = new ConfigReader(config, nameof(MinMaxNorm));
        var minValue = reader.Number("min_value", 0.0);
        var maxValue = reader.Number("max_value", 1.0);
        var rate = reader.Number("rate", 1.0);
        var axis = ConstraintAxis.Read(reader);
        reader.EnsureNoOtherKeys();
        return new MinMaxNorm(minValue, maxValue, rate, axis);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An axis is outside the weight's dimensions, or two axes name the same one.</exception>
    public Tensor Apply(Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        using var scope = NewDisposeScope();
        var norms = axis.Norms(weight, nameof(MinMaxNorm));
        var desired = (norms.clamp(MinValue, MaxValue) * Rate) + (norms * (1 - Rate));
        return scope.MoveToOuter(weight * (desired / (norms + ConstraintArguments.Epsilon)));
    }

    /// <inheritdoc/>
    public JsonObject GetConfig() => new()
    {
        ["min_value"] = MinValue,
        ["max_value"] = MaxValue,
        ["rate"] = Rate,
        ["axis"] = axis.ToJson(),
    };
}

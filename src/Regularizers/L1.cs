// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Regularizers;

/// <summary>
/// The L1 penalty, <c>l1 * sum(|x|)</c> (Keras's <c>L1</c>, names "L1" and "l1"). It pushes weights to exactly zero,
/// giving sparse weights.
/// </summary>
/// <remarks>
/// The config is <c>{"l1": l1}</c>. The penalty is computed in the weight's dtype, with the factor kept as a double
/// (Keras 3 holds it as a float32 tensor, so its config reports 0.01 as 0.009999999776482582).
/// </remarks>
/// <example>
/// <code>
/// var regularizer = new L1(0.01);
/// using var w = torch.tensor(new float[] { 1, -2, 3, -4 }, [2, 2]);
/// using var penalty = regularizer.Compute(w); // 0.01 * 10 = 0.1
/// </code>
/// </example>
public sealed class L1 : IRegularizer
{
    /// <summary>Creates the L1 penalty.</summary>
    /// <param name="l1">The factor, a finite number, 0 or more; 0.01 unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="l1"/> is negative, infinite or NaN ("expected a non-negative float").</exception>
    public L1(double l1 = 0.01)
    {
        Factor = RegularizerArguments.CheckFactor(l1);
    }

    /// <summary>Gets the factor, Keras's <c>l1</c>.</summary>
    public double Factor { get; }

    /// <summary>Creates the penalty from its Keras config, <c>{"l1": l1}</c>; a missing or null factor is 0.01.</summary>
    /// <param name="config">The config, or null for the defaults.</param>
    /// <returns>The regularizer.</returns>
    /// <exception cref="ArgumentException">The config has another key or a value of the wrong type.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The factor is negative, infinite or NaN.</exception>
    public static L1 FromConfig(JsonObject? config)
    {
        var reader = new ConfigReader(config, nameof(L1));
        var l1 = reader.Number("l1", 0.01);
        reader.EnsureNoOtherKeys();
        return new L1(l1);
    }

    /// <inheritdoc/>
    public Tensor Compute(Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        using var scope = NewDisposeScope();
        return scope.MoveToOuter(weight.abs().sum() * Factor);
    }

    /// <inheritdoc/>
    public JsonObject GetConfig() => new() { ["l1"] = Factor };
}

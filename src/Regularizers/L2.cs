// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Regularizers;

/// <summary>
/// The L2 penalty, <c>l2 * sum(x²)</c> (Keras's <c>L2</c>, names "L2" and "l2"). It shrinks large weights most (weight decay).
/// tf-keras writes it 2 * l2 * l2_loss(x), the same value.
/// </summary>
/// <remarks>
/// The config is <c>{"l2": l2}</c>. The penalty is computed in the weight's dtype, with the factor kept as a double
/// (Keras 3 holds it as a float32 tensor, so its config reports 0.01 as 0.009999999776482582).
/// </remarks>
/// <example>
/// <code>
/// var regularizer = new L2(0.01);
/// using var w = torch.tensor(new float[] { 1, -2, 3, -4 }, [2, 2]);
/// using var penalty = regularizer.Compute(w); // 0.01 * 30 = 0.3
/// </code>
/// </example>
public sealed class L2 : IRegularizer
{
    /// <summary>Creates the L2 penalty.</summary>
    /// <param name="l2">The factor, a finite number, 0 or more; 0.01 unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="l2"/> is negative, infinite or NaN ("expected a non-negative float").</exception>
    public L2(double l2 = 0.01)
    {
        Factor = RegularizerArguments.CheckFactor(l2);
    }

    /// <summary>Gets the factor, Keras's <c>l2</c>.</summary>
    public double Factor { get; }

    /// <summary>Creates the penalty from its Keras config, <c>{"l2": l2}</c>; a missing or null factor is 0.01.</summary>
    /// <param name="config">The config, or null for the defaults.</param>
    /// <returns>The regularizer.</returns>
    /// <exception cref="ArgumentException">The config has another key or a value of the wrong type.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The factor is negative, infinite or NaN.</exception>
    public static L2 FromConfig(JsonObject? config)
    {
        var reader = new ConfigReader(config, nameof(L2));
        var l2 = reader.Number("l2", 0.01);
        reader.EnsureNoOtherKeys();
        return new L2(l2);
    }

    /// <inheritdoc/>
    public Tensor Compute(Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        using var scope = NewDisposeScope();
        return scope.MoveToOuter(weight.square().sum() * Factor);
    }

    /// <inheritdoc/>
    public JsonObject GetConfig() => new() { ["l2"] = Factor };
}

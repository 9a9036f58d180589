// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Regularizers;

/// <summary>
/// The sum of the L1 and L2 penalties, <c>l1 * sum(|x|) + l2 * sum(x²)</c> (Keras's <c>L1L2</c>, names "L1L2" and
/// "l1l2"). A term whose factor is 0 is skipped, as in Keras, so <c>new L1L2()</c> is a zero penalty.
/// </summary>
/// <remarks>
/// <para>The config is <c>{"l1": l1, "l2": l2}</c>; both default to 0 (Keras 3's class defaults).</para>
/// <para>
/// tf-keras also had a function <c>l1_l2(l1=0.01, l2=0.01)</c> and resolved the string "l1_l2" to
/// <c>L1L2(0.01, 0.01)</c>; Keras 3 does not recognise that string, and neither does
/// <see cref="RegularizerRegistry.Get"/>. Write <c>new L1L2(0.01, 0.01)</c> instead.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var regularizer = new L1L2(l1: 0.1, l2: 0.2);
/// using var w = torch.tensor(new float[] { 1, -2, 3, -4 }, [2, 2]);
/// using var penalty = regularizer.Compute(w); // 0.1 * 10 + 0.2 * 30 = 7
/// </code>
/// </example>
public sealed class L1L2 : IRegularizer
{
    /// <summary>Creates the combined penalty.</summary>
    /// <param name="l1">The L1 factor, a finite number, 0 or more; 0 unless given.</param>
    /// <param name="l2">The L2 factor, a finite number, 0 or more; 0 unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException">A factor is negative, infinite or NaN ("expected a non-negative float").</exception>
    public L1L2(double l1 = 0.0, double l2 = 0.0)
    {
        L1Factor = RegularizerArguments.CheckFactor(l1);
        L2Factor = RegularizerArguments.CheckFactor(l2);
    }

    /// <summary>Gets the L1 factor, Keras's <c>l1</c>.</summary>
    public double L1Factor { get; }

    /// <summary>Gets the L2 factor, Keras's <c>l2</c>.</summary>
    public double L2Factor { get; }

    /// <summary>Creates the penalty from its Keras config, <c>{"l1": l1, "l2": l2}</c>; a missing or null factor is 0.</summary>
    /// <param name="config">The config, or null for the defaults.</param>
    /// <returns>The regularizer.</returns>
    /// <exception cref="ArgumentException">The config has another key or a value of the wrong type.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A factor is negative, infinite or NaN.</exception>
    public static L1L2 FromConfig(JsonObject? config)
    {
        var reader = new ConfigReader(config, nameof(L1L2));
        var l1 = reader.Number("l1", 0.0);
        var l2 = reader.Number("l2", 0.0);
        reader.EnsureNoOtherKeys();
        return new L1L2(l1, l2);
    }

    /// <inheritdoc/>
    public Tensor Compute(Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        using var scope = NewDisposeScope();

        // Keras starts from a constant 0 and adds the terms whose factor is not 0. The sum of an empty slice of the
        // weight is that 0, in the weight's dtype, and keeps even a zero penalty in the graph (gradient 0), so
        // backward() works on it as on any other penalty, and an infinite weight does not turn it into NaN.
        Tensor? penalty = null;
        if (L1Factor != 0)
        {
            penalty = weight.abs().sum() * L1Factor;
        }

        if (L2Factor != 0)
        {
            var term = weight.square().sum() * L2Factor;
            penalty = penalty is null ? term : penalty + term;
        }

        penalty ??= weight.flatten().narrow(0, 0, 0).sum();
        return scope.MoveToOuter(penalty);
    }

    /// <inheritdoc/>
    public JsonObject GetConfig() => new() { ["l1"] = L1Factor, ["l2"] = L2Factor };
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Constraints;

/// <summary>
/// Makes every weight non-negative (Keras's <c>NonNeg</c>, names "NonNeg", "non_neg" and tf-keras's "nonneg"):
/// <c>max(w, 0)</c>, as Keras 3 computes it. NaN stays NaN (tf-keras's <c>w * (w ≥ 0)</c> gives the same values).
/// </summary>
/// <remarks>The config is empty, <c>{}</c>.</remarks>
/// <example>
/// <code>
/// var constraint = new NonNeg();
/// using var w = torch.tensor(new float[] { -1, 0, 2.5f }, [3]);
/// using var constrained = constraint.Apply(w); // [0, 0, 2.5]
/// </code>
/// </example>
public sealed class NonNeg : IConstraint
{
    /// <summary>Creates the constraint from its Keras config, which is empty.</summary>
    /// <param name="config">The config, or null.</param>
    /// <returns>The constraint.</returns>
    /// <exception cref="ArgumentException">The config has a key (NonNeg takes none).</exception>
    public static NonNeg FromConfig(JsonObject? config)
    {
        new ConfigReader(config, nameof(NonNeg)).EnsureNoOtherKeys();
        return new NonNeg();
    }

    /// <inheritdoc/>
    public Tensor Apply(Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        return weight.clamp_min(0);
    }

    /// <inheritdoc/>
    public JsonObject GetConfig() => [];
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras 3's <c>soft_shrink</c> activation: x − threshold for x &gt; threshold, x + threshold for x &lt; −threshold, 0 between.</summary>
/// <remarks>
/// Computed as x − clip(x, −threshold, threshold), which is the same piecewise function. A Keras 3 activation (not in
/// tf-keras). With threshold 0.5 it serializes as the string "soft_shrink". The output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new SoftShrink(threshold: 1).Apply(x);
/// </code>
/// </example>
public sealed class SoftShrink : ActivationFunction
{
    /// <summary>Initializes a new instance of the <see cref="SoftShrink"/> class.</summary>
    /// <param name="threshold">The half-width of the band set to 0; 0.5 by default; must not be negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is negative, NaN or infinite.</exception>
    public SoftShrink(double threshold = 0.5) =>
        Threshold = ActivationArguments.FiniteNonNegative(threshold, nameof(threshold), "threshold", "it is the half-width of the band [−threshold, threshold] set to 0");

    /// <inheritdoc/>
    public override string Name => "soft_shrink";

    /// <summary>Gets the half-width of the band set to 0.</summary>
    public double Threshold { get; }

    /// <summary>Returns <c>{"threshold"}</c>.</summary>
    /// <returns>A new config object.</returns>
    public override JsonObject GetConfig() => new() { ["threshold"] = Threshold };

    /// <summary>Creates the activation from its config; an absent key takes the default.</summary>
    /// <exception cref="ArgumentException">The config has an unexpected key or a value of the wrong kind.</exception>
    internal static SoftShrink FromConfig(JsonObject config)
    {
        var reader = new ConfigReader(config, nameof(SoftShrink));
        var threshold = ConfigValues.Number(reader, nameof(SoftShrink), "threshold", 0.5);
        reader.EnsureNoOtherKeys();
        return new SoftShrink(threshold);
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x)
    {
        using var band = x.clamp(-Threshold, Threshold);
        return x - band;
    }
}

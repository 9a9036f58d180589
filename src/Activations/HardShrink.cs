// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras 3's <c>hard_shrink</c> activation: x where |x| &gt; threshold, 0 elsewhere.</summary>
/// <remarks>
/// A Keras 3 activation (not in tf-keras). With threshold 0.5 it serializes as the string "hard_shrink". The output has
/// the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new HardShrink(threshold: 1).Apply(x);
/// </code>
/// </example>
public sealed class HardShrink : ActivationFunction
{
    /// <summary>Initializes a new instance of the <see cref="HardShrink"/> class.</summary>
    /// <param name="threshold">The half-width of the band set to 0; 0.5 by default; must not be negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is negative, NaN or infinite.</exception>
    public HardShrink(double threshold = 0.5) =>
        Threshold = ActivationArguments.FiniteNonNegative(threshold, nameof(threshold), "threshold", "it is the half-width of the band [−threshold, threshold] set to 0");

    /// <inheritdoc/>
    public override string Name => "hard_shrink";

    /// <summary>Gets the half-width of the band set to 0.</summary>
    public double Threshold { get; }

    /// <summary>Returns <c>{"threshold"}</c>.</summary>
    /// <returns>A new config object.</returns>
    public override JsonObject GetConfig() => new() { ["threshold"] = Threshold };

    /// <summary>Creates the activation from its config; an absent key takes the default.</summary>
    /// <exception cref="ArgumentException">The config has an unexpected key or a value of the wrong kind.</exception>
    internal static HardShrink FromConfig(JsonObject config)
    {
        var reader = new ConfigReader(config, nameof(HardShrink));
        var threshold = ConfigValues.Number(reader, nameof(HardShrink), "threshold", 0.5);
        reader.EnsureNoOtherKeys();
        return new HardShrink(threshold);
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x)
    {
        using var scope = NewDisposeScope();
        return scope.MoveToOuter(ActivationArguments.Where(x.abs().gt(Threshold), x, 0.0));
    }
}

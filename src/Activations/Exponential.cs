// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>exponential</c> activation: eˣ.</summary>
/// <remarks>
/// Overflows to +∞ above about 88.7 in float32 and 709.8 in float64, as in Keras.
/// It takes no options (its config is empty, and it serializes as the string "exponential"); the output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new Exponential().Apply(x);    // or ActivationRegistry.Get("exponential").Apply(x)
/// </code>
/// </example>
public sealed class Exponential : ActivationFunction
{
    /// <inheritdoc/>
    public override string Name => "exponential";

    /// <summary>Creates the activation from its config, which must be empty.</summary>
    /// <exception cref="System.ArgumentException">The config has a key.</exception>
    internal static Exponential FromConfig(JsonObject config)
    {
        new ConfigReader(config, nameof(Exponential)).EnsureNoOtherKeys();
        return new Exponential();
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x) => x.exp();
}

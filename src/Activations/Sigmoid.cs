// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>sigmoid</c> activation: 1 / (1 + e⁻ˣ).</summary>
/// <remarks>
/// Computed by libtorch's sigmoid kernel, which saturates to exactly 0 and 1 far from 0.
/// It takes no options (its config is empty, and it serializes as the string "sigmoid"); the output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new Sigmoid().Apply(x);    // or ActivationRegistry.Get("sigmoid").Apply(x)
/// </code>
/// </example>
public sealed class Sigmoid : ActivationFunction
{
    /// <inheritdoc/>
    public override string Name => "sigmoid";

    /// <summary>Creates the activation from its config, which must be empty.</summary>
    /// <exception cref="System.ArgumentException">The config has a key.</exception>
    internal static Sigmoid FromConfig(JsonObject config)
    {
        new ConfigReader(config, nameof(Sigmoid)).EnsureNoOtherKeys();
        return new Sigmoid();
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x) => nn.functional.sigmoid(x);
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>selu</c> activation: the scaled exponential linear unit, scale·elu(x, alpha) with scale = 1.0507009873554805 and alpha = 1.6732632423543772.</summary>
/// <remarks>
/// Klambauer et al.'s constants, as in Keras; use it with the lecun_normal initializer. Computed by libtorch's selu kernel.
/// It takes no options (its config is empty, and it serializes as the string "selu"); the output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new Selu().Apply(x);    // or ActivationRegistry.Get("selu").Apply(x)
/// </code>
/// </example>
public sealed class Selu : ActivationFunction
{
    /// <inheritdoc/>
    public override string Name => "selu";

    /// <summary>Creates the activation from its config, which must be empty.</summary>
    /// <exception cref="System.ArgumentException">The config has a key.</exception>
    internal static Selu FromConfig(JsonObject config)
    {
        new ConfigReader(config, nameof(Selu)).EnsureNoOtherKeys();
        return new Selu();
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x) => nn.functional.selu(x);
}

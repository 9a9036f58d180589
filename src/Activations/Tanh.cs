// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>tanh</c> activation: the hyperbolic tangent, (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ).</summary>
/// <remarks>
/// Computed by libtorch's tanh kernel.
/// It takes no options (its config is empty, and it serializes as the string "tanh"); the output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new Tanh().Apply(x);    // or ActivationRegistry.Get("tanh").Apply(x)
/// </code>
/// </example>
public sealed class Tanh : ActivationFunction
{
    /// <inheritdoc/>
    public override string Name => "tanh";

    /// <summary>Creates the activation from its config, which must be empty.</summary>
    /// <exception cref="System.ArgumentException">The config has a key.</exception>
    internal static Tanh FromConfig(JsonObject config)
    {
        new ConfigReader(config, nameof(Tanh)).EnsureNoOtherKeys();
        return new Tanh();
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x) => nn.functional.tanh(x);
}

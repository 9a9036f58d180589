// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>mish</c> activation: x·tanh(softplus(x)).</summary>
/// <remarks>
/// Computed as x·tanh(softplus(x)) by TorchSharp's <c>nn.functional.mish</c>, which composes libtorch's softplus and tanh (TorchSharp binds no fused mish kernel).
/// It takes no options (its config is empty, and it serializes as the string "mish"); the output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new Mish().Apply(x);    // or ActivationRegistry.Get("mish").Apply(x)
/// </code>
/// </example>
public sealed class Mish : ActivationFunction
{
    /// <inheritdoc/>
    public override string Name => "mish";

    /// <summary>Creates the activation from its config, which must be empty.</summary>
    /// <exception cref="System.ArgumentException">The config has a key.</exception>
    internal static Mish FromConfig(JsonObject config)
    {
        new ConfigReader(config, nameof(Mish)).EnsureNoOtherKeys();
        return new Mish();
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x) => nn.functional.mish(x);
}

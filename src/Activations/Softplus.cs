// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>softplus</c> activation: log(1 + eˣ).</summary>
/// <remarks>
/// Computed by libtorch's softplus kernel (beta 1), which returns x itself above x = 20, as Keras 3's torch backend does; the exact value differs there by less than e⁻²⁰ ≈ 2.1e-9.
/// It takes no options (its config is empty, and it serializes as the string "softplus"); the output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new Softplus().Apply(x);    // or ActivationRegistry.Get("softplus").Apply(x)
/// </code>
/// </example>
public sealed class Softplus : ActivationFunction
{
    /// <inheritdoc/>
    public override string Name => "softplus";

    /// <summary>Creates the activation from its config, which must be empty.</summary>
    /// <exception cref="System.ArgumentException">The config has a key.</exception>
    internal static Softplus FromConfig(JsonObject config)
    {
        new ConfigReader(config, nameof(Softplus)).EnsureNoOtherKeys();
        return new Softplus();
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x) => nn.functional.softplus(x);
}

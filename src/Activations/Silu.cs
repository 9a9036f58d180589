// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>silu</c> activation: x·sigmoid(x), the sigmoid-weighted linear unit (also registered as "swish").</summary>
/// <remarks>
/// Keras 3 names it silu and keeps swish as an alias; both names resolve to this class, which serializes as "silu". Computed by libtorch's silu kernel.
/// It takes no options (its config is empty, and it serializes as the string "silu"); the output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new Silu().Apply(x);    // or ActivationRegistry.Get("silu").Apply(x)
/// </code>
/// </example>
public sealed class Silu : ActivationFunction
{
    /// <inheritdoc/>
    public override string Name => "silu";

    /// <summary>Creates the activation from its config, which must be empty.</summary>
    /// <exception cref="System.ArgumentException">The config has a key.</exception>
    internal static Silu FromConfig(JsonObject config)
    {
        new ConfigReader(config, nameof(Silu)).EnsureNoOtherKeys();
        return new Silu();
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x) => nn.functional.silu(x);
}

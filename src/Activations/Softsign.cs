// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>softsign</c> activation: x / (1 + |x|).</summary>
/// <remarks>
/// Composed of abs, add and divide.
/// It takes no options (its config is empty, and it serializes as the string "softsign"); the output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new Softsign().Apply(x);    // or ActivationRegistry.Get("softsign").Apply(x)
/// </code>
/// </example>
public sealed class Softsign : ActivationFunction
{
    /// <inheritdoc/>
    public override string Name => "softsign";

    /// <summary>Creates the activation from its config, which must be empty.</summary>
    /// <exception cref="System.ArgumentException">The config has a key.</exception>
    internal static Softsign FromConfig(JsonObject config)
    {
        new ConfigReader(config, nameof(Softsign)).EnsureNoOtherKeys();
        return new Softsign();
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x) => nn.functional.softsign(x);
}

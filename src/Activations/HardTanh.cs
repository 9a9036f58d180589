// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>hard_tanh</c> activation: clip(x, −1, 1).</summary>
/// <remarks>
/// A Keras 3 activation (not in tf-keras).
/// It takes no options (its config is empty, and it serializes as the string "hard_tanh"); the output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new HardTanh().Apply(x);    // or ActivationRegistry.Get("hard_tanh").Apply(x)
/// </code>
/// </example>
public sealed class HardTanh : ActivationFunction
{
    /// <inheritdoc/>
    public override string Name => "hard_tanh";

    /// <summary>Creates the activation from its config, which must be empty.</summary>
    /// <exception cref="System.ArgumentException">The config has a key.</exception>
    internal static HardTanh FromConfig(JsonObject config)
    {
        new ConfigReader(config, nameof(HardTanh)).EnsureNoOtherKeys();
        return new HardTanh();
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x) => x.clamp(-1, 1);
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>tanh_shrink</c> activation: x − tanh(x).</summary>
/// <remarks>
/// A Keras 3 activation (not in tf-keras).
/// It takes no options (its config is empty, and it serializes as the string "tanh_shrink"); the output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new TanhShrink().Apply(x);    // or ActivationRegistry.Get("tanh_shrink").Apply(x)
/// </code>
/// </example>
public sealed class TanhShrink : ActivationFunction
{
    /// <inheritdoc/>
    public override string Name => "tanh_shrink";

    /// <summary>Creates the activation from its config, which must be empty.</summary>
    /// <exception cref="System.ArgumentException">The config has a key.</exception>
    internal static TanhShrink FromConfig(JsonObject config)
    {
        new ConfigReader(config, nameof(TanhShrink)).EnsureNoOtherKeys();
        return new TanhShrink();
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x)
    {
        using var tanh = x.tanh();
        return x - tanh;
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>hard_silu</c> activation: x·hard_sigmoid(x) = x·relu6(x + 3)/6, the hard SiLU (also registered as "hard_swish").</summary>
/// <remarks>
/// 0 for x ≤ −3, x for x ≥ 3, x(x + 3)/6 between, with Keras 3's <see cref="HardSigmoid"/>. Both names resolve to this class, which serializes as "hard_silu". Computed by libtorch's hardswish kernel.
/// It takes no options (its config is empty, and it serializes as the string "hard_silu"); the output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new HardSilu().Apply(x);    // or ActivationRegistry.Get("hard_silu").Apply(x)
/// </code>
/// </example>
public sealed class HardSilu : ActivationFunction
{
    /// <inheritdoc/>
    public override string Name => "hard_silu";

    /// <summary>Creates the activation from its config, which must be empty.</summary>
    /// <exception cref="System.ArgumentException">The config has a key.</exception>
    internal static HardSilu FromConfig(JsonObject config)
    {
        new ConfigReader(config, nameof(HardSilu)).EnsureNoOtherKeys();
        return new HardSilu();
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x) => nn.functional.hardswish(x);
}

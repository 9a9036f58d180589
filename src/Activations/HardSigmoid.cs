// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>hard_sigmoid</c> activation: Keras 3's hard sigmoid, clip(x/6 + 0.5, 0, 1) = relu6(x + 3)/6.</summary>
/// <remarks>
/// This is Keras 3's definition (0 for x ≤ −3, 1 for x ≥ 3). tf-keras (Keras 2) defined hard_sigmoid as clip(0.2·x + 0.5, 0, 1), which saturates at ±2.5: a model saved by tf-keras with activation "hard_sigmoid" computes different values here, as it does in Keras 3. Composed as relu6(x + 3)/6 rather than with libtorch's hardsigmoid kernel, whose backward multiplies by 1/6 rounded to float32 even for float64 tensors (a relative error of 3e-8).
/// It takes no options (its config is empty, and it serializes as the string "hard_sigmoid"); the output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new HardSigmoid().Apply(x);    // or ActivationRegistry.Get("hard_sigmoid").Apply(x)
/// </code>
/// </example>
public sealed class HardSigmoid : ActivationFunction
{
    /// <inheritdoc/>
    public override string Name => "hard_sigmoid";

    /// <summary>Creates the activation from its config, which must be empty.</summary>
    /// <exception cref="System.ArgumentException">The config has a key.</exception>
    internal static HardSigmoid FromConfig(JsonObject config)
    {
        new ConfigReader(config, nameof(HardSigmoid)).EnsureNoOtherKeys();
        return new HardSigmoid();
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x)
    {
        using var scope = NewDisposeScope();
        return scope.MoveToOuter(nn.functional.relu6(x + 3) / 6);
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>sparse_sigmoid</c> activation: 0 for x ≤ −1, (x + 1)/2 for −1 &lt; x &lt; 1, 1 for x ≥ 1, that is clip((x + 1)/2, 0, 1).</summary>
/// <remarks>
/// A Keras 3 activation (not in tf-keras); the derivative of <see cref="SparsePlus"/>.
/// It takes no options (its config is empty, and it serializes as the string "sparse_sigmoid"); the output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new SparseSigmoid().Apply(x);    // or ActivationRegistry.Get("sparse_sigmoid").Apply(x)
/// </code>
/// </example>
public sealed class SparseSigmoid : ActivationFunction
{
    /// <inheritdoc/>
    public override string Name => "sparse_sigmoid";

    /// <summary>Creates the activation from its config, which must be empty.</summary>
    /// <exception cref="System.ArgumentException">The config has a key.</exception>
    internal static SparseSigmoid FromConfig(JsonObject config)
    {
        new ConfigReader(config, nameof(SparseSigmoid)).EnsureNoOtherKeys();
        return new SparseSigmoid();
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x)
    {
        using var scope = NewDisposeScope();
        return scope.MoveToOuter(((x + 1) * 0.5).clamp(0, 1));
    }
}

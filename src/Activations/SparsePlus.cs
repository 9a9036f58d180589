// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>sparse_plus</c> activation: 0 for x ≤ −1, (x + 1)²/4 for −1 &lt; x &lt; 1, x for x ≥ 1.</summary>
/// <remarks>
/// A Keras 3 activation (not in tf-keras): a smooth relu whose derivative is <see cref="SparseSigmoid"/>.
/// It takes no options (its config is empty, and it serializes as the string "sparse_plus"); the output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new SparsePlus().Apply(x);    // or ActivationRegistry.Get("sparse_plus").Apply(x)
/// </code>
/// </example>
public sealed class SparsePlus : ActivationFunction
{
    /// <inheritdoc/>
    public override string Name => "sparse_plus";

    /// <summary>Creates the activation from its config, which must be empty.</summary>
    /// <exception cref="System.ArgumentException">The config has a key.</exception>
    internal static SparsePlus FromConfig(JsonObject config)
    {
        new ConfigReader(config, nameof(SparsePlus)).EnsureNoOtherKeys();
        return new SparsePlus();
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x)
    {
        using var scope = NewDisposeScope();
        var quadratic = (x + 1).square() * 0.25;
        var upper = where(x.lt(1), quadratic, x);
        return scope.MoveToOuter(ActivationArguments.Where(x.gt(-1), upper, 0.0));
    }
}

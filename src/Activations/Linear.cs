// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>linear</c> activation: the identity, x.</summary>
/// <remarks>
/// What a null activation means (Keras: None → linear). The result is a new tensor object that shares the input's storage (an alias, differentiable): disposing it does not dispose the input, and writing into one in place shows in the other.
/// It takes no options (its config is empty, and it serializes as the string "linear"); the output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new Linear().Apply(x);    // or ActivationRegistry.Get("linear").Apply(x)
/// </code>
/// </example>
public sealed class Linear : ActivationFunction
{
    /// <inheritdoc/>
    public override string Name => "linear";

    /// <summary>Creates the activation from its config, which must be empty.</summary>
    /// <exception cref="System.ArgumentException">The config has a key.</exception>
    internal static Linear FromConfig(JsonObject config)
    {
        new ConfigReader(config, nameof(Linear)).EnsureNoOtherKeys();
        return new Linear();
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x) => x.alias();
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>log_sigmoid</c> activation: log(sigmoid(x)) = −softplus(−x).</summary>
/// <remarks>
/// A Keras 3 activation (not in tf-keras), computed as −softplus(−x) with libtorch's softplus, so it does not underflow to −∞ for very negative x.
/// It takes no options (its config is empty, and it serializes as the string "log_sigmoid"); the output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new LogSigmoid().Apply(x);    // or ActivationRegistry.Get("log_sigmoid").Apply(x)
/// </code>
/// </example>
public sealed class LogSigmoid : ActivationFunction
{
    /// <inheritdoc/>
    public override string Name => "log_sigmoid";

    /// <summary>Creates the activation from its config, which must be empty.</summary>
    /// <exception cref="System.ArgumentException">The config has a key.</exception>
    internal static LogSigmoid FromConfig(JsonObject config)
    {
        new ConfigReader(config, nameof(LogSigmoid)).EnsureNoOtherKeys();
        return new LogSigmoid();
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x)
    {
        using var scope = NewDisposeScope();
        return scope.MoveToOuter(nn.functional.softplus(x.neg()).neg());
    }
}

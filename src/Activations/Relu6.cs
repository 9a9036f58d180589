// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>relu6</c> activation: min(max(x, 0), 6), the rectified linear unit capped at 6.</summary>
/// <remarks>
/// libtorch's relu6 kernel; the same as <see cref="Relu"/> with maxValue 6.
/// It takes no options (its config is empty, and it serializes as the string "relu6"); the output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new Relu6().Apply(x);    // or ActivationRegistry.Get("relu6").Apply(x)
/// </code>
/// </example>
public sealed class Relu6 : ActivationFunction
{
    /// <inheritdoc/>
    public override string Name => "relu6";

    /// <summary>Creates the activation from its config, which must be empty.</summary>
    /// <exception cref="System.ArgumentException">The config has a key.</exception>
    internal static Relu6 FromConfig(JsonObject config)
    {
        new ConfigReader(config, nameof(Relu6)).EnsureNoOtherKeys();
        return new Relu6();
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x) => nn.functional.relu6(x);
}

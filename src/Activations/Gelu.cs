// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>gelu</c> activation: x·Φ(x) = x·(1 + erf(x/√2))/2, or its tanh approximation.</summary>
/// <remarks>
/// The activation defaults to the exact form (<c>approximate=False</c>), while <c>keras.ops.gelu</c> defaults to the
/// approximation 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))): <c>ActivationRegistry.Get("gelu")</c> is the exact one, as in Keras.
/// Computed by libtorch's gelu kernel. Exact gelu serializes as the string "gelu". The output has the input's shape
/// and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new Gelu(approximate: true).Apply(x);
/// </code>
/// </example>
public sealed class Gelu : ActivationFunction
{
    /// <summary>Initializes a new instance of the <see cref="Gelu"/> class.</summary>
    /// <param name="approximate">Whether to use the tanh approximation; false (exact, with erf) by default.</param>
    public Gelu(bool approximate = false) => Approximate = approximate;

    /// <inheritdoc/>
    public override string Name => "gelu";

    /// <summary>Gets a value indicating whether the tanh approximation is used.</summary>
    public bool Approximate { get; }

    /// <summary>Returns <c>{"approximate"}</c>.</summary>
    /// <returns>A new config object.</returns>
    public override JsonObject GetConfig() => new() { ["approximate"] = Approximate };

    /// <summary>Creates the activation from its config; an absent key takes the default.</summary>
    /// <exception cref="System.ArgumentException">The config has an unexpected key or a value of the wrong kind.</exception>
    internal static Gelu FromConfig(JsonObject config)
    {
        var reader = new ConfigReader(config, nameof(Gelu));
        var approximate = ConfigValues.Boolean(reader, nameof(Gelu), "approximate", false);
        reader.EnsureNoOtherKeys();
        return new Gelu(approximate);
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x) => x.gelu(Approximate ? TorchSharp.Modules.GELU.Approximate.tanh : TorchSharp.Modules.GELU.Approximate.none);
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>leaky_relu</c> activation: x for x ≥ 0, negative_slope·x below.</summary>
/// <remarks>
/// Keras 3's default slope is 0.2 (as <c>tf.nn.leaky_relu</c>'s alpha; the tf-keras LeakyReLU layer used 0.3 and
/// libtorch uses 0.01). Computed by libtorch's leaky_relu kernel. With the default slope it serializes as the string
/// "leaky_relu". The output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new LeakyRelu(negativeSlope: 0.1).Apply(x);
/// </code>
/// </example>
public sealed class LeakyRelu : ActivationFunction
{
    /// <summary>Initializes a new instance of the <see cref="LeakyRelu"/> class.</summary>
    /// <param name="negativeSlope">The slope below zero; 0.2 by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="negativeSlope"/> is NaN or infinite.</exception>
    public LeakyRelu(double negativeSlope = 0.2) =>
        NegativeSlope = ActivationArguments.Finite(negativeSlope, nameof(negativeSlope), "negative_slope");

    /// <inheritdoc/>
    public override string Name => "leaky_relu";

    /// <summary>Gets the slope below zero.</summary>
    public double NegativeSlope { get; }

    /// <summary>Returns <c>{"negative_slope"}</c>.</summary>
    /// <returns>A new config object.</returns>
    public override JsonObject GetConfig() => new() { ["negative_slope"] = NegativeSlope };

    /// <summary>Creates the activation from its config; an absent key takes the default.</summary>
    /// <exception cref="ArgumentException">The config has an unexpected key or a value of the wrong kind.</exception>
    internal static LeakyRelu FromConfig(JsonObject config)
    {
        var reader = new ConfigReader(config, nameof(LeakyRelu));
        var negativeSlope = ConfigValues.Number(reader, nameof(LeakyRelu), "negative_slope", 0.2);
        reader.EnsureNoOtherKeys();
        return new LeakyRelu(negativeSlope);
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x) => nn.functional.leaky_relu(x, NegativeSlope);
}

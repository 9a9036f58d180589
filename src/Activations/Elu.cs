// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>elu</c> activation: x for x &gt; 0, alpha·(eˣ − 1) otherwise.</summary>
/// <remarks>
/// The exponential linear unit of Clevert et al. Both branches give 0 at x = 0, so the choice of branch there does not
/// matter. Computed by libtorch's elu kernel. With alpha 1 it serializes as the string "elu". The output has the
/// input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new Elu(alpha: 0.5).Apply(x);
/// </code>
/// </example>
public sealed class Elu : ActivationFunction
{
    /// <summary>Initializes a new instance of the <see cref="Elu"/> class.</summary>
    /// <param name="alpha">The scale of the negative part; 1 by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is NaN or infinite.</exception>
    public Elu(double alpha = 1.0) => Alpha = ActivationArguments.Finite(alpha, nameof(alpha), "alpha");

    /// <inheritdoc/>
    public override string Name => "elu";

    /// <summary>Gets the scale of the negative part.</summary>
    public double Alpha { get; }

    /// <summary>Returns <c>{"alpha"}</c>.</summary>
    /// <returns>A new config object.</returns>
    public override JsonObject GetConfig() => new() { ["alpha"] = Alpha };

    /// <summary>Creates the activation from its config; an absent key takes the default.</summary>
    /// <exception cref="ArgumentException">The config has an unexpected key or a value of the wrong kind.</exception>
    internal static Elu FromConfig(JsonObject config)
    {
        var reader = new ConfigReader(config, nameof(Elu));
        var alpha = ConfigValues.Number(reader, nameof(Elu), "alpha", 1.0);
        reader.EnsureNoOtherKeys();
        return new Elu(alpha);
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x) => nn.functional.elu(x, Alpha);
}

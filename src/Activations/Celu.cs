// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras 3's <c>celu</c> activation, the continuously differentiable ELU: max(x, 0) + alpha·(e^(min(x, 0)/alpha) − 1).</summary>
/// <remarks>
/// Barron's CELU: x for x ≥ 0 and alpha·(e^(x/alpha) − 1) below, with slope 1 at 0 for every alpha. The exponential is
/// taken of min(x, 0)/alpha, so large positive inputs cannot overflow it. A Keras 3 activation (not in tf-keras). With
/// alpha 1 it serializes as the string "celu". The output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new Celu(alpha: 2).Apply(x);
/// </code>
/// </example>
public sealed class Celu : ActivationFunction
{
    /// <summary>Initializes a new instance of the <see cref="Celu"/> class.</summary>
    /// <param name="alpha">The scale of the negative part and of its exponent; 1 by default; must not be 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is 0 (the formula divides by it), NaN or infinite.</exception>
    public Celu(double alpha = 1.0)
    {
        Alpha = ActivationArguments.Finite(alpha, nameof(alpha), "alpha");
        if (alpha == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must not be 0: celu divides by it (e^(min(x, 0)/alpha)).");
        }
    }

    /// <inheritdoc/>
    public override string Name => "celu";

    /// <summary>Gets the scale of the negative part.</summary>
    public double Alpha { get; }

    /// <summary>Returns <c>{"alpha"}</c>.</summary>
    /// <returns>A new config object.</returns>
    public override JsonObject GetConfig() => new() { ["alpha"] = Alpha };

    /// <summary>Creates the activation from its config; an absent key takes the default.</summary>
    /// <exception cref="ArgumentException">The config has an unexpected key or a value of the wrong kind.</exception>
    internal static Celu FromConfig(JsonObject config)
    {
        var reader = new ConfigReader(config, nameof(Celu));
        var alpha = ConfigValues.Number(reader, nameof(Celu), "alpha", 1.0);
        reader.EnsureNoOtherKeys();
        return new Celu(alpha);
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x)
    {
        // relu has slope 0 at 0 and clamp passes the gradient at its bound, so the derivative at 0 is exactly 1.
        using var scope = NewDisposeScope();
        var negative = (x.clamp_max(0) / Alpha).expm1();
        return scope.MoveToOuter(nn.functional.relu(x).add(negative, Alpha));
    }
}

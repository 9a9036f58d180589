// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras 3's <c>squareplus</c> activation: (x + √(x² + b)) / 2, a smooth relu made of algebraic operations only.</summary>
/// <remarks>
/// Barron's squareplus; b sets the curvature at 0 (b = 0 is relu). A Keras 3 activation (not in tf-keras). With b = 4
/// it serializes as the string "squareplus". The output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var y = new Squareplus(b: 1).Apply(x);
/// </code>
/// </example>
public sealed class Squareplus : ActivationFunction
{
    /// <summary>Initializes a new instance of the <see cref="Squareplus"/> class.</summary>
    /// <param name="b">The smoothness; 4 by default; must not be negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="b"/> is negative, NaN or infinite.</exception>
    public Squareplus(double b = 4) =>
        B = ActivationArguments.FiniteNonNegative(b, nameof(b), "b", "a negative b makes √(x² + b) NaN near 0");

    /// <inheritdoc/>
    public override string Name => "squareplus";

    /// <summary>Gets the smoothness b.</summary>
    public double B { get; }

    /// <summary>Returns <c>{"b"}</c>.</summary>
    /// <returns>A new config object.</returns>
    public override JsonObject GetConfig() => new() { ["b"] = B };

    /// <summary>Creates the activation from its config; an absent key takes the default.</summary>
    /// <exception cref="ArgumentException">The config has an unexpected key or a value of the wrong kind.</exception>
    internal static Squareplus FromConfig(JsonObject config)
    {
        var reader = new ConfigReader(config, nameof(Squareplus));
        var b = ConfigValues.Number(reader, nameof(Squareplus), "b", 4);
        reader.EnsureNoOtherKeys();
        return new Squareplus(b);
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x)
    {
        using var scope = NewDisposeScope();
        return scope.MoveToOuter((x + (x.square() + B).sqrt()) * 0.5);
    }
}

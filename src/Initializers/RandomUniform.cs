// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace LayersFramework.Initializers;

/// <summary>
/// Draws values uniformly from [<see cref="Minval"/>, <see cref="Maxval"/>) (Keras's <c>RandomUniform</c>, names
/// "random_uniform" and "uniform").
/// </summary>
/// <remarks>Config: <c>{"seed", "minval", "maxval"}</c>. Seeds: see <see cref="RandomInitializer"/>.</remarks>
/// <example>
/// <code>
/// using var weights = new RandomUniform(minval: -0.1, maxval: 0.1, seed: 7).Initialize([64, 10]);
/// </code>
/// </example>
public sealed class RandomUniform : RandomInitializer
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="minval">The lower bound, included; -0.05 unless given.</param>
    /// <param name="maxval">The upper bound, excluded; 0.05 unless given.</param>
    /// <param name="seed">The seed; null (libtorch's default generator) unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite.</exception>
    /// <exception cref="ArgumentException"><paramref name="minval"/> exceeds <paramref name="maxval"/>.</exception>
    public RandomUniform(double minval = -0.05, double maxval = 0.05, long? seed = null)
        : base(seed)
    {
        InitializerArguments.CheckFinite(minval, nameof(minval));
        InitializerArguments.CheckFinite(maxval, nameof(maxval));
        if (minval > maxval)
        {
            throw new ArgumentException(
                $"minval {InitializerArguments.Format(minval)} exceeds maxval {InitializerArguments.Format(maxval)}; the lower bound must not exceed the upper one (swap them?).",
                nameof(minval));
        }

        Minval = minval;
        Maxval = maxval;
    }

    /// <summary>Gets the lower bound, included.</summary>
    public double Minval { get; }

    /// <summary>Gets the upper bound, excluded.</summary>
    public double Maxval { get; }

    /// <inheritdoc/>
    public override JsonObject GetConfig() => new() { ["seed"] = Seed, ["minval"] = Minval, ["maxval"] = Maxval };

    /// <inheritdoc/>
    protected override Tensor Sample(long[] shape, ScalarType dtype, Generator? generator) =>
        empty(shape, dtype).uniform_(Minval, Maxval, generator);
}

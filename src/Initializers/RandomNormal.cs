// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace LayersFramework.Initializers;

/// <summary>
/// Draws values from the normal distribution N(<see cref="Mean"/>, <see cref="Stddev"/>²) (Keras's
/// <c>RandomNormal</c>, names "random_normal" and "normal").
/// </summary>
/// <remarks>Config: <c>{"seed", "mean", "stddev"}</c>. Seeds: see <see cref="RandomInitializer"/>.</remarks>
/// <example>
/// <code>
/// using var weights = new RandomNormal(stddev: 0.02, seed: 7).Initialize([4, 4, 64, 128]);
/// </code>
/// </example>
public sealed class RandomNormal : RandomInitializer
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="mean">The mean; 0.0 unless given.</param>
    /// <param name="stddev">The standard deviation, 0 or more; 0.05 unless given.</param>
    /// <param name="seed">The seed; null (libtorch's default generator) unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mean"/> is not finite, or <paramref name="stddev"/> is negative or not finite.</exception>
    public RandomNormal(double mean = 0.0, double stddev = 0.05, long? seed = null)
        : base(seed)
    {
        InitializerArguments.CheckFinite(mean, nameof(mean));
        InitializerArguments.CheckStddev(stddev);
        Mean = mean;
        Stddev = stddev;
    }

    /// <summary>Gets the mean.</summary>
    public double Mean { get; }

    /// <summary>Gets the standard deviation.</summary>
    public double Stddev { get; }

    /// <inheritdoc/>
    public override JsonObject GetConfig() => new() { ["seed"] = Seed, ["mean"] = Mean, ["stddev"] = Stddev };

    /// <inheritdoc/>
    protected override Tensor Sample(long[] shape, ScalarType dtype, Generator? generator) =>
        empty(shape, dtype).normal_(Mean, Stddev, generator);
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace LayersFramework.Initializers;

/// <summary>
/// Draws values from N(<see cref="Mean"/>, <see cref="Stddev"/>²) conditioned on lying within two standard
/// deviations of the mean (Keras's <c>TruncatedNormal</c>, name "truncated_normal").
/// </summary>
/// <remarks>
/// Keras re-draws values outside the bounds; this class samples the same truncated
/// distribution exactly by inverting its CDF. The standard deviation of the values is therefore about
/// 0.8796·<see cref="Stddev"/>, as in Keras (<see cref="VarianceScaling"/> corrects for it; this class does not).
/// Config: <c>{"seed", "mean", "stddev"}</c>. Seeds: see <see cref="RandomInitializer"/>.
/// </remarks>
/// <example>
/// <code>
/// using var weights = new TruncatedNormal(stddev: 0.02, seed: 7).Initialize([768, 768]); // all within ±0.04
/// </code>
/// </example>
public sealed class TruncatedNormal : RandomInitializer
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="mean">The mean; 0.0 unless given.</param>
    /// <param name="stddev">The standard deviation of the normal distribution before truncation, 0 or more; 0.05 unless given.</param>
    /// <param name="seed">The seed; null (libtorch's default generator) unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mean"/> is not finite, or <paramref name="stddev"/> is negative or not finite.</exception>
    public TruncatedNormal(double mean = 0.0, double stddev = 0.05, long? seed = null)
        : base(seed)
    {
        InitializerArguments.CheckFinite(mean, nameof(mean));
        InitializerArguments.CheckStddev(stddev);
        Mean = mean;
        Stddev = stddev;
    }

    /// <summary>Gets the mean.</summary>
    public double Mean { get; }

    /// <summary>Gets the standard deviation of the normal distribution before truncation.</summary>
    public double Stddev { get; }

    /// <inheritdoc/>
    public override JsonObject GetConfig() => new() { ["seed"] = Seed, ["mean"] = Mean, ["stddev"] = Stddev };

    /// <inheritdoc/>
    protected override Tensor Sample(long[] shape, ScalarType dtype, Generator? generator) =>
        TruncatedNormalSampler.Sample(shape, Mean, Stddev, generator, dtype);
}

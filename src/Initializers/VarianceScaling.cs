// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace LayersFramework.Initializers;

/// <summary>
/// Draws values whose variance is <see cref="Scale"/>/n, where n is a fan of the weight's shape (Keras's
/// <c>VarianceScaling</c>, name "variance_scaling"); the Glorot, He and LeCun initializers are its special cases.
/// </summary>
/// <remarks>
/// <para>
/// With (fan_in, fan_out) from <see cref="Fans.Compute"/>, n = max(1, fan_in) for <see cref="Mode"/> "fan_in",
/// max(1, fan_out) for "fan_out" and max(1, (fan_in + fan_out) / 2) for "fan_avg"; v = scale / n. Then:
/// </para>
/// <list type="bullet">
/// <item>"truncated_normal": N(0, σ²) truncated to ±2σ with σ = √v / <see cref="TruncatedNormalCorrection"/>, so
/// that the truncated values have standard deviation √v;</item>
/// <item>"untruncated_normal": N(0, v);</item>
/// <item>"uniform": U(−limit, limit) with limit = √(3v).</item>
/// </list>
/// <para>
/// Fans read Keras's kernel layout; for a transposed-convolution kernel (k..., filters, in_channels) "fan_in"
/// counts the filters (the transpose's outputs). Config: <c>{"seed", "scale", "mode", "distribution"}</c>; the
/// named subclasses have <c>{"seed"}</c> only. Seeds: see <see cref="RandomInitializer"/>.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var initializer = new VarianceScaling(scale: 2.0, mode: "fan_out", distribution: "untruncated_normal", seed: 1);
/// using var kernel = initializer.Initialize([3, 3, 64, 128]); // variance 2 / (9 * 128)
/// </code>
/// </example>
public class VarianceScaling : RandomInitializer
{
    /// <summary>
    /// The standard deviation of a standard normal variable truncated to [−2, 2], 0.87962566103423978, by which
    /// the "truncated_normal" distribution divides its σ (Keras's constant).
    /// </summary>
    public const double TruncatedNormalCorrection = 0.87962566103423978;

    /// <summary>Creates the initializer.</summary>
    /// <param name="scale">The variance numerator, greater than 0; 1.0 unless given.</param>
    /// <param name="mode">"fan_in" (the default), "fan_out" or "fan_avg": which fan divides the scale. Case-sensitive, as in Keras.</param>
    /// <param name="distribution">
    /// "truncated_normal" (the default), "untruncated_normal" or "uniform"; case-insensitive, and "normal" means
    /// "truncated_normal" (Keras's rule). The normalized name is what <see cref="Distribution"/> and the config hold.
    /// </param>
    /// <param name="seed">The seed; null (libtorch's default generator) unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not greater than 0, or not finite.</exception>
    /// <exception cref="ArgumentException"><paramref name="mode"/> or <paramref name="distribution"/> is not one of the allowed names.</exception>
    public VarianceScaling(double scale = 1.0, string? mode = "fan_in", string? distribution = "truncated_normal", long? seed = null)
        : base(seed)
    {
        if (!(scale > 0) || double.IsPositiveInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(
                nameof(scale), scale, $"scale must be a positive, finite number; got {InitializerArguments.Format(scale)}.");
        }

        mode ??= "fan_in"; // null: the default, as for any optional argument
        distribution ??= "truncated_normal";
        if (mode is not ("fan_in" or "fan_out" or "fan_avg"))
        {
            throw new ArgumentException($"mode '{mode}' is not one of 'fan_in', 'fan_out', 'fan_avg'.", nameof(mode));
        }

        var normalized = distribution.ToLowerInvariant();
        if (normalized == "normal")
        {
            normalized = "truncated_normal";
        }

        if (normalized is not ("truncated_normal" or "untruncated_normal" or "uniform"))
        {
            throw new ArgumentException(
                $"distribution '{distribution}' is not one of 'truncated_normal', 'untruncated_normal', 'uniform' (or 'normal', which means 'truncated_normal'); case does not matter.",
                nameof(distribution));
        }

        Scale = scale;
        Mode = mode;
        Distribution = normalized;
    }

    /// <summary>Gets the variance numerator.</summary>
    public double Scale { get; }

    /// <summary>Gets which fan divides the scale: "fan_in", "fan_out" or "fan_avg".</summary>
    public string Mode { get; }

    /// <summary>Gets the distribution: "truncated_normal", "untruncated_normal" or "uniform".</summary>
    public string Distribution { get; }

    /// <inheritdoc/>
    public override JsonObject GetConfig() => new()
    {
        ["seed"] = Seed,
        ["scale"] = Scale,
        ["mode"] = Mode,
        ["distribution"] = Distribution,
    };

    /// <inheritdoc/>
    protected override Tensor Sample(long[] shape, ScalarType dtype, Generator? generator)
    {
        var (fanIn, fanOut) = Fans.Compute(shape);
        var n = Mode switch
        {
            "fan_in" => fanIn,
            "fan_out" => fanOut,
            _ => (fanIn + fanOut) / 2.0,
        };
        var variance = Scale / Math.Max(1.0, n);
        return Distribution switch
        {
            "truncated_normal" => TruncatedNormalSampler.Sample(shape, 0.0, Math.Sqrt(variance) / TruncatedNormalCorrection, generator, dtype),
            "untruncated_normal" => empty(shape, dtype).normal_(0.0, Math.Sqrt(variance), generator),
            _ => empty(shape, dtype).uniform_(-Math.Sqrt(3.0 * variance), Math.Sqrt(3.0 * variance), generator),
        };
    }
}

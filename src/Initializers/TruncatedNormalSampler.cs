// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using static TorchSharp.torch;

namespace LayersFramework.Initializers;

/// <summary>
/// Draws N(mean, stddev²) conditioned on lying within <see cref="Bound"/> standard deviations of the mean, as Keras's
/// TruncatedNormal and VarianceScaling("truncated_normal") draw their values, from a given generator.
/// </summary>
/// <remarks>
/// TorchSharp's <c>torch.nn.init.trunc_normal_</c> takes a generator argument but does not pass it to libtorch (nor do
/// its <c>uniform_</c> and <c>normal_</c>), so a seeded draw could not be reproduced with it. This is the same
/// inverse-CDF sampler PyTorch's <c>trunc_normal_</c> runs, written with the generator-taking <c>Tensor.uniform_</c>.
/// </remarks>
internal static class TruncatedNormalSampler
{
    /// <summary>How far from the mean the values are kept, in standard deviations (Keras's rule).</summary>
    public const double Bound = 2.0;

    /// <summary>erf(2/√2): Φ(±2) = (1 ± erf(√2)) / 2, so 2u − 1 for u uniform on [Φ(−2), Φ(2)] is uniform on ±this.</summary>
    private const double ErfOfBoundOverSqrt2 = 0.95449973610364158;

    /// <summary>
    /// Samples exactly by inverting the normal CDF: u is uniform on [Φ(−2), Φ(2)] and the value is
    /// mean + stddev·√2·erfinv(2u − 1), clamped to mean ± 2·stddev against rounding at the ends.
    /// </summary>
    /// <param name="shape">The shape.</param>
    /// <param name="mean">The mean.</param>
    /// <param name="stddev">The standard deviation before truncation, 0 or more.</param>
    /// <param name="generator">The generator, or null for libtorch's default one.</param>
    /// <param name="dtype">Float32 or Float64 (half-precision requests are sampled in float32 by the caller).</param>
    /// <returns>A new tensor, in the caller's dispose scope, that does not require gradients.</returns>
    public static Tensor Sample(long[] shape, double mean, double stddev, Generator? generator, ScalarType dtype)
    {
        using var noGrad = no_grad();
        return empty(shape, dtype)
            .uniform_(-ErfOfBoundOverSqrt2, ErfOfBoundOverSqrt2, generator)
            .erfinv_()
            .mul_(Math.Sqrt(2.0) * stddev)
            .add_(mean)
            .clamp_(mean - (Bound * stddev), mean + (Bound * stddev));
    }
}

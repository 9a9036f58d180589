// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch;

/// <content>Random tensors. Each takes an optional <see cref="Generator"/>: the same seed gives the same numbers.</content>
public sealed partial class Tensor
{
    /// <summary>How far from the mean <see cref="TruncatedNormal"/> keeps values, in standard deviations (Keras's rule).</summary>
    public const double TruncationBound = 2.0;

    /// <summary>Creates a tensor of values drawn uniformly from [0, 1).</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <param name="generator">The source of randomness; libtorch's default generator unless given.</param>
    /// <param name="dtype">A floating-point element type; float32 unless given.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor Rand(long[] shape, Generator? generator = null, ScalarType dtype = ScalarType.Float32) =>
        Uniform(shape, 0, 1, generator, dtype);

    /// <summary>Creates a tensor of values drawn uniformly from [<paramref name="low"/>, <paramref name="high"/>).</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <param name="low">The lower bound, included.</param>
    /// <param name="high">The upper bound, excluded.</param>
    /// <param name="generator">The source of randomness; libtorch's default generator unless given.</param>
    /// <param name="dtype">A floating-point element type; float32 unless given.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor Uniform(long[] shape, double low, double high, Generator? generator = null, ScalarType dtype = ScalarType.Float32)
    {
        var result = Empty(shape, dtype);
        return FillOrDispose(result, () => result.UniformInPlace(low, high, generator));
    }

    /// <summary>Creates a tensor of values drawn from the standard normal distribution.</summary>
    /// <inheritdoc cref="Rand(long[], Generator?, ScalarType)"/>
    public static Tensor Randn(long[] shape, Generator? generator = null, ScalarType dtype = ScalarType.Float32) =>
        Normal(shape, 0, 1, generator, dtype);

    /// <summary>Creates a tensor of values drawn from the normal distribution N(mean, stddev²).</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <param name="mean">The mean.</param>
    /// <param name="stddev">The standard deviation; 0 or more.</param>
    /// <param name="generator">The source of randomness; libtorch's default generator unless given.</param>
    /// <param name="dtype">A floating-point element type; float32 unless given.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor Normal(long[] shape, double mean, double stddev, Generator? generator = null, ScalarType dtype = ScalarType.Float32)
    {
        var result = Empty(shape, dtype);
        return FillOrDispose(result, () => result.NormalInPlace(mean, stddev, generator));
    }

    /// <summary>
    /// Creates a tensor of values drawn from N(mean, stddev²) conditioned on lying within
    /// <see cref="TruncationBound"/> standard deviations of the mean, as Keras's TruncatedNormal draws them.
    /// </summary>
    /// <remarks>
    /// Sampled exactly by inverting the normal CDF: u is uniform on [Φ(-2), Φ(2)] and the value is
    /// mean + stddev·√2·erfinv(2u − 1). The standard deviation of the result is about 0.8796·stddev.
    /// </remarks>
    /// <inheritdoc cref="Normal(long[], double, double, Generator?, ScalarType)"/>
    public static Tensor TruncatedNormal(long[] shape, double mean, double stddev, Generator? generator = null, ScalarType dtype = ScalarType.Float32)
    {
        // Φ(±2) = (1 + erf(±2/√2)) / 2, so 2u − 1 is uniform on [−erf(√2), erf(√2)].
        const double Bound = 0.95449973610364158; // erf(2 / sqrt(2))

        // libtorch has no float16 erfinv on the CPU, and bfloat16's would round the quantiles coarsely:
        // sample half-precision types in float32 and narrow once at the end.
        if (dtype is ScalarType.Float16 or ScalarType.BFloat16)
        {
            using var wide = TruncatedNormal(shape, mean, stddev, generator, ScalarType.Float32);
            return wide.To(dtype);
        }

        var result = Uniform(shape, -Bound, Bound, generator, dtype);
        return FillOrDispose(result, () =>
        {
            using var noGrad = Autograd.NoGrad();
            using var standard = result.Erfinv();
            result.CopyFrom(standard);
            result.MulInPlace(Math.Sqrt(2.0) * stddev);
            result.AddInPlace(mean);
            result.ClampInPlace(mean - (TruncationBound * stddev), mean + (TruncationBound * stddev));
        });
    }

    /// <summary>Creates a tensor of zeros and ones, each one with probability <paramref name="p"/>.</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <param name="p">The probability of a one, in [0, 1].</param>
    /// <param name="generator">The source of randomness; libtorch's default generator unless given.</param>
    /// <param name="dtype">The element type; float32 unless given.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor Bernoulli(long[] shape, double p, Generator? generator = null, ScalarType dtype = ScalarType.Float32)
    {
        var result = Empty(shape, dtype);
        return FillOrDispose(result, () => result.BernoulliInPlace(p, generator));
    }

    /// <summary>Creates a random permutation of 0 .. n-1.</summary>
    /// <param name="n">The number of elements.</param>
    /// <param name="generator">The source of randomness; libtorch's default generator unless given.</param>
    /// <returns>An int64 tensor.</returns>
    public static Tensor RandPerm(long n, Generator? generator = null) =>
        Wrap(NativeMethods.LFT_randperm(n, GeneratorHandleOf(generator), ScalarType.Int64));

    /// <summary>Creates a tensor of integers drawn uniformly from [<paramref name="low"/>, <paramref name="high"/>).</summary>
    /// <param name="low">The lower bound, included.</param>
    /// <param name="high">The upper bound, excluded.</param>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <param name="generator">The source of randomness; libtorch's default generator unless given.</param>
    /// <returns>An int64 tensor.</returns>
    public static Tensor RandInt(long low, long high, long[] shape, Generator? generator = null)
    {
        CheckShape(shape, nameof(shape));
        return Wrap(NativeMethods.LFT_randint(low, high, shape, shape.Length, GeneratorHandleOf(generator), ScalarType.Int64));
    }

    /// <summary>Fills this tensor with values drawn uniformly from [<paramref name="low"/>, <paramref name="high"/>).</summary>
    /// <param name="low">The lower bound, included.</param>
    /// <param name="high">The upper bound, excluded.</param>
    /// <param name="generator">The source of randomness; libtorch's default generator unless given.</param>
    public void UniformInPlace(double low, double high, Generator? generator = null) =>
        NativeErrors.Check(NativeMethods.LFT_Tensor_uniform_(Handle, low, high, GeneratorHandleOf(generator)));

    /// <summary>Fills this tensor with values drawn from N(mean, stddev²).</summary>
    /// <param name="mean">The mean.</param>
    /// <param name="stddev">The standard deviation; 0 or more.</param>
    /// <param name="generator">The source of randomness; libtorch's default generator unless given.</param>
    public void NormalInPlace(double mean, double stddev, Generator? generator = null) =>
        NativeErrors.Check(NativeMethods.LFT_Tensor_normal_(Handle, mean, stddev, GeneratorHandleOf(generator)));

    /// <summary>Fills this tensor with zeros and ones, each one with probability <paramref name="p"/>.</summary>
    /// <param name="p">The probability of a one, in [0, 1].</param>
    /// <param name="generator">The source of randomness; libtorch's default generator unless given.</param>
    public void BernoulliInPlace(double p, Generator? generator = null) =>
        NativeErrors.Check(NativeMethods.LFT_Tensor_bernoulli_(Handle, p, GeneratorHandleOf(generator)));

    private static GeneratorHandle GeneratorHandleOf(Generator? generator) => generator?.Handle ?? GeneratorHandle.Default;

    // A factory that fails half-way must not leave its half-made tensor behind.
    private static Tensor FillOrDispose(Tensor result, Action fill)
    {
        try
        {
            fill();
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }
}

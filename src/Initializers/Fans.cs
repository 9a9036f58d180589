// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;

namespace LayersFramework.Initializers;

/// <summary>
/// Keras's <c>compute_fans</c>: the number of input and output units of a weight, from its shape alone, which
/// <see cref="VarianceScaling"/> divides its scale by.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>rank 0: fan_in = fan_out = 1;</item>
/// <item>rank 1: fan_in = fan_out = shape[0];</item>
/// <item>rank 2: fan_in = shape[0], fan_out = shape[1] (a dense kernel (in, out));</item>
/// <item>rank ≥ 3: with the receptive field rf = the product of all sizes but the last two,
/// fan_in = shape[-2]·rf and fan_out = shape[-1]·rf.</item>
/// </list>
/// The rule reads Keras's kernel layout, not libtorch's. A convolution kernel (k..., in, out) gets
/// fan_in = in·∏k; a transposed-convolution kernel (k..., filters, in_channels) gets fan_in = filters·∏k and
/// fan_out = in_channels·∏k, so "fan_in" counts the transpose's OUTPUT channels, exactly as in Keras.
/// </remarks>
/// <example>
/// <code>
/// var (fanIn, fanOut) = Fans.Compute([3, 3, 2, 3]); // (18, 27): a Conv2DTranspose kernel, 2 filters, 3 input channels
/// </code>
/// </example>
public static class Fans
{
    /// <summary>Computes fan_in and fan_out of a weight shape, as Keras does.</summary>
    /// <param name="shape">The weight's shape; every size 0 or more.</param>
    /// <returns>fan_in and fan_out.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shape"/> has a negative size.</exception>
    public static (double FanIn, double FanOut) Compute(long[] shape)
    {
        InitializerArguments.CheckShape(shape);
        switch (shape.Length)
        {
            case 0:
                return (1, 1);
            case 1:
                return (shape[0], shape[0]);
            case 2:
                return (shape[0], shape[1]);
            default:
                double receptiveField = 1;
                foreach (var size in shape.AsSpan(0, shape.Length - 2))
                {
                    receptiveField *= size;
                }

                return (shape[^2] * receptiveField, shape[^1] * receptiveField);
        }
    }
}

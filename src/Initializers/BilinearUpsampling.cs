// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using LayersFramework.Engine;
using static TorchSharp.torch;

namespace LayersFramework.Initializers;

/// <summary>
/// Initializes a transposed-convolution kernel to bilinear (N-linear) up-sampling, channel by channel, as FCN
/// (Long et al. 2015) initializes its up-sampling layers. Beyond Keras.
/// </summary>
/// <remarks>
/// <para>
/// The kernel is in Keras's transposed-convolution layout (k_1, ..., k_N, filters, in_channels) with
/// filters = in_channels. Per spatial dimension of size K: f = ⌊(K + 1) / 2⌋, c = f − 1 when K is odd and
/// f − 0.5 when K is even, and tap(i) = 1 − |i − c| / f; so K = 4 gives 0.25, 0.75, 0.75, 0.25 and K = 3 gives
/// 0.5, 1, 0.5. kernel[k_1, ..., k_N, o, i] = ∏_d tap(k_d) when o = i, and 0 otherwise.
/// </para>
/// <para>
/// Property: a transposed convolution with stride s, kernel size 2s and TensorFlow's SAME padding (for s = 2 and
/// K = 4: one pixel cropped at each side, libtorch's padding 1) computes bilinear interpolation with half-pixel
/// centres (align_corners=False) at every output pixel whose two source neighbours lie inside the input; only the
/// border pixels differ (there the input is zero-padded instead of clamped).
/// </para>
/// <para>Config: <c>{}</c>. Any dtype; values are computed in float64 and converted.</para>
/// </remarks>
/// <example>
/// <code>
/// // A Conv2DTranspose(filters: 3, kernelSize: 4, strides: 2, padding: "same") kernel that up-samples RGB 2x.
/// using var kernel = new BilinearUpsampling().Initialize([4, 4, 3, 3]);
/// </code>
/// </example>
[KerasSerializable(Package = InitializerRegistry.Package)]
public sealed class BilinearUpsampling : IInitializer
{
    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shape"/> has a negative size.</exception>
    /// <exception cref="ArgumentException">The shape has fewer than three dimensions, or filters ≠ in_channels.</exception>
    public Tensor Initialize(long[] shape, ScalarType dtype = ScalarType.Float32)
    {
        InitializerArguments.CheckShape(shape);
        if (shape.Length < 3)
        {
            throw new ArgumentException(
                $"BilinearUpsampling initializes transposed-convolution kernels (k..., filters, in_channels) of rank 3 or more; got shape {Tuples.Format(shape)} of rank {shape.Length}.",
                nameof(shape));
        }

        var channels = shape[^1];
        if (shape[^2] != channels)
        {
            throw new ArgumentException(
                $"BilinearUpsampling up-samples each channel on its own, so filters must equal in_channels; the kernel shape {Tuples.Format(shape)} has {shape[^2]} filters and {channels} input channels.",
                nameof(shape));
        }

        var spatial = shape[..^2];
        var taps = spatial.Select(Taps).ToArray();
        var values = new double[InitializerArguments.Product(shape)];
        var position = new long[spatial.Length];
        var spatialCount = InitializerArguments.Product(spatial);
        for (long flat = 0; flat < spatialCount; flat++)
        {
            // position = the spatial multi-index of flat, last dimension fastest.
            var rest = flat;
            for (var d = spatial.Length - 1; d >= 0; d--)
            {
                position[d] = rest % spatial[d];
                rest /= spatial[d];
            }

            var weight = 1.0;
            for (var d = 0; d < spatial.Length; d++)
            {
                weight *= taps[d][position[d]];
            }

            for (long c = 0; c < channels; c++)
            {
                values[(((flat * channels) + c) * channels) + c] = weight;
            }
        }

        using var scope = NewDisposeScope();
        var result = tensor(values, shape, ScalarType.Float64);
        return scope.MoveToOuter(result.to(dtype));
    }

    /// <inheritdoc/>
    public JsonObject GetConfig() => [];

    /// <summary>The 1-D interpolation taps of a kernel of size <paramref name="size"/>.</summary>
    private static double[] Taps(long size)
    {
        var factor = (size + 1) / 2;
        var center = size % 2 == 1 ? factor - 1 : factor - 0.5;
        var taps = new double[size];
        for (var i = 0; i < size; i++)
        {
            taps[i] = 1 - (Math.Abs(i - center) / factor);
        }

        return taps;
    }
}

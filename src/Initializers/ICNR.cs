// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using LayersFramework.Engine;
using static TorchSharp.torch;

namespace LayersFramework.Initializers;

/// <summary>
/// ICNR ("initialization to convolution nearest-neighbour resize", Aitken et al. 2017) for transposed-convolution
/// kernels: the kernel starts as a nearest-neighbour up-sampling of a randomly initialized stride-1 kernel, so a
/// freshly built strided transposed convolution produces no checkerboard artefacts. Beyond Keras.
/// </summary>
/// <remarks>
/// <para>
/// The kernel is in Keras's transposed-convolution layout (k_1, ..., k_N, filters, in_channels) and every k_i must
/// be a multiple of its stride s_i. A sub-kernel of shape (k_1/s_1, ..., k_N/s_N, filters, in_channels) is drawn
/// with <see cref="Initializer"/> and each of its taps is repeated s_i times along spatial axis i:
/// w[k_1, ..., k_N, f, c] = sub[⌊k_1/s_1⌋, ..., ⌊k_N/s_N⌋, f, c].
/// </para>
/// <para>
/// Property (1-D; N-D applies it per axis): for any input x, the transposed convolution with stride s and this
/// kernel, without padding, gives y[q·s + r] = z[q] for every 0 ≤ r &lt; s, where z is the stride-1 transposed
/// convolution of x with the sub-kernel. Indeed y[q·s + r] = Σ_j x[j]·w[(q − j)·s + r] = Σ_j x[j]·sub[q − j].
/// Every output block of s (s×s, ...) positions is constant: a nearest-neighbour up-sampling of z.
/// </para>
/// <para>
/// The base initializer sees the sub-kernel's shape, so its fans are those of the sub-kernel
/// (filters·∏(k/s), in_channels·∏(k/s)): each output of the strided transpose sums exactly in_channels·∏(k/s)
/// products, which keeps variance-scaling initializers calibrated. The default base is <see cref="GlorotUniform"/>,
/// Keras's default kernel initializer, so swapping ICNR in for the default changes only the structure.
/// </para>
/// <para>
/// Config: <c>{"stride": [...], "initializer": &lt;the base in Keras's envelope&gt;}</c>. The base is serialized
/// and resolved with the built-in registry (<see cref="InitializerRegistry"/>), so it must be a built-in initializer.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// // A Conv2DTranspose kernel (4, 4, filters 16, in 32) for stride 2: 2x2 sub-kernel taps, each repeated 2x2.
/// var icnr = new ICNR([2, 2], new HeNormal(seed: 1));
/// using var kernel = icnr.Initialize([4, 4, 16, 32]);
/// </code>
/// </example>
[KerasSerializable(Package = InitializerRegistry.Package)]
public sealed class ICNR : IInitializer
{
    private readonly int[] stride;

    /// <summary>Creates the initializer.</summary>
    /// <param name="stride">
    /// The transposed convolution's stride: one value per spatial dimension of the kernel, or a single value for
    /// all of them; every value 1 or more.
    /// </param>
    /// <param name="initializer">The initializer of the sub-kernel; <see cref="GlorotUniform"/> (unseeded) unless given.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stride"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stride"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A stride is less than 1.</exception>
    public ICNR(int[] stride, IInitializer? initializer = null)
    {
        ArgumentNullException.ThrowIfNull(stride);
        if (stride.Length == 0)
        {
            throw new ArgumentException("stride is empty; give one stride per spatial dimension of the kernel, such as [2, 2], or a single one for all.", nameof(stride));
        }

        if (stride.Any(s => s < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(stride), Tuples.Format(stride), $"Every stride must be 1 or more; got {Tuples.Format(stride)}.");
        }

        this.stride = (int[])stride.Clone();
        Initializer = initializer ?? new GlorotUniform();
    }

    /// <summary>Gets the stride: one per spatial dimension, or a single one for all.</summary>
    public IReadOnlyList<int> Stride => Array.AsReadOnly(stride);

    /// <summary>Gets the initializer of the sub-kernel.</summary>
    public IInitializer Initializer { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shape"/> has a negative size.</exception>
    /// <exception cref="ArgumentException">
    /// The shape has fewer than three dimensions, its spatial rank does not match the stride, or a kernel size is
    /// not a multiple of its stride.
    /// </exception>
    public Tensor Initialize(long[] shape, ScalarType dtype = ScalarType.Float32)
    {
        InitializerArguments.CheckShape(shape);
        var spatialRank = shape.Length - 2;
        if (spatialRank < 1)
        {
            throw new ArgumentException(
                $"ICNR initializes transposed-convolution kernels (k..., filters, in_channels) of rank 3 or more; got shape {Tuples.Format(shape)} of rank {shape.Length}.",
                nameof(shape));
        }

        if (stride.Length != 1 && stride.Length != spatialRank)
        {
            throw new ArgumentException(
                $"The kernel shape {Tuples.Format(shape)} has {spatialRank} spatial dimension(s) but stride {Tuples.Format(stride)} has {stride.Length} value(s); give {spatialRank} or 1.",
                nameof(shape));
        }

        var subShape = (long[])shape.Clone();
        var withRepeatAxes = new List<long>();
        var expanded = new List<long>();
        for (var i = 0; i < spatialRank; i++)
        {
            long s = stride.Length == 1 ? stride[0] : stride[i];
            if (shape[i] % s != 0)
            {
                var below = shape[i] / s * s;
                var suggestion = below == 0 ? $"{below + s}" : $"{below} or {below + s}";
                throw new ArgumentException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"ICNR needs every kernel size to be a multiple of its stride; the kernel shape {Tuples.Format(shape)} has size {shape[i]} in spatial dimension {i}, which stride {Tuples.Format(stride)} sets to {s}. Use a kernel size of {suggestion} there."),
                    nameof(shape));
            }

            subShape[i] = shape[i] / s;
            withRepeatAxes.AddRange([subShape[i], 1]);
            expanded.AddRange([subShape[i], s]);
        }

        withRepeatAxes.AddRange([shape[^2], shape[^1]]);
        expanded.AddRange([shape[^2], shape[^1]]);

        using var scope = NewDisposeScope();

        // Disposing the sub-kernel is safe whether or not the base left it in this scope.
        using var sub = Initializer.Initialize(subShape, dtype);

        // (m_1, 1, m_2, 1, ..., F, C) broadcast to (m_1, s_1, m_2, s_2, ..., F, C): index m·s + r reads sub[m].
        // The reshape can stay a view with zero strides (when m_i = 1) or alias the sub-kernel (when every s_i = 1);
        // the clone gives the caller storage of its own, safe to update in place, and contiguous() makes it dense
        // row-major whatever strides the base initializer's tensor had (a no-op alias when the clone already is).
        var repeated = sub.reshape([.. withRepeatAxes]).expand([.. expanded]).reshape(shape);
        return scope.MoveToOuter(repeated.clone().contiguous());
    }

    /// <inheritdoc/>
    public JsonObject GetConfig() => new()
    {
        ["stride"] = new JsonArray([.. stride.Select(s => (JsonNode?)s)]),
        ["initializer"] = InitializerRegistry.Serialize(Initializer),
    };
}

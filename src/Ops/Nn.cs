// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Engine;
using static TorchSharp.torch;

namespace LayersFramework.Ops;

/// <summary>
/// TensorFlow's convolution ops with TensorFlow's exact semantics (<c>tf.nn</c>): layouts, SAME/VALID/explicit
/// padding, output-shape rules and errors, computed by libtorch's kernels and differentiated by its autograd.
/// </summary>
/// <remarks>
/// <para>
/// Filters are in TensorFlow's layout: for the transposes, spatial sizes, then output channels, then input
/// channels; for the forward convolutions, spatial sizes, then input channels, then output channels. The same
/// filter tensor therefore serves a convolution and its transpose.
/// </para>
/// <para>
/// Beyond TensorFlow's CPU kernels: channels-first formats, dilation with any stride, grouped convolutions
/// (output channels a multiple of the filters'), explicit padding in every rank, and int32/float16/bfloat16
/// computed exactly or in float32 (see <see cref="ComputeType"/>).
/// </para>
/// <para>
/// How SAME differs from PyTorch's idiom: TensorFlow places the transposed output by the forward convolution's
/// SAME padding for the requested output size, P = max(0, (I − 1)·s + E − O), split ⌊P/2⌋ before and the rest
/// after. PyTorch's <c>padding=(k−1)/2, output_padding=1</c> crops the same amount from both sides and appends,
/// which for an odd kernel with stride 2 starts one pixel later than TensorFlow.
/// </para>
/// </remarks>
public static partial class Nn
{
    /// <summary>
    /// The transpose of an N-D convolution (<c>tf.nn.conv_transpose</c>); N = <c>outputShape.Length − 2</c>.
    /// </summary>
    /// <param name="input">N + 2 dimensions in <paramref name="dataFormat"/>: (batch, spatial..., in_channels) or (batch, in_channels, spatial...).</param>
    /// <param name="filters">(spatial..., out_channels, in_channels); for a grouped transpose, out_channels per group.</param>
    /// <param name="outputShape">The full output shape, N + 2 values in <paramref name="dataFormat"/>'s order. For stride &gt; 1 several sizes fit an input; each is accepted.</param>
    /// <param name="strides">1, N or N + 2 values (batch and channel entries 1).</param>
    /// <param name="padding">"SAME" or "VALID", upper case as TensorFlow requires.</param>
    /// <param name="dataFormat">"NWC"/"NCW", "NHWC"/"NCHW" or "NDHWC"/"NCDHW"; channels last unless given.</param>
    /// <param name="dilations">1, N or N + 2 values; 1 unless given. Any stride may be combined with dilation.</param>
    /// <returns>The output, of <paramref name="outputShape"/> and the input's dtype.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of TensorFlow's rules; the message names it, the value and what would be valid.</exception>
    /// <example>
    /// <code>
    /// // (1, 4, 4, 8) -> (1, 8, 8, 3), NHWC: a 2x up-sampling with a 3x3 kernel.
    /// using var y = Nn.ConvTranspose(x, filters /* (3, 3, 3, 8) */, outputShape: [1, 8, 8, 3], strides: [2]);
    /// </code>
    /// </example>
    public static Tensor ConvTranspose(Tensor input, Tensor filters, long[] outputShape, int[] strides, string padding = "SAME", string? dataFormat = null, int[]? dilations = null)
    {
        var format = DataFormat.Parse(dataFormat, RankOf(outputShape), nameof(dataFormat));
        return TransposedConvolution.Compute(input, filters, outputShape, strides, Padding.Parse(padding, format.SpatialRank), format, dilations, nameof(input), nameof(filters));
    }

    /// <summary>The transpose of an N-D convolution with explicit padding (beyond TensorFlow for N = 1 and 3).</summary>
    /// <param name="input">N + 2 dimensions in <paramref name="dataFormat"/>.</param>
    /// <param name="filters">(spatial..., out_channels, in_channels).</param>
    /// <param name="outputShape">The full output shape, N + 2 values.</param>
    /// <param name="strides">1, N or N + 2 values.</param>
    /// <param name="padding">N + 2 [before, after] pairs in the data format's order (batch and channel pairs [0, 0]), or N spatial pairs.</param>
    /// <param name="dataFormat">The data format; channels last unless given.</param>
    /// <param name="dilations">1, N or N + 2 values; 1 unless given.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of TensorFlow's rules.</exception>
    public static Tensor ConvTranspose(Tensor input, Tensor filters, long[] outputShape, int[] strides, long[][] padding, string? dataFormat = null, int[]? dilations = null)
    {
        var format = DataFormat.Parse(dataFormat, RankOf(outputShape), nameof(dataFormat));
        return TransposedConvolution.Compute(input, filters, outputShape, strides, Ops.Padding.Explicit(padding, format), format, dilations, nameof(input), nameof(filters));
    }

    /// <summary>The transpose of a 1-D convolution (<c>tf.nn.conv1d_transpose</c>).</summary>
    /// <param name="value">(batch, width, in_channels) for NWC or (batch, in_channels, width) for NCW.</param>
    /// <param name="filter">(width, out_channels, in_channels).</param>
    /// <param name="outputShape">3 values in the data format's order.</param>
    /// <param name="strides">1 or 3 values.</param>
    /// <param name="padding">"SAME" or "VALID".</param>
    /// <param name="dataFormat">"NWC" or "NCW".</param>
    /// <param name="dilations">1 or 3 values; 1 unless given.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of TensorFlow's rules.</exception>
    public static Tensor Conv1DTranspose(Tensor value, Tensor filter, long[] outputShape, int[] strides, string padding = "SAME", string dataFormat = "NWC", int[]? dilations = null) =>
        RankedTranspose(1, value, filter, outputShape, strides, Padding.Parse(padding, 1), dataFormat, dilations);

    /// <summary>The transpose of a 1-D convolution with explicit padding (beyond TensorFlow).</summary>
    /// <param name="value">(batch, width, in_channels) for NWC or (batch, in_channels, width) for NCW.</param>
    /// <param name="filter">(width, out_channels, in_channels).</param>
    /// <param name="outputShape">3 values in the data format's order.</param>
    /// <param name="strides">1 or 3 values.</param>
    /// <param name="padding">3 [before, after] pairs (batch and channel [0, 0]) or 1 spatial pair.</param>
    /// <param name="dataFormat">"NWC" or "NCW".</param>
    /// <param name="dilations">1 or 3 values; 1 unless given.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of TensorFlow's rules.</exception>
    public static Tensor Conv1DTranspose(Tensor value, Tensor filter, long[] outputShape, int[] strides, long[][] padding, string dataFormat = "NWC", int[]? dilations = null) =>
        RankedTranspose(1, value, filter, outputShape, strides, Ops.Padding.Explicit(padding, DataFormat.Parse(dataFormat, 1, nameof(dataFormat))), dataFormat, dilations);

    /// <summary>The transpose of a 2-D convolution (<c>tf.nn.conv2d_transpose</c>).</summary>
    /// <param name="value">(batch, height, width, in_channels) for NHWC or (batch, in_channels, height, width) for NCHW.</param>
    /// <param name="filter">(height, width, out_channels, in_channels).</param>
    /// <param name="outputShape">4 values in the data format's order, or the 2 values [height, width] (batch from the input, channels from the filter).</param>
    /// <param name="strides">1, 2 or 4 values.</param>
    /// <param name="padding">"SAME" or "VALID".</param>
    /// <param name="dataFormat">"NHWC" or "NCHW".</param>
    /// <param name="dilations">1, 2 or 4 values; 1 unless given.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of TensorFlow's rules.</exception>
    /// <example>
    /// <code>
    /// // TensorFlow's test: ones (2, 6, 4, 3) and ones filters (3, 3, 2, 3), stride 2, SAME -> (2, 12, 8, 2).
    /// using var y = Nn.Conv2DTranspose(x, f, outputShape: [2, 12, 8, 2], strides: [1, 2, 2, 1]);
    /// </code>
    /// </example>
    public static Tensor Conv2DTranspose(Tensor value, Tensor filter, long[] outputShape, int[] strides, string padding = "SAME", string dataFormat = "NHWC", int[]? dilations = null) =>
        RankedTranspose(2, value, filter, outputShape, strides, Padding.Parse(padding, 2), dataFormat, dilations);

    /// <summary>The transpose of a 2-D convolution with explicit padding, as <c>tf.nn.conv2d_transpose</c> accepts it.</summary>
    /// <param name="value">(batch, height, width, in_channels) for NHWC or (batch, in_channels, height, width) for NCHW.</param>
    /// <param name="filter">(height, width, out_channels, in_channels).</param>
    /// <param name="outputShape">4 values in the data format's order, or the 2 values [height, width] (batch from the input, channels from the filter).</param>
    /// <param name="strides">1, 2 or 4 values.</param>
    /// <param name="padding">4 [before, after] pairs in the data format's order (batch and channel [0, 0]), or 2 spatial pairs.</param>
    /// <param name="dataFormat">"NHWC" or "NCHW".</param>
    /// <param name="dilations">1, 2 or 4 values; 1 unless given.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of TensorFlow's rules.</exception>
    public static Tensor Conv2DTranspose(Tensor value, Tensor filter, long[] outputShape, int[] strides, long[][] padding, string dataFormat = "NHWC", int[]? dilations = null) =>
        RankedTranspose(2, value, filter, outputShape, strides, Ops.Padding.Explicit(padding, DataFormat.Parse(dataFormat, 2, nameof(dataFormat))), dataFormat, dilations);

    /// <summary>The transpose of a 3-D convolution (<c>tf.nn.conv3d_transpose</c>).</summary>
    /// <param name="value">(batch, depth, height, width, in_channels) for NDHWC or (batch, in_channels, depth, height, width) for NCDHW.</param>
    /// <param name="filter">(depth, height, width, out_channels, in_channels).</param>
    /// <param name="outputShape">5 values in the data format's order.</param>
    /// <param name="strides">1, 3 or 5 values.</param>
    /// <param name="padding">"SAME" or "VALID".</param>
    /// <param name="dataFormat">"NDHWC" or "NCDHW".</param>
    /// <param name="dilations">1, 3 or 5 values; 1 unless given.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of TensorFlow's rules.</exception>
    public static Tensor Conv3DTranspose(Tensor value, Tensor filter, long[] outputShape, int[] strides, string padding = "SAME", string dataFormat = "NDHWC", int[]? dilations = null) =>
        RankedTranspose(3, value, filter, outputShape, strides, Padding.Parse(padding, 3), dataFormat, dilations);

    /// <summary>The transpose of a 3-D convolution with explicit padding (beyond TensorFlow).</summary>
    /// <param name="value">(batch, depth, height, width, in_channels) for NDHWC or (batch, in_channels, depth, height, width) for NCDHW.</param>
    /// <param name="filter">(depth, height, width, out_channels, in_channels).</param>
    /// <param name="outputShape">5 values in the data format's order.</param>
    /// <param name="strides">1, 3 or 5 values.</param>
    /// <param name="padding">5 [before, after] pairs (batch and channel [0, 0]) or 3 spatial pairs.</param>
    /// <param name="dataFormat">"NDHWC" or "NCDHW".</param>
    /// <param name="dilations">1, 3 or 5 values; 1 unless given.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of TensorFlow's rules.</exception>
    public static Tensor Conv3DTranspose(Tensor value, Tensor filter, long[] outputShape, int[] strides, long[][] padding, string dataFormat = "NDHWC", int[]? dilations = null) =>
        RankedTranspose(3, value, filter, outputShape, strides, Ops.Padding.Explicit(padding, DataFormat.Parse(dataFormat, 3, nameof(dataFormat))), dataFormat, dilations);

    /// <summary>
    /// The transpose of an atrous (dilated) 2-D convolution (<c>tf.nn.atrous_conv2d_transpose</c>): equal to
    /// <see cref="Conv2DTranspose(Tensor, Tensor, long[], int[], string, string, int[])"/> with stride 1 and
    /// dilation <paramref name="rate"/>, NHWC.
    /// </summary>
    /// <param name="value">(batch, height, width, in_channels).</param>
    /// <param name="filters">(height, width, out_channels, in_channels).</param>
    /// <param name="outputShape">Exactly 4 values: SAME needs the input's height and width, VALID the input's plus the dilated kernel's minus 1.</param>
    /// <param name="rate">The dilation, 1 or more, for height and width.</param>
    /// <param name="padding">"SAME" or "VALID".</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of TensorFlow's rules.</exception>
    public static Tensor AtrousConv2DTranspose(Tensor value, Tensor filters, long[] outputShape, int rate, string padding)
    {
        var format = DataFormat.Default(2);
        ConvolutionArguments.CheckRank(value, format, nameof(value), "NHWC");
        ConvolutionArguments.CheckRank(filters, format, nameof(filters), "height, width, out_channels, in_channels");
        if (value.size(3) != filters.size(3))
        {
            throw new ArgumentException(
                $"value has {value.size(3)} channels but filters {Tuples.Format(filters.shape)} takes {filters.size(3)} input channels (its last dimension); they must be equal.", nameof(filters));
        }

        if (rate < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "rate cannot be less than one.");
        }

        if (rate == 1)
        {
            return RankedTranspose(2, value, filters, outputShape, [1, 1, 1, 1], Padding.Parse(padding, 2), "NHWC", dilations: null, nameof(value), nameof(filters));
        }

        ArgumentNullException.ThrowIfNull(outputShape);
        if (outputShape.Length != 4)
        {
            throw new ArgumentException($"outputShape {Tuples.Format(outputShape)} must have exactly 4 values (batch, height, width, channels).", nameof(outputShape));
        }

        if (filters.size(2) != outputShape[3])
        {
            throw new ArgumentException(
                $"outputShape {Tuples.Format(outputShape)} has {outputShape[3]} channels but filters {Tuples.Format(filters.shape)} produce {filters.size(2)} (index 2); they must be equal.", nameof(outputShape));
        }

        if (padding is not ("SAME" or "VALID"))
        {
            throw new ArgumentException($"padding '{padding}' must be either 'VALID' or 'SAME'.", nameof(padding));
        }

        // TensorFlow computes this through space_to_batch, whose batch is batch·rate²; where that overflows
        // 64 bits TensorFlow fails, and so does this op (its own arithmetic would not, but it must agree).
        if ((double)value.size(0) * rate * rate > long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                nameof(rate), rate, $"rate {rate} is too large: TensorFlow's atrous transpose needs batch·rate² = {(double)value.size(0) * rate * rate:G3} to fit in 64 bits.");
        }

        return TransposedConvolution.Compute(value, filters, outputShape, [1], Padding.Parse(padding, 2), format, [rate], nameof(value), nameof(filters));
    }

    private static Tensor RankedTranspose(int rank, Tensor value, Tensor filter, long[] outputShape, int[] strides, Padding padding, string dataFormat, int[]? dilations, string valueName = "value", string filterName = "filter")
    {
        ArgumentNullException.ThrowIfNull(outputShape);
        var format = DataFormat.Parse(dataFormat, rank, nameof(dataFormat));
        var allowed = rank == 2 ? "4 values (or the 2 values [height, width])" : $"{rank + 2} values";
        if (outputShape.Length != rank + 2 && !(rank == 2 && outputShape.Length == 2))
        {
            throw new ArgumentException(
                $"outputShape {Tuples.Format(outputShape)} has {outputShape.Length} values; a {rank}-D transposed convolution takes {allowed} in {format.Name} order.", nameof(outputShape));
        }

        return TransposedConvolution.Compute(value, filter, outputShape, strides, padding, format, dilations, valueName, filterName);
    }

    private static int RankOf(long[] outputShape)
    {
        ArgumentNullException.ThrowIfNull(outputShape);
        if (outputShape.Length is < 3 or > 5)
        {
            throw new ArgumentException(
                $"outputShape {Tuples.Format(outputShape)} has {outputShape.Length} values; tf.nn.conv_transpose takes 3, 4 or 5 (batch, channels and 1, 2 or 3 spatial sizes). " +
                "For the [height, width] form use Conv2DTranspose.",
                nameof(outputShape));
        }

        return outputShape.Length - 2;
    }
}

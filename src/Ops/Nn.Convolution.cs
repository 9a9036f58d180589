// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Engine;
using static TorchSharp.torch;

namespace LayersFramework.Ops;

/// <content>The forward convolutions the transposes are the adjoints of.</content>
public static partial class Nn
{
    /// <summary>An N-D convolution (<c>tf.nn.convolution</c>), N = <c>input.Rank − 2</c>.</summary>
    /// <param name="input">N + 2 dimensions in <paramref name="dataFormat"/>.</param>
    /// <param name="filters">(spatial..., in_channels / groups, out_channels).</param>
    /// <param name="strides">1, N or N + 2 values; 1 unless given.</param>
    /// <param name="padding">"VALID" (TensorFlow's default here) or "SAME".</param>
    /// <param name="dataFormat">The data format; channels last unless given.</param>
    /// <param name="dilations">1, N or N + 2 values; 1 unless given.</param>
    /// <returns>The output: SAME gives ceil(I / s) per dimension, VALID ⌊(I − E) / s⌋ + 1.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of TensorFlow's rules.</exception>
    public static Tensor Convolution(Tensor input, Tensor filters, int[]? strides = null, string padding = "VALID", string? dataFormat = null, int[]? dilations = null)
    {
        var format = DataFormat.Parse(dataFormat, InputRank(input), nameof(dataFormat));
        return ForwardConvolution.Compute(input, filters, strides, Padding.Parse(padding, format.SpatialRank), format, dilations, nameof(input), nameof(filters));
    }

    /// <summary>An N-D convolution with explicit padding.</summary>
    /// <param name="input">N + 2 dimensions in <paramref name="dataFormat"/>.</param>
    /// <param name="filters">(spatial..., in_channels / groups, out_channels).</param>
    /// <param name="strides">1, N or N + 2 values; 1 unless given.</param>
    /// <param name="padding">N + 2 [before, after] pairs in the data format's order (batch and channel [0, 0]), or N spatial pairs.</param>
    /// <param name="dataFormat">The data format; channels last unless given.</param>
    /// <param name="dilations">1, N or N + 2 values; 1 unless given.</param>
    /// <returns>The output: SAME gives ceil(I / s) per dimension, VALID ⌊(I − E) / s⌋ + 1.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of TensorFlow's rules.</exception>
    public static Tensor Convolution(Tensor input, Tensor filters, int[]? strides, long[][] padding, string? dataFormat = null, int[]? dilations = null)
    {
        var format = DataFormat.Parse(dataFormat, InputRank(input), nameof(dataFormat));
        return ForwardConvolution.Compute(input, filters, strides, Ops.Padding.Explicit(padding, format), format, dilations, nameof(input), nameof(filters));
    }

    /// <summary>A 1-D convolution (<c>tf.nn.conv1d</c>).</summary>
    /// <param name="input">(batch, width, in_channels) for NWC or (batch, in_channels, width) for NCW.</param>
    /// <param name="filters">(width, in_channels / groups, out_channels).</param>
    /// <param name="stride">1 or 3 values.</param>
    /// <param name="padding">"SAME" or "VALID".</param>
    /// <param name="dataFormat">"NWC" or "NCW".</param>
    /// <param name="dilations">1 or 3 values; 1 unless given.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of TensorFlow's rules.</exception>
    public static Tensor Conv1D(Tensor input, Tensor filters, int[] stride, string padding, string dataFormat = "NWC", int[]? dilations = null) =>
        ForwardConvolution.Compute(input, filters, stride, Padding.Parse(padding, 1), DataFormat.Parse(dataFormat, 1, nameof(dataFormat)), dilations, nameof(input), nameof(filters), nameof(stride));

    /// <summary>A 2-D convolution (<c>tf.nn.conv2d</c>).</summary>
    /// <param name="input">(batch, height, width, in_channels) for NHWC or (batch, in_channels, height, width) for NCHW.</param>
    /// <param name="filters">(height, width, in_channels / groups, out_channels).</param>
    /// <param name="strides">1, 2 or 4 values.</param>
    /// <param name="padding">"SAME" or "VALID".</param>
    /// <param name="dataFormat">"NHWC" or "NCHW".</param>
    /// <param name="dilations">1, 2 or 4 values; 1 unless given.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of TensorFlow's rules.</exception>
    public static Tensor Conv2D(Tensor input, Tensor filters, int[] strides, string padding, string dataFormat = "NHWC", int[]? dilations = null) =>
        ForwardConvolution.Compute(input, filters, strides, Padding.Parse(padding, 2), DataFormat.Parse(dataFormat, 2, nameof(dataFormat)), dilations, nameof(input), nameof(filters));

    /// <summary>A 2-D convolution with explicit padding, as <c>tf.nn.conv2d</c> accepts it.</summary>
    /// <param name="input">(batch, height, width, in_channels) for NHWC or (batch, in_channels, height, width) for NCHW.</param>
    /// <param name="filters">(height, width, in_channels / groups, out_channels).</param>
    /// <param name="strides">1, 2 or 4 values.</param>
    /// <param name="padding">4 [before, after] pairs in the data format's order (batch and channel [0, 0]), or 2 spatial pairs.</param>
    /// <param name="dataFormat">"NHWC" or "NCHW".</param>
    /// <param name="dilations">1, 2 or 4 values; 1 unless given.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of TensorFlow's rules.</exception>
    public static Tensor Conv2D(Tensor input, Tensor filters, int[] strides, long[][] padding, string dataFormat = "NHWC", int[]? dilations = null)
    {
        var format = DataFormat.Parse(dataFormat, 2, nameof(dataFormat));
        return ForwardConvolution.Compute(input, filters, strides, Ops.Padding.Explicit(padding, format), format, dilations, nameof(input), nameof(filters));
    }

    /// <summary>A 3-D convolution (<c>tf.nn.conv3d</c>).</summary>
    /// <param name="input">(batch, depth, height, width, in_channels) for NDHWC or (batch, in_channels, depth, height, width) for NCDHW.</param>
    /// <param name="filters">(depth, height, width, in_channels / groups, out_channels).</param>
    /// <param name="strides">1, 3 or 5 values.</param>
    /// <param name="padding">"SAME" or "VALID".</param>
    /// <param name="dataFormat">"NDHWC" or "NCDHW".</param>
    /// <param name="dilations">1, 3 or 5 values; 1 unless given.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of TensorFlow's rules.</exception>
    public static Tensor Conv3D(Tensor input, Tensor filters, int[] strides, string padding, string dataFormat = "NDHWC", int[]? dilations = null) =>
        ForwardConvolution.Compute(input, filters, strides, Padding.Parse(padding, 3), DataFormat.Parse(dataFormat, 3, nameof(dataFormat)), dilations, nameof(input), nameof(filters));

    private static int InputRank(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() is < 3 or > 5)
        {
            throw new ArgumentException(
                $"input has shape {Tuples.Format(input.shape)}; tf.nn.convolution takes 3, 4 or 5 dimensions (batch, channels and 1, 2 or 3 spatial sizes).", nameof(input));
        }

        return (int)input.dim() - 2;
    }
}

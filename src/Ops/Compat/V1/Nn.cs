// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using static TorchSharp.torch;

namespace LayersFramework.Ops.Compat.V1;

/// <summary>
/// TensorFlow 1's names for the transposed convolutions (<c>tf.compat.v1.nn</c>): the input may be given as
/// <c>value</c> or <c>input</c> and the filters as <c>filter</c> or <c>filters</c>; giving both names of a pair is
/// an error, as in TensorFlow. Everything else is <see cref="Ops.Nn"/>'s.
/// </summary>
public static class Nn
{
    /// <summary><c>tf.compat.v1.nn.conv2d_transpose</c>.</summary>
    /// <param name="value">The input (old name); or give <paramref name="input"/>.</param>
    /// <param name="filter">The filters (old name); or give <paramref name="filters"/>.</param>
    /// <param name="outputShape">4 values in the data format's order, or [height, width].</param>
    /// <param name="strides">1, 2 or 4 values; 1 unless given.</param>
    /// <param name="padding">"SAME" or "VALID".</param>
    /// <param name="dataFormat">"NHWC" or "NCHW".</param>
    /// <param name="input">The input (new name).</param>
    /// <param name="filters">The filters (new name).</param>
    /// <param name="dilations">1, 2 or 4 values; 1 unless given.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentException">Both names of a pair are given, or an argument breaks one of TensorFlow's rules.</exception>
    public static Tensor Conv2DTranspose(Tensor? value = null, Tensor? filter = null, long[]? outputShape = null, int[]? strides = null, string padding = "SAME", string dataFormat = "NHWC", Tensor? input = null, Tensor? filters = null, int[]? dilations = null) =>
        Ops.Nn.Conv2DTranspose(Resolve(value, input, nameof(value), nameof(input)), Resolve(filter, filters, nameof(filter), nameof(filters)), Required(outputShape), strides ?? [1], padding, dataFormat, dilations);

    /// <summary><c>tf.compat.v1.nn.conv2d_transpose</c> with explicit padding.</summary>
    /// <param name="value">The input (old name), or null to give <paramref name="input"/>.</param>
    /// <param name="filter">The filters (old name), or null to give <paramref name="filters"/>.</param>
    /// <param name="outputShape">4 values in the data format's order, or [height, width].</param>
    /// <param name="strides">1, 2 or 4 values, or null for 1.</param>
    /// <param name="padding">4 [before, after] pairs in the data format's order (batch and channel [0, 0]).</param>
    /// <param name="dataFormat">"NHWC" or "NCHW".</param>
    /// <param name="input">The input (new name).</param>
    /// <param name="filters">The filters (new name).</param>
    /// <param name="dilations">1, 2 or 4 values; 1 unless given.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentException">Both names of a pair are given, or an argument breaks one of TensorFlow's rules.</exception>
    public static Tensor Conv2DTranspose(Tensor? value, Tensor? filter, long[]? outputShape, int[]? strides, long[][] padding, string dataFormat = "NHWC", Tensor? input = null, Tensor? filters = null, int[]? dilations = null) =>
        Ops.Nn.Conv2DTranspose(Resolve(value, input, nameof(value), nameof(input)), Resolve(filter, filters, nameof(filter), nameof(filters)), Required(outputShape), strides ?? [1], padding, dataFormat, dilations);

    /// <summary><c>tf.compat.v1.nn.conv3d_transpose</c>.</summary>
    /// <param name="value">The input (old name); or give <paramref name="input"/>.</param>
    /// <param name="filter">The filters (old name); or give <paramref name="filters"/>.</param>
    /// <param name="outputShape">5 values in the data format's order.</param>
    /// <param name="strides">1, 3 or 5 values; 1 unless given.</param>
    /// <param name="padding">"SAME" or "VALID".</param>
    /// <param name="dataFormat">"NDHWC" or "NCDHW".</param>
    /// <param name="input">The input (new name).</param>
    /// <param name="filters">The filters (new name).</param>
    /// <param name="dilations">1, 3 or 5 values; 1 unless given.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentException">Both names of a pair are given, or an argument breaks one of TensorFlow's rules.</exception>
    public static Tensor Conv3DTranspose(Tensor? value = null, Tensor? filter = null, long[]? outputShape = null, int[]? strides = null, string padding = "SAME", string dataFormat = "NDHWC", Tensor? input = null, Tensor? filters = null, int[]? dilations = null) =>
        Ops.Nn.Conv3DTranspose(Resolve(value, input, nameof(value), nameof(input)), Resolve(filter, filters, nameof(filter), nameof(filters)), Required(outputShape), strides ?? [1], padding, dataFormat, dilations);

    /// <summary>TensorFlow's deprecated_argument_lookup: the old name wins when alone; both is an error.</summary>
    private static Tensor Resolve(Tensor? oldName, Tensor? newName, string oldParameter, string newParameter)
    {
        if (oldName is not null && newName is not null)
        {
            throw new ArgumentException($"Cannot specify both '{oldParameter}' and '{newParameter}'.", newParameter);
        }

        return oldName ?? newName ?? throw new ArgumentNullException(newParameter, $"Give the tensor as '{newParameter}' (or its old name '{oldParameter}').");
    }

    private static long[] Required(long[]? outputShape) =>
        outputShape ?? throw new ArgumentNullException(nameof(outputShape), "outputShape is required: the transposed convolution's output size is not determined by its input.");
}

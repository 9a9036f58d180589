// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using System.Linq;
using LayersFramework.Engine;

namespace LayersFramework.Ops;

/// <summary>
/// TensorFlow's geometry of a transposed convolution, per spatial dimension, and its mapping onto libtorch.
/// </summary>
/// <remarks>
/// With I the input size, K the kernel size, s the stride, d the dilation, E = (K − 1)·d + 1 and
/// F = (I − 1)·s + E, the transpose is the input-gradient of a forward convolution whose input has the
/// requested size O; that convolution's "before" padding pb places the output: y = full[pb, pb + O), where
/// full is the unpadded transpose of length F and indices past F are zeros (TensorFlow's
/// conv_grad_shape_utils.cc ConvBackpropComputeDimensionsV2 and kernel_shape_util.cc GetWindowedOutputSizeVerbose).
/// libtorch pads symmetrically, so <see cref="Plan"/> uses libtorch's padding for the symmetric part,
/// output padding for zeros past F, and a narrow for the odd unit that SAME puts after.
/// </remarks>
internal static class TransposeGeometry
{
    /// <summary>The forward convolution's output size for an input of size O, as TensorFlow computes it (C++ truncating division).</summary>
    public static long ForwardOutputSize(long output, long kernel, long stride, long dilation, Padding padding, int dim)
    {
        var effective = Effective(kernel, dilation);
        return padding.Kind switch
        {
            PaddingKind.Same => (output + stride - 1) / stride,
            PaddingKind.Valid => (output - effective + stride) / stride,
            _ => (output + padding.Before[dim] + padding.After[dim] - effective + stride) / stride,
        };
    }

    /// <summary>The sizes O an input of size I can be transposed to (TensorFlow accepts each; for stride &gt; 1 there are several).</summary>
    public static (long Min, long Max) ValidOutputSizes(long input, long kernel, long stride, long dilation, Padding padding, int dim)
    {
        var full = ((input - 1) * stride) + Effective(kernel, dilation);
        var (min, max) = padding.Kind switch
        {
            PaddingKind.Same => (((input - 1) * stride) + 1, input * stride),
            PaddingKind.Valid => (full, full + stride - 1),
            _ => (full - padding.Before[dim] - padding.After[dim], full - padding.Before[dim] - padding.After[dim] + stride - 1),
        };
        return (Math.Max(min, 1), max);
    }

    /// <summary>
    /// Checks every spatial output size against the input as TensorFlow does, before any computation, and
    /// throws an <see cref="ArgumentException"/> naming <paramref name="parameterName"/> that says which sizes would be valid.
    /// </summary>
    public static void CheckOutputSizes(long[] input, long[] kernel, long[] strides, long[] dilations, Padding padding, long[] output, DataFormat format, long[] outputShape, string parameterName)
    {
        for (var i = 0; i < input.Length; i++)
        {
            var computed = ForwardOutputSize(output[i], kernel[i], strides[i], dilations[i], padding, i);
            if (computed == input[i])
            {
                continue;
            }

            var (min, max) = ValidOutputSizes(input[i], kernel[i], strides[i], dilations[i], padding, i);
            var valid = min > max ? "no output size is valid for this input, kernel and padding"
                : min == max ? string.Create(CultureInfo.InvariantCulture, $"the only valid {format.DimensionName(i)} is {min}")
                : string.Create(CultureInfo.InvariantCulture, $"valid {format.DimensionName(i)}s are {min}..{max}");
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{parameterName} {Tuples.Format(outputShape)} does not fit the input: its {format.DimensionName(i)} {output[i]} would come from an input {format.DimensionName(i)} of {Math.Max(computed, 0)} " +
                    $"(padding {padding.Description}, stride {strides[i]}, kernel {kernel[i]}, dilation {dilations[i]}), but the input's is {input[i]}; {valid}."),
                parameterName);
        }
    }

    /// <summary>The before padding pb of the forward convolution, which places the transposed output.</summary>
    public static long PaddingBefore(long input, long kernel, long stride, long dilation, long output, Padding padding, int dim) => padding.Kind switch
    {
        PaddingKind.Same => Math.Max(0, ((input - 1) * stride) + Effective(kernel, dilation) - output) / 2,
        PaddingKind.Valid => 0,
        _ => padding.Before[dim],
    };

    /// <summary>Maps validated sizes onto libtorch's padding, output padding and a final crop.</summary>
    public static TransposePlan Plan(long[] input, long[] kernel, long[] strides, long[] dilations, Padding padding, long[] output)
    {
        var rank = input.Length;
        var torchPadding = new long[rank];
        var outputPadding = new long[rank];
        var cropStart = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            var full = ((input[i] - 1) * strides[i]) + Effective(kernel[i], dilations[i]);
            var before = PaddingBefore(input[i], kernel[i], strides[i], dilations[i], output[i], padding, i);
            var after = full - before - output[i];              // what is cropped after; negative: zeros appended
            torchPadding[i] = Math.Max(0, Math.Min(before, after)); // libtorch crops this much from both ends
            outputPadding[i] = Math.Max(0, -after);             // libtorch appends this many zeros (< stride)
            cropStart[i] = before - torchPadding[i];
        }

        return new TransposePlan(torchPadding, outputPadding, cropStart, output.ToArray());
    }

    private static long Effective(long kernel, long dilation) => ((kernel - 1) * dilation) + 1;
}

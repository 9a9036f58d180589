// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using LayersFramework.Engine;

namespace LayersFramework.Ops;

/// <summary>TensorFlow's geometry of a forward convolution per spatial dimension (kernel_shape_util.cc GetWindowedOutputSizeVerbose).</summary>
internal static class ConvolutionGeometry
{
    /// <summary>
    /// The output size and the (before, after) padding for an input of size I: SAME gives ceil(I / s) with
    /// P = max(0, (O − 1)·s + E − I) split P / 2 before and the rest after; VALID gives ⌊(I − E) / s⌋ + 1;
    /// explicit gives ⌊(I + pb + pa − E) / s⌋ + 1.
    /// </summary>
    public static (long Output, long Before, long After) Window(long input, long kernel, long stride, long dilation, Padding padding, int dim, DataFormat format, long[] inputShape, string parameterName)
    {
        var effective = ((kernel - 1) * dilation) + 1;
        if (padding.Kind == PaddingKind.Same)
        {
            var output = (input + stride - 1) / stride;
            var total = Math.Max(0, ((output - 1) * stride) + effective - input);
            return (output, total / 2, total - (total / 2));
        }

        var before = padding.Before[dim];
        var after = padding.After[dim];
        var padded = input + before + after;
        if (padded < effective)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{parameterName} {Tuples.Format(inputShape)} is too small for the kernel: its {format.DimensionName(dim)} {input} padded by {padding.Description} is {padded}, less than the dilated kernel size {effective}; the output size would be negative."),
                parameterName);
        }

        return (((padded - effective) / stride) + 1, before, after);
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using LayersFramework.Torch;

namespace LayersFramework.Ops;

/// <summary>Validates and computes TensorFlow's forward convolution (<c>tf.nn.convolution</c>) with libtorch's <c>conv{1,2,3}d</c>.</summary>
internal static class ForwardConvolution
{
    /// <summary>Runs the convolution whose input-gradient the transposed convolution is; filters are [spatial..., in_channels / groups, out_channels].</summary>
    public static Tensor Compute(Tensor x, Tensor filters, int[]? strides, Padding padding, DataFormat format, int[]? dilations, string inputName, string filtersName, string stridesName = "strides")
    {
        var rank = format.SpatialRank;
        var (inputShape, filterShape, kernel, stride, dilation, inChannels, widened) =
            ConvolutionArguments.Validate(x, filters, format, strides, dilations, inputName, filtersName, "spatial sizes, in_channels, out_channels", stridesName);
        var filterIn = filterShape[rank];
        var outChannels = filterShape[rank + 1];
        if (filterIn < 1 || inChannels % filterIn != 0 || outChannels % (inChannels / filterIn) != 0)
        {
            throw new ArgumentException(
                $"{filtersName} has shape {Tuples.Format(filterShape)} ({filterIn} input channels per group, {outChannels} output channels) but {inputName} has {inChannels} channels; " +
                $"the input channels must equal the filters' (or, grouped, be a multiple of it whose group count divides the output channels).",
                filtersName);
        }

        var groups = inChannels / filterIn;
        var windows = Enumerable.Range(0, rank)
            .Select(i => ConvolutionGeometry.Window(format.Spatial(inputShape)[i], kernel[i], stride[i], dilation[i], padding, i, format, inputShape, inputName))
            .ToArray();
        var outputShape = format.Shape(inputShape[0], outChannels, windows.Select(w => w.Output).ToArray());
        if (x.NumElements == 0 || Array.Exists(outputShape, size => size == 0))
        {
            return Tensor.Zeros(outputShape, x.Dtype);
        }

        using var scope = new DisposeScope();
        var input = ComputeType.Widen(format.ToChannelsFirst(x), widened);
        var symmetric = windows.Select(w => Math.Min(w.Before, w.After)).ToArray();
        if (windows.Any(w => w.Before != w.After))
        {
            // libtorch pads symmetrically: pad the uneven remainder first (last dimension first, as Pad takes it).
            var pads = windows.Reverse().SelectMany(w => new[] { w.Before - Math.Min(w.Before, w.After), w.After - Math.Min(w.Before, w.After) }).ToArray();
            input = input.Pad(pads);
        }

        var weight = ComputeType.Widen(filters.Permute([rank + 1, rank, .. Enumerable.Range(0, rank).Select(i => (long)i)]), widened);
        var result = rank switch
        {
            1 => Functional.Conv1d(input, weight, null, stride, symmetric, dilation, groups),
            2 => Functional.Conv2d(input, weight, null, stride, symmetric, dilation, groups),
            _ => Functional.Conv3d(input, weight, null, stride, symmetric, dilation, groups),
        };
        result = format.DenseFromChannelsFirst(result);
        if (widened is not null)
        {
            result = result.To(x.Dtype);
        }

        return scope.MoveToOuter(result);
    }
}

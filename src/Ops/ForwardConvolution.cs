// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using LayersFramework.Engine;
using TorchSharp;
using static TorchSharp.torch;

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
        if (x.numel() == 0 || Array.Exists(outputShape, size => size == 0))
        {
            return torch.zeros(outputShape, x.dtype, x.device);
        }

        using var scope = torch.NewDisposeScope();
        var input = ComputeType.Widen(format.ToChannelsFirst(x), widened);
        var symmetric = windows.Select(w => Math.Min(w.Before, w.After)).ToArray();
        if (windows.Any(w => w.Before != w.After))
        {
            // libtorch pads symmetrically: pad the uneven remainder first (last dimension first, as pad takes it).
            var pads = windows.Reverse().SelectMany(w => new[] { w.Before - Math.Min(w.Before, w.After), w.After - Math.Min(w.Before, w.After) }).ToArray();
            input = torch.nn.functional.pad(input, pads);
        }

        var weight = ComputeType.Widen(filters.permute([rank + 1, rank, .. Enumerable.Range(0, rank).Select(i => (long)i)]), widened);
        var result = rank switch
        {
            1 => torch.nn.functional.conv1d(input, weight, null, stride: stride[0], padding: symmetric[0], dilation: dilation[0], groups: groups),
            2 => torch.nn.functional.conv2d(input, weight, null, strides: stride, padding: symmetric, dilation: dilation, groups: groups),
            _ => torch.nn.functional.conv3d(input, weight, null, strides: stride, padding: symmetric, dilation: dilation, groups: groups),
        };
        result = format.DenseFromChannelsFirst(result);
        if (widened is not null)
        {
            result = result.to(x.dtype);
        }

        return scope.MoveToOuter(result);
    }
}

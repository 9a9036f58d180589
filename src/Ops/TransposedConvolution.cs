// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using LayersFramework.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Ops;

/// <summary>
/// Validates a TensorFlow transposed convolution in TensorFlow's order and computes it with libtorch's
/// <c>conv_transpose{1,2,3}d</c> or one of the faster formulations, all of which autograd differentiates.
/// </summary>
internal static class TransposedConvolution
{
    /// <summary>Runs <c>tf.nn.conv{1,2,3}d_transpose</c>; <paramref name="outputShape"/> has N + 2 values, or 2 for the [H, W] form.</summary>
    /// <remarks>
    /// Each shape runs by the <see cref="TransposedConvolutionPath"/> that <see cref="TransposedConvolutionTuning"/>
    /// picks among those that apply, all built from differentiable libtorch operations; <paramref name="path"/> forces
    /// one, for tests.
    /// A layer's <paramref name="bias"/> (one value per output channel) is added inside libtorch's kernel when that
    /// path runs, and as one broadcast add otherwise; TensorFlow's op has none.
    /// </remarks>
    public static Tensor Compute(Tensor x, Tensor filters, long[] outputShape, int[]? strides, Padding padding, DataFormat format, int[]? dilations, string inputName, string filtersName, TransposedConvolutionPath? path = null, Tensor? bias = null)
    {
        var operands = ConvolutionArguments.Validate(x, filters, format, strides, dilations, inputName, filtersName, FilterLayout(format.SpatialRank));
        return Run(x, filters, outputShape, operands, padding, format, inputName, filtersName, path, bias);
    }

    /// <summary>
    /// The same for strides and dilations already normalised to their N spatial values, as a
    /// <see cref="ConvTransposeOperation"/> holds them.
    /// </summary>
    public static Tensor Compute(Tensor x, Tensor filters, long[] outputShape, long[] stride, long[] dilation, Padding padding, DataFormat format, string inputName, string filtersName, Tensor? bias = null)
    {
        var operands = ConvolutionArguments.Validate(x, filters, format, stride, dilation, inputName, filtersName, FilterLayout(format.SpatialRank));
        return Run(x, filters, outputShape, operands, padding, format, inputName, filtersName, path: null, bias);
    }

    /// <summary>The filters' layout for messages.</summary>
    private static string FilterLayout(int rank) => rank switch
    {
        1 => "width, out_channels, in_channels",
        2 => "height, width, out_channels, in_channels",
        _ => "depth, height, width, out_channels, in_channels",
    };

    /// <summary>The checks that need the output shape, in TensorFlow's order, then the computation.</summary>
    private static Tensor Run(Tensor x, Tensor filters, long[] outputShape, ConvolutionOperands operands, Padding padding, DataFormat format, string inputName, string filtersName, TransposedConvolutionPath? path, Tensor? bias)
    {
        var rank = format.SpatialRank;
        var (inputShape, filterShape, kernel, stride, dilation, inChannels, widened) = operands;
        var filterOut = filterShape[rank];
        var filterIn = filterShape[rank + 1];
        if (filterIn != inChannels)
        {
            throw new ArgumentException(
                $"{filtersName} has shape {Tuples.Format(filterShape)}, whose last dimension (input channels) is {filterIn}, but {inputName} has {inChannels} channels " +
                $"(axis {format.ChannelAxis} of {format.Name} shape {Tuples.Format(inputShape)}). Filters are laid out as spatial sizes, then output channels, then input channels.",
                filtersName);
        }

        if (filterOut < 1)
        {
            throw new ArgumentException($"{filtersName} has shape {Tuples.Format(filterShape)}: its output-channel dimension (index {rank}) must be 1 or more.", filtersName);
        }

        var fullShape = FullOutputShape(outputShape, inputShape[0], filterOut, format);
        if (fullShape[0] != inputShape[0])
        {
            throw new ArgumentException(
                $"outputShape {Tuples.Format(outputShape)} has batch {fullShape[0]} but {inputName} has batch {inputShape[0]}; they must be equal.", nameof(outputShape));
        }

        var outChannels = fullShape[format.ChannelAxis];
        if (outChannels < 1 || outChannels % filterOut != 0 || inChannels % (outChannels / filterOut) != 0)
        {
            throw new ArgumentException(
                $"outputShape {Tuples.Format(outputShape)} asks for {outChannels} output channels, but {filtersName} gives {filterOut} per group for {inChannels} input channels; " +
                $"the output channels must be {filterOut} (or, grouped, a multiple of it that divides into the input channels evenly).",
                nameof(outputShape));
        }

        if (bias is not null && (bias.dim() != 1 || bias.size(0) != outChannels))
        {
            throw new ArgumentException(
                $"bias has shape {Tuples.Format(bias.shape)}; it must be ({outChannels},), one value per output channel.", nameof(bias));
        }

        var groups = outChannels / filterOut;
        var inputSpatial = format.Spatial(inputShape);
        var outputSpatial = format.Spatial(fullShape);
        TransposeGeometry.CheckOutputSizes(inputSpatial, kernel, stride, dilation, padding, outputSpatial, format, outputShape, nameof(outputShape));
        MemoryBudget.Check(fullShape, x.dtype, "The transposed convolution's output", nameof(outputShape));

        if (x.numel() == 0 || Array.Exists(fullShape, size => size == 0))
        {
            // TensorFlow: nothing to compute, the output is zeros (plus a layer's bias along the channel axis).
            using var empty = torch.NewDisposeScope();
            var zeros = torch.zeros(fullShape, x.dtype, x.device);
            var withBias = bias is null ? zeros : zeros + bias.to(x.dtype).reshape([.. fullShape.Select((size, axis) => axis == format.ChannelAxis ? size : 1L)]);
            return empty.MoveToOuter(withBias);
        }

        var plan = TransposeGeometry.Plan(inputSpatial, kernel, stride, dilation, padding, outputSpatial);
        using var scope = torch.NewDisposeScope();
        var computeType = widened ?? x.dtype;
        var input = ComputeType.Widen(format.ToChannelsFirst(x), widened);
        var weight = ComputeType.Widen(filters.permute([rank + 1, rank, .. Enumerable.Range(0, rank).Select(i => (long)i)]), widened);
        var channelBias = bias is null || bias.dtype == computeType ? bias : bias.to(computeType);
        var candidates = Candidates(inputSpatial, kernel, stride, dilation, groups);
        if (path is { } forced && !candidates.Contains(forced))
        {
            throw new ArgumentException($"The {forced} path does not apply to this shape; the paths that do are {string.Join(", ", candidates)}.", nameof(path));
        }

        var channelsLast = IsChannelsLast(input);
        weight = WeightMemory.ForInput(weight, channelsLast);

        var chosen = path ?? Choose(candidates, input, weight, channelBias, kernel, stride, dilation, groups, plan, channelsLast);
        var result = format.DenseFromChannelsFirst(ComputeWith(chosen, input, weight, channelBias, kernel, stride, dilation, groups, plan, channelsLast));
        if (widened is not null)
        {
            result = result.to(x.dtype);
        }

        return scope.MoveToOuter(result);
    }

    /// <summary>The paths that apply to a shape, in the rule's order of preference; libtorch's kernel always applies.</summary>
    private static TransposedConvolutionPath[] Candidates(long[] inputSpatial, long[] kernel, long[] stride, long[] dilation, long groups)
    {
        var candidates = new List<TransposedConvolutionPath>(3);
        if (NonOverlappingTransposedConvolution.Applies(inputSpatial, kernel, stride, dilation, groups))
        {
            candidates.Add(TransposedConvolutionPath.NonOverlapping);
        }

        if (GemmFoldTransposedConvolution.Applies(inputSpatial, groups))
        {
            candidates.Add(TransposedConvolutionPath.GemmFold);
        }

        candidates.Add(TransposedConvolutionPath.LibtorchKernel);
        return [.. candidates];
    }

    /// <summary>The path for this call, by <see cref="TransposedConvolutionTuning"/>: by rule, or timed once per shape.</summary>
    private static TransposedConvolutionPath Choose(TransposedConvolutionPath[] candidates, Tensor input, Tensor weight, Tensor? bias, long[] kernel, long[] stride, long[] dilation, long groups, TransposePlan plan, bool channelsLast)
    {
        if (candidates.Length == 1)
        {
            return candidates[0];
        }

        var backward = torch.is_grad_enabled() && (input.requires_grad || weight.requires_grad || bias?.requires_grad == true);
        var flops = 2.0 * input.numel() * weight.numel() / input.size(1);
        var shape =
            $"input {Tuples.Format(input.shape)}{(channelsLast ? " channels-last" : string.Empty)} weight {Tuples.Format(weight.shape)} stride {Tuples.Format(stride)} " +
            $"dilation {Tuples.Format(dilation)} groups {groups} padding {Tuples.Format(plan.TorchPadding)} output padding {Tuples.Format(plan.OutputPadding)} " +
            $"output {Tuples.Format(plan.Output)} bias {bias is not null} {input.dtype} {input.device} threads {TorchRuntime.IntraOpThreads}";
        return TransposedConvolutionTuning.Choose(shape, candidates, flops, backward, candidate => Time(candidate, input, weight, bias, kernel, stride, dilation, groups, plan, channelsLast, backward));
    }

    /// <summary>One run of one path (forward, and backward when asked) on detached copies, so the caller's graph is untouched.</summary>
    private static double Time(TransposedConvolutionPath path, Tensor input, Tensor weight, Tensor? bias, long[] kernel, long[] stride, long[] dilation, long groups, TransposePlan plan, bool channelsLast, bool backward)
    {
        using var mode = torch.enable_grad(backward);
        using var scope = torch.NewDisposeScope();
        var x = input.detach().requires_grad_(backward);
        var w = weight.detach().requires_grad_(backward);
        var b = bias?.detach().requires_grad_(backward);
        var start = Stopwatch.GetTimestamp();
        var y = ComputeWith(path, x, w, b, kernel, stride, dilation, groups, plan, channelsLast);
        if (backward)
        {
            y.backward([torch.ones_like(y)]);
        }

        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>Computes the transposed convolution by one path, channels-first, cropped to TensorFlow's placement, with the bias.</summary>
    private static Tensor ComputeWith(TransposedConvolutionPath path, Tensor input, Tensor weight, Tensor? bias, long[] kernel, long[] stride, long[] dilation, long groups, TransposePlan plan, bool channelsLast)
    {
        if (path == TransposedConvolutionPath.LibtorchKernel)
        {
            return WithLibtorchKernel(input, weight, bias, stride, dilation, groups, plan);
        }

        using var scope = torch.NewDisposeScope();
        var result = path == TransposedConvolutionPath.NonOverlapping
            ? NonOverlappingTransposedConvolution.Compute(input, weight, kernel, stride, plan, channelsLast)
            : Cropped(GemmFoldTransposedConvolution.Compute(input, weight, stride, dilation, plan), plan);
        if (bias is not null)
        {
            result = result + bias.reshape([weight.size(1) * groups, .. Enumerable.Repeat(1L, stride.Length)]);
        }

        return scope.MoveToOuter(result);
    }

    /// <summary>Whether a channels-first view lies in memory channels-last (a Keras NHWC tensor seen as NCHW).</summary>
    private static bool IsChannelsLast(Tensor input)
    {
        if (input.is_contiguous())
        {
            return false;
        }

        using var spatialFirst = input.permute([0, .. Enumerable.Range(2, (int)input.dim() - 2).Select(i => (long)i), 1]);
        return spatialFirst.is_contiguous();
    }

    /// <summary>libtorch's own kernel, then the crop TensorFlow's placement needs.</summary>
    private static Tensor WithLibtorchKernel(Tensor input, Tensor weight, Tensor? bias, long[] stride, long[] dilation, long groups, TransposePlan plan)
    {
        using var scope = torch.NewDisposeScope();
        var result = stride.Length switch
        {
            1 => torch.nn.functional.conv_transpose1d(input, weight, bias, stride: stride[0], padding: plan.TorchPadding[0], output_padding: plan.OutputPadding[0], dilation: dilation[0], groups: groups),
            2 => torch.nn.functional.conv_transpose2d(input, weight, bias, strides: stride, padding: plan.TorchPadding, output_padding: plan.OutputPadding, dilation: dilation, groups: groups),
            _ => torch.nn.functional.conv_transpose3d(input, weight, bias, strides: stride, padding: plan.TorchPadding, output_padding: plan.OutputPadding, dilation: dilation, groups: groups),
        };
        return scope.MoveToOuter(Cropped(result, plan));
    }

    /// <summary>libtorch's result narrowed to TensorFlow's placement.</summary>
    private static Tensor Cropped(Tensor result, TransposePlan plan)
    {
        for (var i = 0; i < plan.Output.Length; i++)
        {
            if (plan.CropStart[i] != 0 || result.size(i + 2) != plan.Output[i])
            {
                result = result.narrow(i + 2, plan.CropStart[i], plan.Output[i]);
            }
        }

        return result;
    }

    /// <summary>The full output shape: N + 2 values as given, or (conv2d_transpose only) [H, W] completed with the batch and the filters' output channels.</summary>
    private static long[] FullOutputShape(long[] outputShape, long batch, long filterOut, DataFormat format)
    {
        var negative = Array.FindIndex(outputShape, size => size < 0);
        if (negative >= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(outputShape), Tuples.Format(outputShape), $"outputShape {Tuples.Format(outputShape)} has a negative size at index {negative}; sizes must be 0 or more.");
        }

        return outputShape.Length == 2 && format.SpatialRank == 2
            ? format.Shape(batch, filterOut, outputShape)
            : outputShape;
    }
}

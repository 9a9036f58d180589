// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using LayersFramework.Torch;

namespace LayersFramework.Ops;

/// <summary>
/// Validates a TensorFlow transposed convolution in TensorFlow's order and computes it with libtorch's
/// <c>conv_transpose{1,2,3}d</c>, which autograd differentiates.
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
        var rank = format.SpatialRank;
        var operands = ConvolutionArguments.Validate(x, filters, format, strides, dilations, inputName, filtersName, rank switch
        {
            1 => "width, out_channels, in_channels",
            2 => "height, width, out_channels, in_channels",
            _ => "depth, height, width, out_channels, in_channels",
        });
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

        var fullShape = FullOutputShape(outputShape, x, filterOut, format);
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

        var groups = outChannels / filterOut;
        var inputSpatial = format.Spatial(inputShape);
        var outputSpatial = format.Spatial(fullShape);
        TransposeGeometry.CheckOutputSizes(inputSpatial, kernel, stride, dilation, padding, outputSpatial, format, outputShape, nameof(outputShape));

        if (x.NumElements == 0 || Array.Exists(fullShape, size => size == 0))
        {
            // TensorFlow: nothing to compute, the output is zeros (plus a layer's bias along the channel axis).
            using var empty = new DisposeScope();
            var zeros = Tensor.Zeros(fullShape, x.Dtype);
            var withBias = bias is null ? zeros : zeros + bias.To(x.Dtype).Reshape([.. fullShape.Select((size, axis) => axis == format.ChannelAxis ? size : 1L)]);
            return empty.MoveToOuter(withBias);
        }

        var plan = TransposeGeometry.Plan(inputSpatial, kernel, stride, dilation, padding, outputSpatial);
        using var scope = new DisposeScope();
        var input = ComputeType.Widen(format.ToChannelsFirst(x), widened);
        var weight = ComputeType.Widen(filters.Permute([rank + 1, rank, .. Enumerable.Range(0, rank).Select(i => (long)i)]), widened);
        var channelBias = bias is null ? null : ComputeType.Widen(bias, widened);
        var candidates = Candidates(inputSpatial, kernel, stride, dilation, groups, plan);
        if (path is { } forced && !candidates.Contains(forced))
        {
            throw new ArgumentException($"The {forced} path does not apply to this shape; the paths that do are {string.Join(", ", candidates)}.", nameof(path));
        }

        var channelsLast = IsChannelsLast(input);
        var chosen = path ?? Choose(candidates, input, weight, channelBias, kernel, stride, dilation, groups, plan, channelsLast);
        var result = format.DenseFromChannelsFirst(ComputeWith(chosen, input, weight, channelBias, kernel, stride, dilation, groups, plan, channelsLast));
        if (widened is not null)
        {
            result = result.To(x.Dtype);
        }

        return scope.MoveToOuter(result);
    }

    /// <summary>The paths that apply to a shape, in the rule's order of preference; libtorch's kernel always applies.</summary>
    private static TransposedConvolutionPath[] Candidates(long[] inputSpatial, long[] kernel, long[] stride, long[] dilation, long groups, TransposePlan plan)
    {
        var candidates = new List<TransposedConvolutionPath>(4);
        if (NonOverlappingTransposedConvolution.Applies(inputSpatial, kernel, stride, dilation, groups))
        {
            candidates.Add(TransposedConvolutionPath.NonOverlapping);
        }

        if (GemmFoldTransposedConvolution.Applies(inputSpatial, groups))
        {
            candidates.Add(TransposedConvolutionPath.GemmFold);
        }

        if (AdjointTransposedConvolution.Applies(stride, plan))
        {
            candidates.Add(TransposedConvolutionPath.Adjoint);
        }

        candidates.Add(TransposedConvolutionPath.LibtorchKernel);
        return [.. candidates];
    }

    /// <summary>The path for this call, by <see cref="TransposedConvolutionTuning"/>: by rule, or timed once per shape.</summary>
    private static TransposedConvolutionPath Choose(TransposedConvolutionPath[] candidates, Tensor input, Tensor weight, Tensor? bias, long[] kernel, long[] stride, long[] dilation, long groups, TransposePlan plan, bool channelsLast)
    {
        // oneDNN computes float32 only; for other types libtorch's reference convolution would run in its place, so
        // the path is left to tests, which force it in float64.
        if (input.Dtype != ScalarType.Float32 || !TorchRuntime.OneDnnAvailable)
        {
            candidates = Array.FindAll(candidates, candidate => candidate != TransposedConvolutionPath.Adjoint);
        }

        if (candidates.Length == 1)
        {
            return candidates[0];
        }

        var backward = Autograd.IsGradEnabled && (input.RequiresGrad || weight.RequiresGrad || bias?.RequiresGrad == true);
        var flops = 2.0 * input.NumElements * weight.NumElements / input.Size(1);
        var shape =
            $"input {Tuples.Format(input.Shape)}{(channelsLast ? " channels-last" : string.Empty)} weight {Tuples.Format(weight.Shape)} stride {Tuples.Format(stride)} " +
            $"dilation {Tuples.Format(dilation)} groups {groups} padding {Tuples.Format(plan.TorchPadding)} output padding {Tuples.Format(plan.OutputPadding)} " +
            $"output {Tuples.Format(plan.Output)} bias {bias is not null} {input.Dtype} threads {TorchRuntime.IntraOpThreads}";
        return TransposedConvolutionTuning.Choose(shape, candidates, flops, backward, candidate => Time(candidate, input, weight, bias, kernel, stride, dilation, groups, plan, channelsLast, backward));
    }

    /// <summary>One run of one path (forward, and backward when asked) on detached copies, so the caller's graph is untouched.</summary>
    private static double Time(TransposedConvolutionPath path, Tensor input, Tensor weight, Tensor? bias, long[] kernel, long[] stride, long[] dilation, long groups, TransposePlan plan, bool channelsLast, bool backward)
    {
        using var mode = backward ? Autograd.EnableGrad() : Autograd.NoGrad();
        using var scope = new DisposeScope();
        var x = input.Detach().WithRequiresGrad(backward);
        var w = weight.Detach().WithRequiresGrad(backward);
        var b = bias?.Detach().WithRequiresGrad(backward);
        var start = Stopwatch.GetTimestamp();
        var y = ComputeWith(path, x, w, b, kernel, stride, dilation, groups, plan, channelsLast);
        if (backward)
        {
            y.Backward(Tensor.OnesLike(y));
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

        using var scope = new DisposeScope();
        var result = path switch
        {
            TransposedConvolutionPath.NonOverlapping => NonOverlappingTransposedConvolution.Compute(input, weight, kernel, stride, plan, channelsLast),
            TransposedConvolutionPath.GemmFold => Cropped(GemmFoldTransposedConvolution.Compute(input, weight, stride, dilation, plan), plan),
            _ => Cropped(AdjointTransposedConvolution.Compute(input, weight, stride, dilation, groups, plan), plan),
        };
        if (bias is not null)
        {
            result = result + bias.Reshape([weight.Size(1) * groups, .. Enumerable.Repeat(1L, stride.Length)]);
        }

        return scope.MoveToOuter(result);
    }

    /// <summary>Whether a channels-first view lies in memory channels-last (a Keras NHWC tensor seen as NCHW).</summary>
    private static bool IsChannelsLast(Tensor input)
    {
        if (input.IsContiguous())
        {
            return false;
        }

        using var spatialFirst = input.Permute([0, .. Enumerable.Range(2, input.Rank - 2).Select(i => (long)i), 1]);
        return spatialFirst.IsContiguous();
    }

    /// <summary>libtorch's own kernel, then the crop TensorFlow's placement needs.</summary>
    private static Tensor WithLibtorchKernel(Tensor input, Tensor weight, Tensor? bias, long[] stride, long[] dilation, long groups, TransposePlan plan)
    {
        var rank = stride.Length;
        var result = rank switch
        {
            1 => Functional.ConvTranspose1d(input, weight, bias, stride, plan.TorchPadding, plan.OutputPadding, groups, dilation),
            2 => Functional.ConvTranspose2d(input, weight, bias, stride, plan.TorchPadding, plan.OutputPadding, groups, dilation),
            _ => Functional.ConvTranspose3d(input, weight, bias, stride, plan.TorchPadding, plan.OutputPadding, groups, dilation),
        };
        return Cropped(result, plan);
    }

    /// <summary>libtorch's result narrowed to TensorFlow's placement.</summary>
    private static Tensor Cropped(Tensor result, TransposePlan plan)
    {
        for (var i = 0; i < plan.Output.Length; i++)
        {
            if (plan.CropStart[i] != 0 || result.Size(i + 2) != plan.Output[i])
            {
                result = result.Narrow(i + 2, plan.CropStart[i], plan.Output[i]);
            }
        }

        return result;
    }

    /// <summary>The full output shape: N + 2 values as given, or (conv2d_transpose only) [H, W] completed with the batch and the filters' output channels.</summary>
    private static long[] FullOutputShape(long[] outputShape, Tensor x, long filterOut, DataFormat format)
    {
        var negative = Array.FindIndex(outputShape, size => size < 0);
        if (negative >= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(outputShape), Tuples.Format(outputShape), $"outputShape {Tuples.Format(outputShape)} has a negative size at index {negative}; sizes must be 0 or more.");
        }

        return outputShape.Length == 2 && format.SpatialRank == 2
            ? format.Shape(x.Size(0), filterOut, outputShape)
            : outputShape;
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Engine;
using static TorchSharp.torch;

namespace LayersFramework.Ops;

/// <summary>The checks that forward and transposed convolutions share: ranks, dtypes, strides, dilations and kernel sizes.</summary>
internal static class ConvolutionArguments
{
    /// <summary>Checks that a tensor has N + 2 dimensions.</summary>
    public static void CheckRank(Tensor tensor, DataFormat format, string parameterName, string layout)
    {
        ArgumentNullException.ThrowIfNull(tensor, parameterName);
        if (tensor.dim() != format.SpatialRank + 2)
        {
            throw new ArgumentException(
                $"{parameterName} must be {format.SpatialRank + 2}-D ({layout}) for a {format.SpatialRank}-D convolution; its shape is {Tuples.Format(tensor.shape)}.",
                parameterName);
        }
    }

    /// <summary>Returns the kernel's spatial sizes, each of which must be at least 1.</summary>
    public static long[] KernelSize(long[] filterShape, int spatialRank, string parameterName)
    {
        var kernel = filterShape[..spatialRank];
        if (Array.Exists(kernel, k => k < 1))
        {
            throw new ArgumentException(
                $"{parameterName} has shape {Tuples.Format(filterShape)}: its spatial sizes {Tuples.Format(kernel)} must all be 1 or more.", parameterName);
        }

        return kernel;
    }

    /// <summary>
    /// The checks every convolution makes first, in TensorFlow's order: ranks, dtypes, strides, dilations and
    /// kernel sizes. <paramref name="filterLayout"/> describes the filters' dimensions for messages;
    /// <paramref name="stridesName"/> is the strides argument's name (tf.nn.conv1d calls it "stride").
    /// </summary>
    public static ConvolutionOperands Validate(Tensor x, Tensor filters, DataFormat format, int[]? strides, int[]? dilations, string inputName, string filtersName, string filterLayout, string stridesName = "strides")
    {
        var widened = CheckTensors(x, filters, format, inputName, filtersName, filterLayout);
        var stride = WindowArguments.Spatial(strides, format, stridesName);
        var dilation = WindowArguments.Spatial(dilations, format, "dilations");
        return Operands(x, filters, format, stride, dilation, widened, filtersName);
    }

    /// <summary>
    /// The same checks for strides and dilations already normalised (by <see cref="WindowArguments.Spatial"/>, when an
    /// operation was constructed): ranks, dtypes and kernel sizes.
    /// </summary>
    public static ConvolutionOperands Validate(Tensor x, Tensor filters, DataFormat format, long[] stride, long[] dilation, string inputName, string filtersName, string filterLayout)
    {
        var widened = CheckTensors(x, filters, format, inputName, filtersName, filterLayout);
        return Operands(x, filters, format, stride, dilation, widened, filtersName);
    }

    /// <summary>Checks both tensors' ranks and dtypes, and returns the dtype to compute in (null for the input's own).</summary>
    private static ScalarType? CheckTensors(Tensor x, Tensor filters, DataFormat format, string inputName, string filtersName, string filterLayout)
    {
        CheckRank(x, format, inputName, format.Name);
        CheckRank(filters, format, filtersName, filterLayout);
        ComputeType.CheckSame(x, filters, inputName, filtersName);
        return ComputeType.Widened(x.dtype, inputName);
    }

    private static ConvolutionOperands Operands(Tensor x, Tensor filters, DataFormat format, long[] stride, long[] dilation, ScalarType? widened, string filtersName)
    {
        var inputShape = x.shape;
        var filterShape = filters.shape;
        var kernel = KernelSize(filterShape, format.SpatialRank, filtersName);
        return new ConvolutionOperands(inputShape, filterShape, kernel, stride, dilation, inputShape[format.ChannelAxis], widened);
    }
}

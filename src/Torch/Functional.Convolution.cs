// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch;

/// <summary>
/// libtorch's functional neural-network operations, with libtorch's own semantics and layouts (channels-first
/// inputs, PyTorch weight layouts). TensorFlow's semantics live one layer up, in <c>LayersFramework.Ops.Nn</c>.
/// </summary>
public static partial class Functional
{
    /// <summary>1-D convolution (cross-correlation) as <c>torch.nn.functional.conv1d</c>.</summary>
    /// <param name="input">(N, C_in, L).</param>
    /// <param name="weight">(C_out, C_in / groups, k).</param>
    /// <param name="bias">(C_out), or null.</param>
    /// <param name="stride">One value, or one per spatial dimension; 1 unless given.</param>
    /// <param name="padding">Zeros added on both sides of each spatial dimension; 0 unless given.</param>
    /// <param name="dilation">Spacing between kernel taps; 1 unless given.</param>
    /// <param name="groups">Blocked connections: C_in and C_out must both divide by it.</param>
    /// <returns>(N, C_out, L_out) with L_out = ⌊(L + 2·padding − dilation·(k − 1) − 1) / stride⌋ + 1.</returns>
    public static Tensor Conv1d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? dilation = null, long groups = 1) =>
        Convolution(1, input, weight, bias, stride, padding, dilation, groups);

    /// <summary>2-D convolution (cross-correlation) as <c>torch.nn.functional.conv2d</c>: input (N, C_in, H, W), weight (C_out, C_in / groups, kH, kW).</summary>
    /// <inheritdoc cref="Conv1d"/>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? dilation = null, long groups = 1) =>
        Convolution(2, input, weight, bias, stride, padding, dilation, groups);

    /// <summary>3-D convolution (cross-correlation) as <c>torch.nn.functional.conv3d</c>: input (N, C_in, D, H, W), weight (C_out, C_in / groups, kD, kH, kW).</summary>
    /// <inheritdoc cref="Conv1d"/>
    public static Tensor Conv3d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? dilation = null, long groups = 1) =>
        Convolution(3, input, weight, bias, stride, padding, dilation, groups);

    /// <summary>1-D transposed convolution as <c>torch.nn.functional.conv_transpose1d</c> (the input-gradient of <see cref="Conv1d"/>).</summary>
    /// <param name="input">(N, C_in, L).</param>
    /// <param name="weight">(C_in, C_out / groups, k): note the transposed layout.</param>
    /// <param name="bias">(C_out), or null.</param>
    /// <param name="stride">One value, or one per spatial dimension; 1 unless given.</param>
    /// <param name="padding">dilation·(k − 1) − padding zeros are added to each side of the (dilated) input; 0 unless given.</param>
    /// <param name="outputPadding">Extra size added to one side of the output; smaller than stride or dilation; 0 unless given.</param>
    /// <param name="groups">Blocked connections: C_in and C_out must both divide by it.</param>
    /// <param name="dilation">Spacing between kernel taps; 1 unless given.</param>
    /// <returns>(N, C_out, L_out) with L_out = (L − 1)·stride − 2·padding + dilation·(k − 1) + outputPadding + 1.</returns>
    public static Tensor ConvTranspose1d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? outputPadding = null, long groups = 1, long[]? dilation = null) =>
        ConvolutionTranspose(1, input, weight, bias, stride, padding, outputPadding, groups, dilation);

    /// <summary>2-D transposed convolution as <c>torch.nn.functional.conv_transpose2d</c>: input (N, C_in, H, W), weight (C_in, C_out / groups, kH, kW).</summary>
    /// <inheritdoc cref="ConvTranspose1d"/>
    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? outputPadding = null, long groups = 1, long[]? dilation = null) =>
        ConvolutionTranspose(2, input, weight, bias, stride, padding, outputPadding, groups, dilation);

    /// <summary>3-D transposed convolution as <c>torch.nn.functional.conv_transpose3d</c>: input (N, C_in, D, H, W), weight (C_in, C_out / groups, kD, kH, kW).</summary>
    /// <inheritdoc cref="ConvTranspose1d"/>
    public static Tensor ConvTranspose3d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? outputPadding = null, long groups = 1, long[]? dilation = null) =>
        ConvolutionTranspose(3, input, weight, bias, stride, padding, outputPadding, groups, dilation);

    /// <summary>
    /// The transposed convolution of <see cref="ConvTranspose1d"/> (1-D, 2-D or 3-D, by the input's rank), computed
    /// as the data-gradient of the matching forward convolution: libtorch sends that gradient, for float32 on CPU,
    /// to oneDNN's backward-data primitive, which works on the whole batch at once where libtorch 1.13's own
    /// transposed kernel works one example at a time. Its backward is the forward convolution (input gradient) and
    /// that convolution's weight gradient, both differentiable libtorch operations. No bias.
    /// </summary>
    /// <param name="input">(N, C_in, spatial…), any memory format.</param>
    /// <param name="weight">(C_in, C_out / groups, k…): the transposed layout.</param>
    /// <param name="stride">One value, or one per spatial dimension; 1 unless given.</param>
    /// <param name="padding">As <see cref="ConvTranspose1d"/>'s; 0 unless given.</param>
    /// <param name="outputPadding">As <see cref="ConvTranspose1d"/>'s, but smaller than the stride; 0 unless given.</param>
    /// <param name="groups">Blocked connections: C_in and C_out must both divide by it.</param>
    /// <param name="dilation">Spacing between kernel taps; 1 unless given.</param>
    /// <returns>The same values as <see cref="ConvTranspose1d"/> without a bias, to rounding.</returns>
    /// <exception cref="ArgumentException">The input is not 3-D, 4-D or 5-D, a list has neither 1 value nor one per spatial dimension, or an output padding is not smaller than its stride.</exception>
    public static Tensor ConvTransposeAdjoint(Tensor input, Tensor weight, long[]? stride = null, long[]? padding = null, long[]? outputPadding = null, long groups = 1, long[]? dilation = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        var rank = input.Rank - 2;
        if (rank is < 1 or > 3)
        {
            throw new ArgumentException($"input must be 3-D, 4-D or 5-D (N, C_in, spatial…); received shape {Tuples.Format(input.Shape)}.", nameof(input));
        }

        var strides = PerDimension(stride, 1, rank, nameof(stride));
        var paddings = PerDimension(padding, 0, rank, nameof(padding));
        var outputPaddings = PerDimension(outputPadding, 0, rank, nameof(outputPadding));
        var dilations = PerDimension(dilation, 1, rank, nameof(dilation));
        for (var i = 0; i < rank; i++)
        {
            if (outputPaddings[i] < 0 || outputPaddings[i] >= strides[i])
            {
                throw new ArgumentException(
                    $"outputPadding {Tuples.Format(outputPaddings)} must be 0 or more and smaller than the stride {Tuples.Format(strides)} in every dimension (dimension {i} is not).", nameof(outputPadding));
            }
        }

        return Tensor.Wrap(NativeMethods.LFT_conv_transpose_adjoint(input.Handle, weight.Handle, strides, paddings, outputPaddings, dilations, rank, groups));
    }

    /// <summary>
    /// <c>torch.nn.functional.fold</c> (libtorch's col2im): sums sliding-block columns (N, C·kh·kw, L) into an image
    /// (N, C, H, W), each block's values added where it lies; differentiable (the backward is unfold).
    /// </summary>
    /// <param name="input">The columns (N, C·kh·kw, L), where L is the number of block positions.</param>
    /// <param name="outputSize">The image's (H, W).</param>
    /// <param name="kernelSize">The block's (kh, kw).</param>
    /// <param name="dilation">The block's dilation; (1, 1) unless given.</param>
    /// <param name="padding">The image's padding, cropped from both sides; (0, 0) unless given.</param>
    /// <param name="stride">The blocks' stride; (1, 1) unless given.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentException">An argument does not have two values.</exception>
    /// <exception cref="TorchException">The shapes do not agree (libtorch's message).</exception>
    public static Tensor Fold(Tensor input, long[] outputSize, long[] kernelSize, long[]? dilation = null, long[]? padding = null, long[]? stride = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        dilation ??= [1, 1];
        padding ??= [0, 0];
        stride ??= [1, 1];
        foreach (var (values, name) in new[] { (outputSize, nameof(outputSize)), (kernelSize, nameof(kernelSize)), (dilation, nameof(dilation)), (padding, nameof(padding)), (stride, nameof(stride)) })
        {
            if (values is null || values.Length != 2)
            {
                throw new ArgumentException($"{name} must have 2 values (height, width); received {(values is null ? "null" : Tuples.Format(values))}.", name);
            }
        }

        return Tensor.Wrap(NativeMethods.LFT_col2im(input.Handle, outputSize, kernelSize, dilation, padding, stride));
    }

    /// <summary>A list given as one value for all spatial dimensions, or one per dimension, as one per dimension.</summary>
    private static long[] PerDimension(long[]? values, long fallback, int rank, string name)
    {
        if (values is null)
        {
            return [.. Enumerable.Repeat(fallback, rank)];
        }

        if (values.Length == 1)
        {
            return [.. Enumerable.Repeat(values[0], rank)];
        }

        return values.Length == rank
            ? values
            : throw new ArgumentException($"{name} must have 1 value or {rank} (one per spatial dimension); received {Tuples.Format(values)}.", name);
    }

    private static Tensor Convolution(int rank, Tensor input, Tensor weight, Tensor? bias, long[]? stride, long[]? padding, long[]? dilation, long groups)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        stride ??= [1];
        padding ??= [0];
        dilation ??= [1];
        var handle = rank switch
        {
            1 => NativeMethods.LFT_conv1d(input.Handle, weight.Handle, Tensor.HandleOf(bias), stride, stride.Length, padding, padding.Length, dilation, dilation.Length, groups),
            2 => NativeMethods.LFT_conv2d(input.Handle, weight.Handle, Tensor.HandleOf(bias), stride, stride.Length, padding, padding.Length, dilation, dilation.Length, groups),
            _ => NativeMethods.LFT_conv3d(input.Handle, weight.Handle, Tensor.HandleOf(bias), stride, stride.Length, padding, padding.Length, dilation, dilation.Length, groups),
        };
        return Tensor.Wrap(handle);
    }

    private static Tensor ConvolutionTranspose(int rank, Tensor input, Tensor weight, Tensor? bias, long[]? stride, long[]? padding, long[]? outputPadding, long groups, long[]? dilation)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (input.Dtype == ScalarType.BFloat16 || weight.Dtype == ScalarType.BFloat16)
        {
            return ConvolutionTransposeViaFloat32(rank, input, weight, bias, stride, padding, outputPadding, groups, dilation);
        }

        stride ??= [1];
        padding ??= [0];
        outputPadding ??= [0];
        dilation ??= [1];
        var handle = rank switch
        {
            1 => NativeMethods.LFT_conv_transpose1d(input.Handle, weight.Handle, Tensor.HandleOf(bias), stride, stride.Length, padding, padding.Length, outputPadding, outputPadding.Length, groups, dilation, dilation.Length),
            2 => NativeMethods.LFT_conv_transpose2d(input.Handle, weight.Handle, Tensor.HandleOf(bias), stride, stride.Length, padding, padding.Length, outputPadding, outputPadding.Length, groups, dilation, dilation.Length),
            _ => NativeMethods.LFT_conv_transpose3d(input.Handle, weight.Handle, Tensor.HandleOf(bias), stride, stride.Length, padding, padding.Length, outputPadding, outputPadding.Length, groups, dilation, dilation.Length),
        };
        return Tensor.Wrap(handle);
    }

    /// <summary>
    /// libtorch 1.13's bfloat16 CPU kernel for transposed convolution silently computes a forward convolution
    /// instead (wrong shape and values; Debian's python3-torch 1.13 does the same), so bfloat16 operands are
    /// widened to float32, convolved, and the result narrowed back. The casts are differentiable: gradients
    /// reach the bfloat16 operands as bfloat16.
    /// </summary>
    private static Tensor ConvolutionTransposeViaFloat32(int rank, Tensor input, Tensor weight, Tensor? bias, long[]? stride, long[]? padding, long[]? outputPadding, long groups, long[]? dilation)
    {
        using var wideInput = input.To(ScalarType.Float32);
        using var wideWeight = weight.To(ScalarType.Float32);
        using var wideBias = bias?.To(ScalarType.Float32);
        using var wideOutput = ConvolutionTranspose(rank, wideInput, wideWeight, wideBias, stride, padding, outputPadding, groups, dilation);
        return wideOutput.To(ScalarType.BFloat16);
    }
}

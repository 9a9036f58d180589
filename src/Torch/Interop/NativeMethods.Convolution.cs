// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;

namespace LayersFramework.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_conv1d(TensorHandle input, TensorHandle weight, TensorHandle bias, long[] stride, int strideLength, long[] padding, int paddingLength, long[] dilation, int dilationLength, long groups);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_conv2d(TensorHandle input, TensorHandle weight, TensorHandle bias, long[] stride, int strideLength, long[] padding, int paddingLength, long[] dilation, int dilationLength, long groups);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_conv3d(TensorHandle input, TensorHandle weight, TensorHandle bias, long[] stride, int strideLength, long[] padding, int paddingLength, long[] dilation, int dilationLength, long groups);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_conv_transpose1d(TensorHandle input, TensorHandle weight, TensorHandle bias, long[] stride, int strideLength, long[] padding, int paddingLength, long[] outputPadding, int outputPaddingLength, long groups, long[] dilation, int dilationLength);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_conv_transpose2d(TensorHandle input, TensorHandle weight, TensorHandle bias, long[] stride, int strideLength, long[] padding, int paddingLength, long[] outputPadding, int outputPaddingLength, long groups, long[] dilation, int dilationLength);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_conv_transpose3d(TensorHandle input, TensorHandle weight, TensorHandle bias, long[] stride, int strideLength, long[] padding, int paddingLength, long[] outputPadding, int outputPaddingLength, long groups, long[] dilation, int dilationLength);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_col2im(TensorHandle input, long[] outputSize, long[] kernelSize, long[] dilation, long[] padding, long[] stride);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_conv_transpose_adjoint(TensorHandle input, TensorHandle weight, long[] stride, long[] padding, long[] outputPadding, long[] dilation, int rank, long groups);
}

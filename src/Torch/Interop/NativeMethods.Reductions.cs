// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;

namespace LayersFramework.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_sum(TensorHandle tensor);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_sum_dims(TensorHandle tensor, long[] dims, int ndims, [MarshalAs(UnmanagedType.I1)] bool keepDim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_mean(TensorHandle tensor);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_mean_dims(TensorHandle tensor, long[] dims, int ndims, [MarshalAs(UnmanagedType.I1)] bool keepDim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_max(TensorHandle tensor);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_min(TensorHandle tensor);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_amax(TensorHandle tensor, long[] dims, int ndims, [MarshalAs(UnmanagedType.I1)] bool keepDim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_amin(TensorHandle tensor, long[] dims, int ndims, [MarshalAs(UnmanagedType.I1)] bool keepDim);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_max_dim(TensorHandle tensor, long dim, [MarshalAs(UnmanagedType.I1)] bool keepDim, out IntPtr values, out IntPtr indices);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_min_dim(TensorHandle tensor, long dim, [MarshalAs(UnmanagedType.I1)] bool keepDim, out IntPtr values, out IntPtr indices);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_argmax(TensorHandle tensor, [MarshalAs(UnmanagedType.I1)] bool hasDim, long dim, [MarshalAs(UnmanagedType.I1)] bool keepDim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_argmin(TensorHandle tensor, [MarshalAs(UnmanagedType.I1)] bool hasDim, long dim, [MarshalAs(UnmanagedType.I1)] bool keepDim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_var(TensorHandle tensor, long[]? dims, int ndims, long correction, [MarshalAs(UnmanagedType.I1)] bool keepDim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_std(TensorHandle tensor, long[]? dims, int ndims, long correction, [MarshalAs(UnmanagedType.I1)] bool keepDim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_logsumexp(TensorHandle tensor, long[] dims, int ndims, [MarshalAs(UnmanagedType.I1)] bool keepDim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_linalg_vector_norm(TensorHandle tensor, double ord, long[]? dims, int ndims, [MarshalAs(UnmanagedType.I1)] bool keepDim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_linalg_matrix_norm(TensorHandle tensor, double ord, long dim0, long dim1, [MarshalAs(UnmanagedType.I1)] bool keepDim);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr LFT_linalg_matrix_norm_named(TensorHandle tensor, string ord, long dim0, long dim1, [MarshalAs(UnmanagedType.I1)] bool keepDim);
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;

namespace LayersFramework.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_reshape(TensorHandle tensor, long[] shape, int ndim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_view(TensorHandle tensor, long[] shape, int ndim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_permute(TensorHandle tensor, long[] dims, int ndim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_transpose(TensorHandle tensor, long dim0, long dim1);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_narrow(TensorHandle tensor, long dim, long start, long length);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_slice(TensorHandle tensor, long dim, long start, long end, long step);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_select(TensorHandle tensor, long dim, long index);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_index_select(TensorHandle tensor, long dim, TensorHandle index);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_cat(IntPtr[] tensors, int count, long dim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_stack(IntPtr[] tensors, int count, long dim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_squeeze(TensorHandle tensor);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_squeeze_dim(TensorHandle tensor, long dim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_unsqueeze(TensorHandle tensor, long dim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_expand(TensorHandle tensor, long[] shape, int ndim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_repeat(TensorHandle tensor, long[] repeats, int ndim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_flatten(TensorHandle tensor, long startDim, long endDim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_flip(TensorHandle tensor, long[] dims, int ndim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_diagonal(TensorHandle tensor, long offset, long dim1, long dim2);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr LFT_Tensor_pad(TensorHandle tensor, long[] pads, int count, string mode, double value);
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;

namespace LayersFramework.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(LibraryName)]
    internal static partial void LFT_Tensor_free(IntPtr tensor);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_alias(TensorHandle tensor);

    [LibraryImport(LibraryName)]
    internal static partial long LFT_Tensor_ndim(TensorHandle tensor);

    [LibraryImport(LibraryName)]
    internal static unsafe partial long LFT_Tensor_sizes(TensorHandle tensor, long* output, int capacity);

    [LibraryImport(LibraryName)]
    internal static unsafe partial long LFT_Tensor_strides(TensorHandle tensor, long* output, int capacity);

    [LibraryImport(LibraryName)]
    internal static partial long LFT_Tensor_numel(TensorHandle tensor);

    [LibraryImport(LibraryName)]
    internal static partial ScalarType LFT_Tensor_dtype(TensorHandle tensor);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_is_contiguous(TensorHandle tensor, MemoryFormat memoryFormat);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_item(TensorHandle tensor, out double value);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_to_dtype(TensorHandle tensor, ScalarType dtype);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_contiguous(TensorHandle tensor, MemoryFormat memoryFormat);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_clone(TensorHandle tensor, MemoryFormat memoryFormat);

    [LibraryImport(LibraryName)]
    internal static unsafe partial IntPtr LFT_Tensor_from_buffer(void* data, ScalarType dtype, long[] shape, int ndim);

    [LibraryImport(LibraryName)]
    internal static unsafe partial int LFT_Tensor_copy_to_buffer(TensorHandle tensor, ScalarType dtype, void* buffer, long numel);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_to_string(TensorHandle tensor);
}

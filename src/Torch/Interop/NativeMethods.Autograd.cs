// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;

namespace LayersFramework.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_requires_grad(TensorHandle tensor);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_set_requires_grad(TensorHandle tensor, [MarshalAs(UnmanagedType.I1)] bool requiresGrad);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_is_leaf(TensorHandle tensor);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_retain_grad(TensorHandle tensor);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_backward(TensorHandle tensor, TensorHandle gradient, sbyte retainGraph, [MarshalAs(UnmanagedType.I1)] bool createGraph);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_grad(TensorHandle tensor, out IntPtr gradient);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_set_grad(TensorHandle tensor, TensorHandle gradient);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_detach(TensorHandle tensor);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_grad_fn_name(TensorHandle tensor);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_grad_enabled();

    [LibraryImport(LibraryName)]
    internal static partial void LFT_set_grad_enabled([MarshalAs(UnmanagedType.I1)] bool enabled);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_autograd_grad(IntPtr[] outputs, int outputCount, IntPtr[] inputs, int inputCount, IntPtr[]? gradOutputs, sbyte retainGraph, [MarshalAs(UnmanagedType.I1)] bool createGraph, [MarshalAs(UnmanagedType.I1)] bool allowUnused, [Out] IntPtr[] results);
}

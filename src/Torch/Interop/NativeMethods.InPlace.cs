// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;

namespace LayersFramework.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_add_(TensorHandle tensor, TensorHandle other, double alpha);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_add_scalar_(TensorHandle tensor, double value);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_mul_(TensorHandle tensor, TensorHandle other);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_mul_scalar_(TensorHandle tensor, double value);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_div_(TensorHandle tensor, TensorHandle other);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_div_scalar_(TensorHandle tensor, double value);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_addcmul_(TensorHandle tensor, TensorHandle a, TensorHandle b, double value);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_addcdiv_(TensorHandle tensor, TensorHandle a, TensorHandle b, double value);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_lerp_(TensorHandle tensor, TensorHandle end, double weight);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_maximum_(TensorHandle tensor, TensorHandle other);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_sqrt_(TensorHandle tensor);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_copy_(TensorHandle tensor, TensorHandle source);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_zero_(TensorHandle tensor);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_fill_(TensorHandle tensor, double value);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_clamp_(TensorHandle tensor, [MarshalAs(UnmanagedType.I1)] bool hasMin, double min, [MarshalAs(UnmanagedType.I1)] bool hasMax, double max);
}

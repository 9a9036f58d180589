// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;

namespace LayersFramework.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_binary_cross_entropy(TensorHandle input, TensorHandle target, TensorHandle weight, long reduction);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_binary_cross_entropy_with_logits(TensorHandle input, TensorHandle target, TensorHandle weight, TensorHandle posWeight, long reduction);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_mse_loss(TensorHandle input, TensorHandle target, long reduction);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_l1_loss(TensorHandle input, TensorHandle target, long reduction);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_huber_loss(TensorHandle input, TensorHandle target, long reduction, double delta);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_cross_entropy_loss(TensorHandle input, TensorHandle target, TensorHandle weight, long reduction, long ignoreIndex, double labelSmoothing);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_nll_loss(TensorHandle input, TensorHandle target, TensorHandle weight, long reduction, long ignoreIndex);
}

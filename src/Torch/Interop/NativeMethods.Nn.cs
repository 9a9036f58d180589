// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;

namespace LayersFramework.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_batch_norm(TensorHandle input, TensorHandle weight, TensorHandle bias, TensorHandle runningMean, TensorHandle runningVar, [MarshalAs(UnmanagedType.I1)] bool training, double momentum, double eps);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_dropout(TensorHandle input, double p, [MarshalAs(UnmanagedType.I1)] bool training);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_relu(TensorHandle x);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_relu6(TensorHandle x);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_selu(TensorHandle x);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_sigmoid(TensorHandle x);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_tanh(TensorHandle x);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_silu(TensorHandle x);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_hardsigmoid(TensorHandle x);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_hardswish(TensorHandle x);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_mish(TensorHandle x);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_leaky_relu(TensorHandle x, double negativeSlope);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_elu(TensorHandle x, double alpha);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr LFT_gelu(TensorHandle x, string approximate);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_softplus(TensorHandle x, double beta, double threshold);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_softmax(TensorHandle x, long dim);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_log_softmax(TensorHandle x, long dim);
}

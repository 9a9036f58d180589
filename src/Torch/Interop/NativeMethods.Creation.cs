// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;

namespace LayersFramework.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_empty(long[] shape, int ndim, ScalarType dtype);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_zeros(long[] shape, int ndim, ScalarType dtype);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_ones(long[] shape, int ndim, ScalarType dtype);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_full(long[] shape, int ndim, double value, ScalarType dtype);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_scalar_tensor(double value, ScalarType dtype);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_arange(double start, double end, double step, ScalarType dtype);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_linspace(double start, double end, long steps, ScalarType dtype);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_eye(long n, long m, ScalarType dtype);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_zeros_like(TensorHandle tensor);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_ones_like(TensorHandle tensor);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_full_like(TensorHandle tensor, double value);
}

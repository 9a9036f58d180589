// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;

namespace LayersFramework.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_matmul(TensorHandle a, TensorHandle b);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_outer(TensorHandle a, TensorHandle b);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LFT_linalg_qr(TensorHandle a, string mode, out IntPtr q, out IntPtr r);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_linalg_svd(TensorHandle a, [MarshalAs(UnmanagedType.I1)] bool fullMatrices, out IntPtr u, out IntPtr s, out IntPtr vh);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_linalg_svdvals(TensorHandle a);
}

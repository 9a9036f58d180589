// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;

namespace LayersFramework.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(LibraryName)]
    internal static partial int LFT_last_error_kind();

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_last_error_message();

    [LibraryImport(LibraryName)]
    internal static partial void LFT_clear_error();

    [LibraryImport(LibraryName)]
    internal static partial int LFT_test_throw(int kind);
}

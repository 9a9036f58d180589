// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;

namespace LayersFramework.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(LibraryName)]
    internal static partial int LFT_get_num_threads();

    [LibraryImport(LibraryName)]
    internal static partial int LFT_set_num_threads(int threads);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_built_torch_version();

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_show_config();

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_parallel_info();

    [LibraryImport(LibraryName)]
    internal static partial int LFT_has_mkldnn();

    [LibraryImport(LibraryName)]
    internal static partial int LFT_has_openmp();

    [LibraryImport(LibraryName)]
    internal static partial int LFT_has_lapack();
}

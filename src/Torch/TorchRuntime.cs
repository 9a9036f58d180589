// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch;

/// <summary>The libtorch runtime of this process: threads, the default random seed, and what was loaded.</summary>
public static class TorchRuntime
{
    // Whether libtorch was built with oneDNN is fixed for the process; the transposed convolution asks on every call.
    private static readonly Lazy<bool> OneDnn = new(() => NativeErrors.Check(NativeMethods.LFT_has_mkldnn()) == 1);

    /// <summary>
    /// Gets or sets the number of intra-op threads libtorch uses. It starts at the processor count unless the
    /// <c>OMP_NUM_THREADS</c> environment variable chooses.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is less than 1.</exception>
    public static int IntraOpThreads
    {
        get => NativeErrors.Check(NativeMethods.LFT_get_num_threads());
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            NativeErrors.Check(NativeMethods.LFT_set_num_threads(value));
        }
    }

    /// <summary>Gets a value indicating whether libtorch was built with oneDNN (MKL-DNN), which it uses for some convolutions.</summary>
    public static bool OneDnnAvailable => OneDnn.Value;

    /// <summary>Seeds libtorch's default generator, which random operations use when no <see cref="Generator"/> is given.</summary>
    /// <param name="seed">The seed.</param>
    public static void ManualSeed(ulong seed) => NativeErrors.Check(NativeMethods.LFT_manual_seed(seed));

    /// <summary>Describes the runtime: libtorch's version and file, the BLAS library actually loaded, threads and oneDNN.</summary>
    /// <returns>The report; its <see cref="RuntimeReport.ToString"/> is a readable block of text.</returns>
    public static RuntimeReport Report()
    {
        var config = Marshal.PtrToStringUTF8(NativeErrors.Check(NativeMethods.LFT_show_config())) ?? string.Empty;
        var built = Marshal.PtrToStringUTF8(NativeMethods.LFT_built_torch_version()) ?? string.Empty;
        var parallel = Marshal.PtrToStringUTF8(NativeErrors.Check(NativeMethods.LFT_parallel_info())) ?? string.Empty;
        var libraries = LoadedLibraries();
        var torchPath = libraries.FirstOrDefault(p => Path.GetFileName(p).StartsWith("libtorch_cpu.so", StringComparison.Ordinal));
        var blas = BlasLibrary.Identify(libraries);
        return new RuntimeReport(
            LibTorchVersion: NativeLibraryLoader.ParseTorchVersion(config) ?? "unknown",
            BuiltAgainstVersion: built,
            LibTorchPath: torchPath ?? "unknown",
            Blas: blas,
            IntraOpThreads: IntraOpThreads,
            OneDnnAvailable: OneDnnAvailable,
            OpenMpAvailable: NativeErrors.Check(NativeMethods.LFT_has_openmp()) == 1,
            LapackAvailable: NativeErrors.Check(NativeMethods.LFT_has_lapack()) == 1,
            ParallelInfo: parallel.Trim());
    }

    /// <summary>The files of the shared libraries mapped into this process, from <c>/proc/self/maps</c>.</summary>
    private static List<string> LoadedLibraries()
    {
        const string Maps = "/proc/self/maps";
        if (!File.Exists(Maps))
        {
            return [];
        }

        return File.ReadLines(Maps)
            .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var start and >= 0 ? line[start..] : null)
            .OfType<string>()
            .Where(path => path.Contains(".so", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}

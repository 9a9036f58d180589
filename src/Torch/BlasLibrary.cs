// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace LayersFramework.Torch;

/// <summary>The BLAS library that libtorch's matrix products actually run on in this process.</summary>
/// <param name="Name">"OpenBLAS", "Intel MKL", "BLIS", "reference BLAS" or "unknown".</param>
/// <param name="Path">The file mapped into the process, or "not loaded".</param>
/// <param name="Details">What the library says of itself (OpenBLAS's build configuration), or empty.</param>
public sealed record BlasLibrary(string Name, string Path, string Details)
{
    /// <summary>Gets a value indicating whether this is Netlib's reference BLAS, which makes libtorch tens of times slower.</summary>
    public bool IsReference => Name == "reference BLAS";

    /// <summary>Identifies the BLAS among the libraries mapped into the process.</summary>
    /// <param name="loadedLibraries">Paths of the loaded shared libraries.</param>
    /// <returns>The BLAS found.</returns>
    internal static BlasLibrary Identify(IReadOnlyCollection<string> loadedLibraries)
    {
        var candidates = loadedLibraries
            .Where(p => System.IO.Path.GetFileName(p) is var file
                && (file.StartsWith("libblas.so", StringComparison.Ordinal)
                    || file.StartsWith("libopenblas", StringComparison.Ordinal)
                    || file.StartsWith("libmkl_rt", StringComparison.Ordinal)
                    || file.StartsWith("libblis", StringComparison.Ordinal)))
            .ToList();
        foreach (var path in candidates)
        {
            var openBlasConfig = OpenBlasConfig(path);
            if (openBlasConfig is not null)
            {
                return new BlasLibrary("OpenBLAS", path, openBlasConfig);
            }
        }

        var first = candidates.FirstOrDefault();
        if (first is null)
        {
            return new BlasLibrary("unknown", "not loaded", string.Empty);
        }

        var name = first switch
        {
            _ when first.Contains("mkl", StringComparison.Ordinal) => "Intel MKL",
            _ when first.Contains("blis", StringComparison.Ordinal) => "BLIS",
            _ when first.Contains("/blas/", StringComparison.Ordinal) || first.Contains("netlib", StringComparison.Ordinal) => "reference BLAS",
            _ => "unknown",
        };
        return new BlasLibrary(name, first, string.Empty);
    }

    /// <summary>Asks a loaded library for OpenBLAS's <c>openblas_get_config()</c>; null if it has none.</summary>
    private static unsafe string? OpenBlasConfig(string path)
    {
        if (!File.Exists(path) || !NativeLibrary.TryLoad(path, out var library))
        {
            return null;
        }

        try
        {
            return NativeLibrary.TryGetExport(library, "openblas_get_config", out var export)
                ? Marshal.PtrToStringUTF8(((delegate* unmanaged<IntPtr>)export)())?.Trim()
                : null;
        }
        finally
        {
            NativeLibrary.Free(library);
        }
    }
}

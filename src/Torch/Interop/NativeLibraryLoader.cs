// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace LayersFramework.Torch.Interop;

/// <summary>
/// Finds and loads the native shim for <see cref="NativeMethods"/>, explains what is missing when it
/// cannot, checks that the libtorch it loaded is the version it was built against, and applies the
/// default thread count.
/// </summary>
internal static partial class NativeLibraryLoader
{
    /// <summary>The command, run from the repository root, that installs everything the binding needs.</summary>
    internal const string SetupCommand = "./scripts/setup.sh";

    private const string ShimFileName = "libLayersFramework.Torch.Native.so";
    private const string LibTorchFileName = "libtorch_cpu.so.1.13";

    private static readonly object Gate = new();
    private static IntPtr shim;

    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != NativeMethods.LibraryName)
        {
            return IntPtr.Zero;
        }

        lock (Gate)
        {
            if (shim == IntPtr.Zero)
            {
                var assemblyDirectory = Path.GetDirectoryName(typeof(NativeLibraryLoader).Assembly.Location);
                var loaded = Load([AppContext.BaseDirectory, assemblyDirectory ?? AppContext.BaseDirectory], LibTorchFileName);
                CheckVersion(loaded);
                ApplyDefaultThreads(loaded);
                shim = loaded;
            }

            return shim;
        }
    }

    /// <summary>Loads the shim from the first of <paramref name="directories"/> that has it.</summary>
    /// <param name="directories">Where to look: the application's folder, then the binding assembly's.</param>
    /// <param name="libTorchFileName">The libtorch library the shim depends on, probed to explain a failure.</param>
    internal static IntPtr Load(IReadOnlyList<string> directories, string libTorchFileName)
    {
        var path = directories.Select(directory => Path.Combine(directory, ShimFileName)).FirstOrDefault(File.Exists)
            ?? throw new TorchNotAvailableException(
                $"The native shim {ShimFileName} is not in {string.Join(" or ", directories.Select(Path.TrimEndingDirectorySeparator).Distinct())}. " +
                "Reference src/Torch/LayersFramework.Torch.csproj with a " +
                "ProjectReference and build with `dotnet build`, which compiles the shim with CMake and copies it " +
                $"to the output folder (the tools it needs come from {SetupCommand}).");

        if (NativeLibrary.TryLoad(path, out var handle))
        {
            return handle;
        }

        if (!NativeLibrary.TryLoad(libTorchFileName, out _))
        {
            throw new TorchNotAvailableException(
                $"libtorch 1.13 ({libTorchFileName}) could not be loaded, and the native shim {path} needs it. " +
                $"Install Debian's libtorch with {SetupCommand} (it runs apt-get install libtorch-dev " +
                "libopenblas0-openmp cmake g++).");
        }

        // libtorch is there, so the shim itself is broken; let the loader say why.
        try
        {
            return NativeLibrary.Load(path);
        }
        catch (DllNotFoundException e)
        {
            throw new TorchNotAvailableException(
                $"The native shim {path} exists but could not be loaded: {e.Message} Rebuild it with " +
                "`dotnet build` (delete src/Torch/obj/native to force a clean CMake build).", e);
        }
    }

    private static unsafe void CheckVersion(IntPtr library)
    {
        var builtFunction = (delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(library, "LFT_built_torch_version");
        var configFunction = (delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(library, "LFT_show_config");
        CheckVersion(Marshal.PtrToStringUTF8(builtFunction()) ?? string.Empty, Marshal.PtrToStringUTF8(configFunction()) ?? string.Empty);
    }

    /// <summary>Throws unless the loaded libtorch (its show_config text) has the major.minor version the shim was built against.</summary>
    /// <param name="built">The TORCH_VERSION of the headers the shim was compiled with.</param>
    /// <param name="loadedConfig">The loaded libtorch's at::show_config() text.</param>
    internal static void CheckVersion(string built, string loadedConfig)
    {
        var loaded = ParseTorchVersion(loadedConfig);
        if (loaded is null || MajorMinor(loaded) != MajorMinor(built))
        {
            throw new TorchNotAvailableException(
                $"The native shim was built against libtorch {built} but the libtorch loaded reports " +
                $"{loaded ?? "no version"}. Rebuild the shim against the installed libtorch-dev with `dotnet build` " +
                $"(delete src/Torch/obj/native first), or install libtorch 1.13 with {SetupCommand}.");
        }
    }

    private static unsafe void ApplyDefaultThreads(IntPtr library)
    {
        // Debian's libtorch starts with one intra-op thread on small machines unless OMP_NUM_THREADS is set;
        // use every processor unless the user chose a number.
        if (Environment.GetEnvironmentVariable("OMP_NUM_THREADS") is not null)
        {
            return;
        }

        var setThreads = (delegate* unmanaged<int, int>)NativeLibrary.GetExport(library, "LFT_set_num_threads");
        setThreads(Environment.ProcessorCount);
    }

    /// <summary>Reads <c>TORCH_VERSION=x.y.z</c> out of libtorch's <c>at::show_config()</c> text.</summary>
    internal static string? ParseTorchVersion(string config)
    {
        var match = TorchVersionPattern().Match(config);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static string MajorMinor(string version)
    {
        var parts = version.Split('.');
        return parts.Length >= 2
            ? string.Create(CultureInfo.InvariantCulture, $"{parts[0]}.{parts[1]}")
            : version;
    }

    [GeneratedRegex(@"TORCH_VERSION=([0-9][0-9.]*[0-9])")]
    private static partial Regex TorchVersionPattern();
}

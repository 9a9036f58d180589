// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace LayersFramework.Engine;

/// <summary>
/// Asks the loaded libtorch what it was built with, through C++ functions TorchSharp does not bind:
/// <c>at::show_config()</c>, <c>at::get_parallel_info()</c> and <c>at::Context::hasMKLDNN()</c> and its siblings.
/// </summary>
/// <remarks>
/// <para>
/// The functions are looked up by their mangled names in <c>libtorch_cpu.so</c> and called through function
/// pointers. This is done on Linux x64 only, where the ABI is known: the System V calling convention, and GCC's
/// <c>std::string</c> (the "cxx11" ABI, which the <c>B5cxx11</c> in the names confirms) of 32 bytes,
/// <c>{ char* data; size_t length; char local[16] or size_t capacity; }</c>, returned through a hidden pointer to
/// storage the caller provides (the first argument). Each string is released with libstdc++'s own destructor.
/// The static <c>at::Context::has*()</c> functions take nothing and return a one-byte C++ <c>bool</c>.
/// </para>
/// <para>
/// Anything missing (another platform, a libtorch without a symbol, libtorch not mapped) yields null, never an
/// exception: the report then says "unknown" or "not reported on this platform". The functions called do not throw.
/// </para>
/// </remarks>
internal static unsafe class LibTorchIntrospection
{
    private const string ShowConfigSymbol = "_ZN2at11show_configB5cxx11Ev";
    private const string ParallelInfoSymbol = "_ZN2at17get_parallel_infoB5cxx11Ev";
    private const string HasMkldnnSymbol = "_ZN2at7Context9hasMKLDNNEv";
    private const string HasMklSymbol = "_ZN2at7Context6hasMKLEv";
    private const string HasOpenMpSymbol = "_ZN2at7Context9hasOpenMPEv";
    private const string HasLapackSymbol = "_ZN2at7Context9hasLAPACKEv";

    // std::__cxx11::basic_string<char>::~basic_string(), exported by libstdc++ (an explicit instantiation).
    private const string StringDestructorSymbol = "_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEED1Ev";

    // Longer "strings" mean the layout assumption is wrong: read nothing rather than garbage.
    private const int MaxStringLength = 1 << 20;

    /// <summary>Gets a value indicating whether this platform's C++ ABI is the one the calls assume.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>The files of the shared libraries mapped into this process, from <c>/proc/self/maps</c> (empty elsewhere).</summary>
    /// <returns>Their paths, each once.</returns>
    public static IReadOnlyList<string> LoadedLibraries()
    {
        const string Maps = "/proc/self/maps";
        try
        {
            return File.Exists(Maps)
                ? File.ReadLines(Maps)
                    .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var start and >= 0 ? line[start..] : null)
                    .OfType<string>()
                    .Where(path => path.Contains(".so", StringComparison.Ordinal))
                    .Distinct(StringComparer.Ordinal)
                    .ToList()
                : [];
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>Reads what the libtorch_cpu file at <paramref name="path"/> (already loaded by TorchSharp) says of itself.</summary>
    /// <param name="path">The mapped libtorch_cpu file.</param>
    /// <returns>The answers; a null member was not found.</returns>
    public static Answers Ask(string path)
    {
        if (!IsSupported || !NativeLibrary.TryLoad(path, out var torch))
        {
            return new Answers(null, null, null, null, null, null);
        }

        var standard = NativeLibrary.TryLoad("libstdc++.so.6", out var library) ? library : IntPtr.Zero;
        try
        {
            var destructor = standard != IntPtr.Zero && NativeLibrary.TryGetExport(standard, StringDestructorSymbol, out var export)
                ? export
                : IntPtr.Zero;
            return new Answers(
                Config: CallString(torch, ShowConfigSymbol, destructor),
                ParallelInfo: CallString(torch, ParallelInfoSymbol, destructor),
                OneDnn: CallBool(torch, HasMkldnnSymbol),
                Mkl: CallBool(torch, HasMklSymbol),
                OpenMp: CallBool(torch, HasOpenMpSymbol),
                Lapack: CallBool(torch, HasLapackSymbol));
        }
        finally
        {
            // Only references this method took: TorchSharp's own keep both libraries loaded.
            if (standard != IntPtr.Zero)
            {
                NativeLibrary.Free(standard);
            }

            NativeLibrary.Free(torch);
        }
    }

    private static bool? CallBool(IntPtr library, string symbol) =>
        NativeLibrary.TryGetExport(library, symbol, out var function) ? ((delegate* unmanaged<byte>)function)() != 0 : null;

    private static string? CallString(IntPtr library, string symbol, IntPtr destructor)
    {
        if (destructor == IntPtr.Zero || !NativeLibrary.TryGetExport(library, symbol, out var function))
        {
            return null;
        }

        StdString value;
        ((delegate* unmanaged<StdString*, StdString*>)function)(&value);
        try
        {
            return value.Data is null || value.Length > MaxStringLength ? null : Encoding.UTF8.GetString(value.Data, (int)value.Length);
        }
        finally
        {
            ((delegate* unmanaged<StdString*, void>)destructor)(&value);
        }
    }

    /// <summary>What libtorch said; null where it could not be asked.</summary>
    /// <param name="Config">The text of <c>at::show_config()</c>.</param>
    /// <param name="ParallelInfo">The text of <c>at::get_parallel_info()</c>.</param>
    /// <param name="OneDnn">Whether libtorch has oneDNN (MKL-DNN).</param>
    /// <param name="Mkl">Whether libtorch has Intel MKL.</param>
    /// <param name="OpenMp">Whether libtorch parallelises with OpenMP.</param>
    /// <param name="Lapack">Whether libtorch has LAPACK.</param>
    internal sealed record Answers(string? Config, string? ParallelInfo, bool? OneDnn, bool? Mkl, bool? OpenMp, bool? Lapack);

    /// <summary>libstdc++'s <c>std::__cxx11::string</c>: 32 bytes, 8-aligned; the pointer may point into the value itself.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct StdString
    {
        public byte* Data;
        public nuint Length;
        public nuint Local0;
        public nuint Local1;
    }
}

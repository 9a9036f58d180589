// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using LayersFramework.NativeCompat;

// Usage: LayersFramework.NativeCompat <output folder> [system libstdc++ path]
// Fixes the copies of TorchSharp's native library under the folder, only when this machine's libstdc++ lacks the
// version they ask for (see LibstdcxxCompat). Idempotent; each change is written to a new file that replaces the old
// one, which also unlinks the copy from the NuGet cache when the build hard-linked it.
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: LayersFramework.NativeCompat <output folder> [libstdc++ path]");
    return 2;
}

var folder = args[0];
if (!Directory.Exists(folder))
{
    Console.Error.WriteLine($"native-compat: the output folder '{folder}' does not exist");
    return 2;
}

var libstdcxx = args.Length == 2 ? args[1] : SystemLibrary.Find(LibstdcxxCompat.LibraryName);
if (libstdcxx is null)
{
    return 0; // no GNU libstdc++ on this machine (musl, or not Linux): nothing TorchSharp could load against.
}

try
{
    if (new ElfImage(File.ReadAllBytes(libstdcxx)).DefinedVersions.Contains(LibstdcxxCompat.MissingVersion))
    {
        return 0;
    }

    foreach (var library in Directory.EnumerateFiles(folder, "libLibTorchSharp.so", SearchOption.AllDirectories))
    {
        var bytes = File.ReadAllBytes(library);
        if (LibstdcxxCompat.Apply(new ElfImage(bytes)) == CompatOutcome.MarkedWeak)
        {
            SystemLibrary.Replace(library, bytes);
            Console.WriteLine($"native-compat: {library}: {LibstdcxxCompat.MissingVersion} marked weak ({libstdcxx} lacks it)");
        }
    }

    return 0;
}
catch (Exception error) when (error is FormatException or InvalidOperationException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"native-compat: error: {error.Message}");
    return 1;
}

/// <summary>Where the dynamic loader finds a library, and how a fixed copy replaces one.</summary>
internal static class SystemLibrary
{
    /// <summary>The first file of that name in LD_LIBRARY_PATH or the loader's default folders, or null.</summary>
    public static string? Find(string name)
    {
        var multiarch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x86_64-linux-gnu",
            Architecture.Arm64 => "aarch64-linux-gnu",
            _ => string.Empty,
        };
        var folders = (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat([$"/lib/{multiarch}", $"/usr/lib/{multiarch}", "/lib64", "/usr/lib64", "/lib", "/usr/lib"]);
        return folders.Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists);
    }

    /// <summary>Writes the bytes beside the file and renames them over it, keeping its permissions.</summary>
    public static void Replace(string path, byte[] bytes)
    {
        var temporary = path + ".native-compat.tmp";
        File.WriteAllBytes(temporary, bytes);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
        }

        File.Move(temporary, path, overwrite: true);
    }
}

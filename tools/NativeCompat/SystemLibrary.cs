// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace LayersFramework.NativeCompat;

/// <summary>Where the dynamic loader finds a library, and how a fixed copy replaces one.</summary>
public static class SystemLibrary
{
    /// <summary>The first file of that name in LD_LIBRARY_PATH or the loader's default folders, or null.</summary>
    /// <param name="name">The file name, such as <c>libstdc++.so.6</c>.</param>
    /// <returns>Its path, or null.</returns>
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

    /// <summary>
    /// Writes the bytes to a new file beside <paramref name="path"/> and renames it over the old one, keeping its
    /// permissions and its last-write time.
    /// </summary>
    /// <remarks>
    /// A new file rather than a write in place: when the build hard-linked the output's copy to the NuGet cache, the
    /// cache's name keeps the original. The time is kept so that the build's incremental copy (same size, same time)
    /// takes the fixed file for up to date and does not link the original over it on the next build.
    /// </remarks>
    /// <param name="path">The file to replace.</param>
    /// <param name="bytes">Its new contents.</param>
    public static void Replace(string path, byte[] bytes)
    {
        var temporary = path + ".native-compat.tmp";
        try
        {
            File.WriteAllBytes(temporary, bytes);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
            }

            File.SetLastWriteTimeUtc(temporary, File.GetLastWriteTimeUtc(path));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary); // only left when something failed before the rename; Delete ignores a missing file
        }
    }
}

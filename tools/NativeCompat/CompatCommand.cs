// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LayersFramework.NativeCompat;

/// <summary>
/// The tool's command: <c>LayersFramework.NativeCompat &lt;output folder&gt; [libstdc++ path]</c>. Fixes the copies of
/// TorchSharp's native library under the folder, only when this machine's libstdc++ lacks the version they ask for
/// (see <see cref="LibstdcxxCompat"/>). Idempotent: a library already fixed is not written again.
/// </summary>
public static class CompatCommand
{
    /// <summary>The file name of TorchSharp's native library on Linux.</summary>
    public const string LibraryFileName = "libLibTorchSharp.so";

    /// <summary>Runs the command.</summary>
    /// <param name="args">The output folder, and optionally the libstdc++ to check instead of the loader's.</param>
    /// <param name="output">Where each change is reported.</param>
    /// <param name="error">Where usage and errors go, as MSBuild's canonical "origin: error: text" so a build shows them as errors.</param>
    /// <returns>0 on success (including nothing to do), 1 when a library could not be fixed, 2 on a usage error.</returns>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count is < 1 or > 2)
        {
            error.WriteLine("usage: LayersFramework.NativeCompat <output folder> [libstdc++ path]");
            return 2;
        }

        var folder = args[0];
        if (!Directory.Exists(folder))
        {
            error.WriteLine($"native-compat: error: the output folder '{folder}' does not exist");
            return 2;
        }

        var libstdcxx = args.Count == 2 ? args[1] : SystemLibrary.Find(LibstdcxxCompat.LibraryName);
        if (libstdcxx is null)
        {
            return 0; // no GNU libstdc++ on this machine (musl, or not Linux): nothing TorchSharp could load against.
        }

        var library = libstdcxx;
        try
        {
            if (new ElfImage(File.ReadAllBytes(libstdcxx)).DefinedVersions.Contains(LibstdcxxCompat.MissingVersion))
            {
                return 0;
            }

            // Listed before any change: a file renamed into a folder while it is being read may be listed again.
            foreach (var path in Directory.GetFiles(folder, LibraryFileName, SearchOption.AllDirectories))
            {
                library = path;
                var bytes = File.ReadAllBytes(path);
                if (LibstdcxxCompat.Apply(new ElfImage(bytes)) == CompatOutcome.MarkedWeak)
                {
                    SystemLibrary.Replace(path, bytes);
                    output.WriteLine($"native-compat: {path}: {LibstdcxxCompat.MissingVersion} marked weak ({libstdcxx} lacks it)");
                }
            }

            return 0;
        }
        catch (Exception failure) when (failure is FormatException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"native-compat: error: {library}: {failure.Message}");
            return 1;
        }
    }
}

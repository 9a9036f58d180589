// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.IO;

namespace LayersFramework.Training;

/// <summary>
/// Writes a file whole or not at all: into a temporary file beside it, flushed to disk, then renamed over it, so a
/// crash, a full disk or an exception mid-write leaves the previous file as it was.
/// </summary>
/// <remarks>
/// A write that fails removes its temporary file. One that cannot (its process was killed) leaves it, named after the
/// machine and the process; the destination's next write removes it once that process is gone, and leaves those of
/// live processes and of other machines alone.
/// </remarks>
public static class AtomicFile
{
    /// <summary>Gets or sets a hook the tests use to interrupt a write after the data is on disk and before it replaces the destination.</summary>
    internal static Action<string>? BeforeCommit { get; set; }

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; on failure the old file (if any) is untouched and no temporary file is left.</summary>
    /// <param name="path">The file; its folder is created if missing.</param>
    /// <param name="write">Writes the contents to the stream it is given (seekable, positioned at 0).</param>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        TemporaryFiles.RemoveStale(full);
        var temporary = TemporaryFiles.NewPath(full);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            BeforeCommit?.Invoke(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.IO;

namespace LayersFramework.Examples;

/// <summary>Writes a file whole or not at all: into a temporary file beside it, then renamed over it.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; on failure the old file (if any) is untouched and no temporary file is left.</summary>
    /// <param name="path">The file.</param>
    /// <param name="write">Writes the contents to the stream it is given.</param>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}

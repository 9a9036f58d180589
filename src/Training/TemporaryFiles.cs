// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace LayersFramework.Training;

/// <summary>
/// The temporary files written beside a destination (<see cref="AtomicFile"/>'s, and the safetensors writer's scratch
/// file): named <c>.name.machine.pid.guid.tmp</c>, after the destination, the machine and the process that writes
/// them, so that the ones a killed process left behind can be told from the ones a live writer is still using.
/// </summary>
/// <remarks>
/// A process killed mid-write (<c>kill -9</c>, the out-of-memory killer, a power cut) cannot remove its temporary
/// file; <see cref="RemoveStale"/> does, at the destination's next write. It removes only those this machine's
/// processes wrote, whose process no longer runs, and that were last written before the current process started:
/// never this process's own (another thread may be writing), a live process's, or another machine's (the folder may
/// be shared, and a process id means nothing there). A process id reused by a new process keeps its file until that
/// process ends, which only delays the clean-up.
/// </remarks>
internal static class TemporaryFiles
{
    private const string Extension = ".tmp";
    private static readonly Lazy<DateTime> ProcessStart = new(() =>
    {
        using var process = Process.GetCurrentProcess();
        return process.StartTime.ToUniversalTime();
    });

    /// <summary>A new temporary file's path beside <paramref name="destination"/>, owned by this process.</summary>
    /// <param name="destination">The full path of the file being written.</param>
    /// <returns>The path, in the destination's folder.</returns>
    public static string NewPath(string destination) =>
        Path.Combine(Folder(destination), string.Create(CultureInfo.InvariantCulture, $"{OwnPrefix(destination)}{Environment.ProcessId}.{Guid.NewGuid():N}{Extension}"));

    /// <summary>Deletes the temporary files of <paramref name="destination"/> that dead processes of this machine left; best effort.</summary>
    /// <param name="destination">The full path of the file about to be written.</param>
    public static void RemoveStale(string destination)
    {
        var prefix = OwnPrefix(destination);
        try
        {
            foreach (var file in Directory.EnumerateFiles(Folder(destination), $"{prefix}*{Extension}"))
            {
                if (WriterOf(Path.GetFileName(file), prefix) is int pid
                    && pid != Environment.ProcessId
                    && !IsRunning(pid)
                    && File.GetLastWriteTimeUtc(file) < ProcessStart.Value)
                {
                    File.Delete(file);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder that cannot be listed or a file that cannot be deleted: the write itself says what is wrong.
        }
    }

    private static string Folder(string destination) => Path.GetDirectoryName(destination)!;

    /// <summary>What this machine's temporary files of <paramref name="destination"/> start with.</summary>
    private static string OwnPrefix(string destination) => $".{Path.GetFileName(destination)}.{Environment.MachineName}.";

    /// <summary>The process id in a temporary file's name (<c>pid.guid.tmp</c> after the prefix), or null for a file named otherwise.</summary>
    private static int? WriterOf(string fileName, string prefix)
    {
        var parts = fileName[prefix.Length..^Extension.Length].Split('.');
        return parts is [var pid, var guid]
            && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && Guid.TryParseExact(guid, "N", out _)
                ? id
                : null;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return true;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
    }
}

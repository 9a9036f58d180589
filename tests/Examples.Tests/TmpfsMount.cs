// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;

namespace LayersFramework.Examples.Tests;

/// <summary>
/// A small tmpfs mounted on a new folder, to give a test a disk that fills up or turns read-only (as root, file
/// permissions stop nothing); unmounted and deleted on <see cref="Dispose"/>. Mounting needs root with CAP_SYS_ADMIN:
/// <see cref="WhyUnavailable"/> says when this machine cannot.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    private static readonly Lazy<string?> Probe = new(() =>
    {
        try
        {
            using var mount = new TmpfsMount(64 * 1024);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"tmpfs cannot be mounted here (it needs root with CAP_SYS_ADMIN): {e.Message}";
        }
    });

    /// <summary>Initializes a new instance of the <see cref="TmpfsMount"/> class: mounts a tmpfs of <paramref name="bytes"/> on a new folder.</summary>
    /// <param name="bytes">The file system's size.</param>
    /// <exception cref="InvalidOperationException">mount failed.</exception>
    public TmpfsMount(long bytes)
    {
        Folder = Directory.CreateTempSubdirectory("lf-tmpfs-").FullName;
        try
        {
            Run("mount", "-t", "tmpfs", "-o", string.Create(CultureInfo.InvariantCulture, $"size={bytes}"), "tmpfs", Folder);
        }
        catch
        {
            Directory.Delete(Folder);
            throw;
        }
    }

    /// <summary>Gets why tmpfs cannot be mounted on this machine, or null when it can.</summary>
    public static string? WhyUnavailable => OperatingSystem.IsLinux() ? Probe.Value : "tmpfs is Linux's";

    /// <summary>Gets the folder the tmpfs is mounted on.</summary>
    public string Folder { get; }

    /// <summary>Makes the file system read-only (it fails while a file in it is open for writing).</summary>
    public void RemountReadOnly() => Run("mount", "-o", "remount,ro", Folder);

    /// <summary>Makes the file system writable again.</summary>
    public void RemountWritable() => Run("mount", "-o", "remount,rw", Folder);

    /// <summary>Fills the file system to the last byte, so that any write of data fails with ENOSPC.</summary>
    /// <returns>The file that fills it; delete it to free the space.</returns>
    public string Fill()
    {
        var filler = Path.Combine(Folder, "filler");
        using var stream = new FileStream(filler, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0); // unbuffered: the write that fails is this one, not a flush at disposal
        var block = new byte[4096];
        try
        {
            while (true)
            {
                stream.Write(block);
            }
        }
        catch (IOException)
        {
            return filler;
        }
    }

    /// <summary>Unmounts the file system (lazily if a process still holds it) and deletes the folder.</summary>
    public void Dispose()
    {
        try
        {
            Run("umount", Folder);
        }
        catch (InvalidOperationException)
        {
            Run("umount", "-l", Folder);
        }

        Directory.Delete(Folder, recursive: true);
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Trim()}");
        }
    }
}

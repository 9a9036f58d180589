// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.IO;

namespace LayersFramework.Examples.FashionGan;

/// <summary>
/// The two write failures a user fixes outside the program, a full disk and a read-only file system, told from other
/// I/O errors by the error number .NET keeps in <see cref="Exception.HResult"/> (errno on Linux and macOS, an
/// HRESULT on Windows), and put in words.
/// </summary>
internal static class DiskFault
{
    private const int NoSpace = 28; // ENOSPC, Linux and macOS
    private const int ReadOnlyFileSystem = 30; // EROFS, Linux and macOS
    private const int WindowsDiskFull = unchecked((int)0x80070070); // ERROR_DISK_FULL
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027); // ERROR_HANDLE_DISK_FULL
    private const int WindowsWriteProtect = unchecked((int)0x80070013); // ERROR_WRITE_PROTECT

    /// <summary>Describes the disk fault behind <paramref name="exception"/>: the first I/O error in it or its inner exceptions.</summary>
    /// <param name="exception">What a write threw.</param>
    /// <param name="folder">The folder written to, named in the description.</param>
    /// <returns>What happened ("No space left in ...") and what to do about it; null for any other failure.</returns>
    public static (string What, string Remedy)? Describe(Exception exception, string folder)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is IOException io)
            {
                var quotaExceeded = OperatingSystem.IsMacOS() ? 69 : 122; // EDQUOT, which the user fixes as a full disk
                return io.HResult switch
                {
                    NoSpace or WindowsDiskFull or WindowsHandleDiskFull => ($"No space left in {folder}", "free some space"),
                    _ when !OperatingSystem.IsWindows() && io.HResult == quotaExceeded => ($"No space left in {folder} (disk quota)", "free some space"),
                    ReadOnlyFileSystem or WindowsWriteProtect => ($"{folder} became read-only", "make it writable"),
                    _ => null,
                };
            }
        }

        return null;
    }
}

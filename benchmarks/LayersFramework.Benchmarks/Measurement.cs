// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace LayersFramework.Benchmarks;

/// <summary>What every benchmark shares: timing, medians, and the resident memory of this process.</summary>
internal static partial class Measurement
{
    /// <summary>glibc's <c>M_TRIM_THRESHOLD</c>.</summary>
    private const int TrimThreshold = -1;

    /// <summary>glibc's <c>M_MMAP_THRESHOLD</c>.</summary>
    private const int MmapThreshold = -3;

    /// <summary>Runs <paramref name="action"/> once and returns how long it took, in milliseconds.</summary>
    /// <param name="action">What to time.</param>
    /// <returns>The milliseconds.</returns>
    public static double Milliseconds(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>The median of some values.</summary>
    /// <param name="values">The values; at least one.</param>
    /// <returns>The median (the mean of the middle two for an even count).</returns>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The geometric mean of some positive values.</summary>
    /// <param name="values">The values; at least one.</param>
    /// <returns>The geometric mean.</returns>
    public static double GeometricMean(IEnumerable<double> values) => Math.Exp(values.Average(Math.Log));

    /// <summary>A field of <c>/proc/self/status</c> in MiB: <c>VmRSS</c> (resident now) or <c>VmHWM</c> (the peak).</summary>
    /// <param name="field">The field's name.</param>
    /// <returns>The size, or 0 where there is no <c>/proc</c>.</returns>
    public static double ResidentMiB(string field)
    {
        const string Status = "/proc/self/status";
        if (!File.Exists(Status))
        {
            return 0;
        }

        foreach (var line in File.ReadLines(Status))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return 0;
    }

    /// <summary>Resets the process's peak resident set (Linux 4.0+), so that <c>VmHWM</c> measures from here.</summary>
    public static void ResetPeak()
    {
        if (File.Exists("/proc/self/clear_refs"))
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
    }

    /// <summary>
    /// Makes glibc give every block of 64 KiB or more its own mapping and return it to the system when freed, so that
    /// the resident set follows the memory in use. By default glibc keeps freed blocks for reuse (and raises its
    /// threshold as blocks are freed), so the resident set would show the most this process ever held, whichever
    /// side of a comparison held it. Only the memory probes call this, in a process of their own: it costs time.
    /// </summary>
    public static void ReturnFreedMemory()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = Mallopt(MmapThreshold, 64 * 1024);
            _ = Mallopt(TrimThreshold, 64 * 1024);
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);
}

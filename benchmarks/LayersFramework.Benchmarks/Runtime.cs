// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using LayersFramework.Engine;

namespace LayersFramework.Benchmarks;

/// <summary>What a benchmark's figures depend on: the engine, its threads, the machine and the date.</summary>
internal static class Runtime
{
    /// <summary>The engine's report and a line with the processors and the date.</summary>
    /// <returns>The text.</returns>
    public static string Describe() => TorchRuntime.Report() + string.Create(
        CultureInfo.InvariantCulture,
        $"machine         {Environment.ProcessorCount} processors, load average {LoadAverage()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[..3]);
        }
        catch (System.IO.IOException)
        {
            return "unknown";
        }
    }
}

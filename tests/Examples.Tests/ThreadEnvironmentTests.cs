// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;

namespace LayersFramework.Examples.Tests;

/// <summary>
/// OMP_NUM_THREADS set to what no machine can run, or to nonsense: a program still starts, runs on a bounded number
/// of threads and ends normally. On the first engine, 100000 overflowed the stack in a native call, and 0 or -1
/// printed a C++ stack trace.
/// </summary>
public sealed partial class ThreadEnvironmentTests
{
    [Theory]
    [InlineData("100000")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("many")]
    public async Task AHostileOmpNumThreads_StillRuns_OnABoundedNumberOfThreads(string value)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "ConvTransposeDemo.dll");

        var (exitCode, output, error, _) = await ChildProcess.RunAsync(
            "dotnet", [program, "--steps", "1"], TimeSpan.FromMinutes(2), environment: new Dictionary<string, string> { ["OMP_NUM_THREADS"] = value });

        Assert.True(exitCode == 0, error);
        var threads = int.Parse(ThreadsLine().Match(output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(threads, 1, 16 * Environment.ProcessorCount);
        Assert.DoesNotContain("terminate called", error, StringComparison.Ordinal);
        Assert.Contains("gradients agree with finite differences", output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"threads\s+(\d+) intra-op")]
    private static partial Regex ThreadsLine();
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace LayersFramework.Examples.Tests;

/// <summary>FashionGan run as the user runs it: a program of its own, from the test's output folder.</summary>
internal static class FashionGanProcess
{
    /// <summary>Runs FashionGan with <paramref name="arguments"/> to its end (two minutes at most).</summary>
    /// <param name="arguments">Its command line.</param>
    /// <param name="onOutput">Called with the process and its output so far as it runs (see <see cref="ChildProcess.RunAsync"/>), to send it a signal.</param>
    /// <returns>The exit code, standard output, standard error, and how long it took.</returns>
    /// <remarks>
    /// It starts with Ctrl-C's default handling, as on a terminal: a test run started in the background (<c>./test.sh &amp;</c>,
    /// some CI runners) ignores SIGINT, an ignored signal stays ignored across exec, and .NET then never sees it.
    /// </remarks>
    public static Task<(int ExitCode, string Output, string Error, TimeSpan Elapsed)> RunAsync(string[] arguments, Action<Process, string>? onOutput = null) =>
        ChildProcess.RunAsync("env", ["--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "FashionGan.dll"), .. arguments], TimeSpan.FromMinutes(2), onOutput: onOutput);
}

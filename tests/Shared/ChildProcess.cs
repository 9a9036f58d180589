// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace LayersFramework.Tests.Shared;

/// <summary>Runs a program to its end and captures its output, killing it (and failing the test) when it outlives a timeout: a test can fail but never hang.</summary>
internal static class ChildProcess
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/>.</summary>
    /// <returns>The exit code, standard output, standard error, and how long it took.</returns>
    /// <exception cref="TimeoutException">The program did not end in time; it was killed with its children.</exception>
    public static async Task<(int ExitCode, string Output, string Error, TimeSpan Elapsed)> RunAsync(
        string program, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        using var cancel = new CancellationTokenSource(timeout);
        var output = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var error = process.StandardError.ReadToEndAsync(cancel.Token);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not end within {timeout}.");
        }

        return (process.ExitCode, await output, await error, clock.Elapsed);
    }
}

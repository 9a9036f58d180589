// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Text;

namespace LayersFramework.Tests.Shared;

/// <summary>Runs a program to its end and captures its output, killing it (and failing the test) when it outlives a timeout: a test can fail but never hang.</summary>
internal static class ChildProcess
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/>.</summary>
    /// <param name="program">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="timeout">How long it may run.</param>
    /// <param name="workingDirectory">Where it runs; this process's folder unless given.</param>
    /// <param name="onOutput">
    /// Called with the process and its standard output so far each time more arrives, while it runs: a test uses it to
    /// interrupt or kill the program at a given point of its work.
    /// </param>
    /// <param name="environment">Environment variables to set for it, on top of this process's.</param>
    /// <returns>The exit code, standard output, standard error, and how long it took.</returns>
    /// <exception cref="TimeoutException">The program did not end in time; it was killed with its children.</exception>
    public static async Task<(int ExitCode, string Output, string Error, TimeSpan Elapsed)> RunAsync(
        string program,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        Action<Process, string>? onOutput = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

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
        var output = onOutput is null ? process.StandardOutput.ReadToEndAsync(cancel.Token) : WatchAsync(process, onOutput, cancel.Token);
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

    /// <summary>Reads the standard output to its end, showing <paramref name="onOutput"/> all of it so far after each read.</summary>
    private static async Task<string> WatchAsync(Process process, Action<Process, string> onOutput, CancellationToken cancel)
    {
        var text = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await process.StandardOutput.ReadAsync(buffer, cancel)) > 0)
        {
            text.Append(buffer, 0, read);
            onOutput(process, text.ToString());
        }

        return text.ToString();
    }
}

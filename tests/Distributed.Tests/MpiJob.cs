// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace LayersFramework.Distributed.Tests;

/// <summary>
/// Runs the worker under OpenMPI's mpirun on this machine, over TCP on the loopback interface (as ranks on several
/// machines would talk), with mpirun's own timeout and a process-level one, so that a test can fail but never hang.
/// </summary>
internal static class MpiJob
{
    public static readonly TimeSpan MpirunTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <c>mpirun -np <paramref name="ranks"/> dotnet worker.dll arguments...</c>.</summary>
    /// <returns>The exit code, standard output and standard error, and how long it took.</returns>
    public static async Task<(int ExitCode, string Output, string Error, TimeSpan Elapsed)> RunAsync(int ranks, params string[] arguments)
    {
        var worker = Path.Combine(AppContext.BaseDirectory, "LayersFramework.Distributed.Worker.dll");
        var start = new ProcessStartInfo("mpirun") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] mpirun =
        [
            "--allow-run-as-root", "--oversubscribe", "-np", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--timeout", ((int)MpirunTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-x", "TERM=dumb",
            "--mca", "btl", "self,tcp", "--mca", "btl_tcp_if_include", "lo", "--mca", "oob_tcp_if_include", "lo",
            "dotnet", worker,
        ];
        foreach (var argument in mpirun.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("mpirun did not start.");
        using var timeout = new CancellationTokenSource(MpirunTimeout * 2);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mpirun did not end within {MpirunTimeout * 2}, although it was given --timeout {MpirunTimeout.TotalSeconds} s.");
        }

        return (process.ExitCode, await output, await error, clock.Elapsed);
    }
}

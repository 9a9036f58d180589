// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Globalization;

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
        string[] mpirun =
        [
            "--allow-run-as-root", "--oversubscribe", "-np", ranks.ToString(CultureInfo.InvariantCulture),
            "--timeout", ((int)MpirunTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            "-x", "TERM=dumb",
            "--mca", "btl", "self,tcp", "--mca", "btl_tcp_if_include", "lo", "--mca", "oob_tcp_if_include", "lo",
            "dotnet", worker,
        ];
        return await ChildProcess.RunAsync("mpirun", [.. mpirun, .. arguments], MpirunTimeout * 2);
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace LayersFramework.Benchmarks;

/// <summary>
/// Peak memory of one side of a comparison, measured in a process of its own: this program started again with
/// <c>probe …</c>. In the probe glibc returns freed blocks to the system (<see cref="Measurement.ReturnFreedMemory"/>),
/// so the resident set follows the memory in use; after a warm-up run (which, on our side, also times the paths)
/// the probe resets the peak and reports how far the resident set rose above its level between runs.
/// </summary>
internal static class MemoryProbe
{
    /// <summary>Probes one shape of the transposed-convolution suite, forward and backward.</summary>
    /// <param name="shape">The shape's index in <see cref="ConvTransposeShape.Suite"/>.</param>
    /// <param name="layout">Each side's memory format.</param>
    /// <param name="ours">Our layer, or TorchSharp's module.</param>
    /// <param name="reps">The runs measured after the warm-up.</param>
    /// <returns>The peak growth in MiB, or NaN when the probe failed.</returns>
    public static double ConvTranspose(int shape, PairLayout layout, bool ours, int reps) =>
        Start(["probe", "convtranspose", Text(shape), layout.ToString(), ours ? "ours" : "torch", Text(reps)]);

    /// <summary>Probes one side of the GAN step.</summary>
    /// <param name="ours">Our layers and optimizers, or plain TorchSharp.</param>
    /// <param name="steps">The steps measured after the warm-up.</param>
    /// <returns>The peak growth in MiB, or NaN when the probe failed.</returns>
    public static double GanStep(bool ours, int steps) => Start(["probe", "gan-step", ours ? "ours" : "torch", Text(steps)]);

    /// <summary>The probe's side: runs in the child, prints the peak growth in MiB.</summary>
    /// <param name="args">The arguments after <c>probe</c>.</param>
    /// <returns>The exit code.</returns>
    public static int RunChild(string[] args)
    {
        Measurement.ReturnFreedMemory();
        Action run;
        IDisposable owner;
        switch (args)
        {
            case ["convtranspose", var index, var format, var side, var reps]:
                var pair = ConvTransposePair.Create(ConvTransposeShape.Suite[int.Parse(index, CultureInfo.InvariantCulture)], Enum.Parse<PairLayout>(format));
                run = side == "ours" ? () => pair.RunOurs(backward: true) : () => pair.RunTheirs(backward: true);
                owner = pair;
                return Measure(run, owner, int.Parse(reps, CultureInfo.InvariantCulture));
            case ["gan-step", var side, var steps]:
                var gan = GanStepPair.Create();
                run = side == "ours" ? () => gan.StepOurs() : () => gan.StepTheirs();
                owner = gan;
                return Measure(run, owner, int.Parse(steps, CultureInfo.InvariantCulture));
            default:
                Console.Error.WriteLine($"probe: unknown arguments {string.Join(' ', args)}");
                return 2;
        }
    }

    private static int Measure(Action run, IDisposable owner, int reps)
    {
        using (owner)
        {
            run();
            run();
            var before = Measurement.ResidentMiB("VmRSS");
            Measurement.ResetPeak();
            for (var i = 0; i < reps; i++)
            {
                run();
            }

            var peak = Measurement.ResidentMiB("VmHWM");
            Console.WriteLine(Math.Max(0, peak - before).ToString("R", CultureInfo.InvariantCulture));
        }

        return 0;
    }

    private static double Start(IEnumerable<string> arguments)
    {
        // Started as the program itself (the apphost), or as "dotnet LayersFramework.Benchmarks.dll".
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(MemoryProbe).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["OMP_NUM_THREADS"] = Text(LayersFramework.Engine.TorchRuntime.IntraOpThreads);
        using var process = Process.Start(start);
        if (process is null)
        {
            return double.NaN;
        }

        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (process.ExitCode != 0 || !double.TryParse(last, NumberStyles.Float, CultureInfo.InvariantCulture, out var mib))
        {
            Console.Error.WriteLine($"memory probe failed (exit {process.ExitCode}): {error.Result.Trim()}");
            return double.NaN;
        }

        return mib;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

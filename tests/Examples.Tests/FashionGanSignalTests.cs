// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LayersFramework.Examples.Tests;

/// <summary>
/// Ctrl-C (SIGINT) in the middle of FashionGan's training: it ends the step in progress, saves the checkpoint and the
/// loss history there, says so, and exits with code 130, without a stack trace; --resume then goes on from that step
/// as if the run had never stopped.
/// </summary>
public sealed class FashionGanSignalTests : IDisposable
{
    private const int StepsPerEpoch = 4096 / 32;
    // Long enough (about 8 s) that the signal arrives mid-run even on a loaded machine: with 1,024 images the run once ended first.
    private static readonly string[] TwoEpochs = ["--epochs", "2", "--limit", "4096", "--batch-size", "32", "--width", "1"];
    private readonly string interrupted = Directory.CreateTempSubdirectory("lf-gan-interrupted-").FullName;
    private readonly string uninterrupted = Directory.CreateTempSubdirectory("lf-gan-uninterrupted-").FullName;

    public void Dispose()
    {
        Directory.Delete(interrupted, recursive: true);
        Directory.Delete(uninterrupted, recursive: true);
    }

    [Fact]
    public async Task CtrlC_SavesACheckpointAfterTheCurrentStep_ExitsWith130_AndTheResumedRunEndsAsAnUninterruptedOne()
    {
        var sent = false;
        var stopped = await FashionGanProcess.RunAsync([.. TwoEpochs, "--output", interrupted], (process, output) =>
        {
            // A progress line ("epoch 1/2  step 3/32 ...") says training is under way.
            if (!sent && output.Contains("  step ", StringComparison.Ordinal))
            {
                sent = true;
                Interrupt(process);
            }
        });

        Assert.True(stopped.ExitCode == 130, $"exit code {stopped.ExitCode}: {stopped.Output}{stopped.Error}");
        var said = Regex.Match(stopped.Output, @"^Interrupted after step (\d+) of epoch (\d+); saved checkpoint\.safetensors and losses\.csv in (.+); resume with --resume\.$", RegexOptions.Multiline);
        Assert.True(said.Success, stopped.Output);
        Assert.Equal(interrupted, said.Groups[3].Value);
        Assert.Equal(string.Empty, stopped.Error);
        var (step, epoch) = (int.Parse(said.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(said.Groups[2].Value, CultureInfo.InvariantCulture));
        var stepsDone = ((epoch - 1) * StepsPerEpoch) + step;
        Assert.InRange(stepsDone, 1, (2 * StepsPerEpoch) - 1);
        Assert.Equal(1 + stepsDone, File.ReadAllLines(Path.Combine(interrupted, "losses.csv")).Length); // the header, then a row per step done

        var resumed = await FashionGanProcess.RunAsync([.. TwoEpochs, "--output", interrupted, "--resume"]);
        var whole = await FashionGanProcess.RunAsync([.. TwoEpochs, "--output", uninterrupted]);

        Assert.True(resumed.ExitCode == 0, resumed.Output + resumed.Error);
        Assert.Contains($"Resumed from {Path.Combine(interrupted, "checkpoint.safetensors")} after {(step == StepsPerEpoch ? $"epoch {epoch}" : $"step {step} of epoch {epoch}")}.", resumed.Output, StringComparison.Ordinal);
        Assert.Equal(0, whole.ExitCode);
        Assert.Equal(File.ReadAllLines(Path.Combine(uninterrupted, "losses.csv")), File.ReadAllLines(Path.Combine(interrupted, "losses.csv")));
    }

    /// <summary>Sends SIGINT, as Ctrl-C on a terminal does (<see cref="Process.Kill()"/> sends SIGKILL).</summary>
    private static void Interrupt(Process process)
    {
        using var kill = Process.Start("kill", ["-s", "INT", process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}

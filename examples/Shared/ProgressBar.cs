// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace LayersFramework.Examples;

/// <summary>
/// A one-line progress bar for a training run: epoch, step, the losses, images per second and the time left. On a
/// terminal it redraws in place; when the output is a file or a pipe it writes a line every tenth of the epoch.
/// </summary>
public sealed class ProgressBar(TextWriter output, int epochs, int stepsPerEpoch, int batchSize)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly bool interactive = !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out);
    private long stepsDone;

    /// <summary>Shows the state after a step.</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    /// <param name="step">The step within the epoch, from 1.</param>
    /// <param name="losses">The losses to show, such as "D 1.234  G 0.876".</param>
    public void Report(int epoch, int step, string losses)
    {
        stepsDone++;
        var elapsed = clock.Elapsed.TotalSeconds;
        var imagesPerSecond = stepsDone * batchSize / Math.Max(elapsed, 1e-9);
        var stepsLeft = ((long)(epochs - epoch) * stepsPerEpoch) + (stepsPerEpoch - step);
        var left = TimeSpan.FromSeconds(stepsLeft * elapsed / stepsDone);
        const int width = 24;
        var filled = (int)Math.Round(width * step / (double)stepsPerEpoch);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"epoch {epoch}/{epochs} [{new string('#', filled)}{new string('.', width - filled)}] step {step}/{stepsPerEpoch}  {losses}  {imagesPerSecond:F0} img/s  left {left:mm\\:ss}");
        if (interactive)
        {
            output.Write($"\r{line}\u001b[K");
            if (step == stepsPerEpoch)
            {
                output.WriteLine();
            }
        }
        else if (step == stepsPerEpoch || step % Math.Max(1, stepsPerEpoch / 10) == 0)
        {
            output.WriteLine(line);
        }
    }
}

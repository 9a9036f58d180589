// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Spectre.Console;

namespace LayersFramework.Examples;

/// <summary>
/// Shows a training run's progress: epoch, step, the losses, images per second and the time left. On a terminal it
/// is a live Spectre.Console progress bar over the whole run, with lines such as epoch summaries printed above it;
/// when the output is a file or a pipe (a CI log, <c>nohup</c>) it writes plain, complete lines instead: one every
/// tenth of an epoch and one at each epoch's end, and the summaries between them.
/// </summary>
public abstract class TrainingProgress
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly int epochs;
    private readonly int stepsPerEpoch;
    private readonly int batchSize;
    private long stepsDone;

    private TrainingProgress(int epochs, int stepsPerEpoch, int batchSize) =>
        (this.epochs, this.stepsPerEpoch, this.batchSize) = (epochs, stepsPerEpoch, batchSize);

    /// <summary>Runs <paramref name="train"/> with a progress display suited to <paramref name="output"/>.</summary>
    /// <param name="output">Where progress goes: the console (live bar on a terminal) or any writer (plain lines).</param>
    /// <param name="epochs">The last epoch, from 1.</param>
    /// <param name="stepsPerEpoch">Steps per epoch.</param>
    /// <param name="batchSize">Images per step.</param>
    /// <param name="train">The training loop; it reports each step and writes its other lines through the progress.</param>
    /// <param name="terminal">A terminal to draw the live bar on instead of deciding from <paramref name="output"/> (tests give one).</param>
    public static void Run(TextWriter output, int epochs, int stepsPerEpoch, int batchSize, Action<TrainingProgress> train, IAnsiConsole? terminal = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerEpoch, 1);
        terminal ??= ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive ? AnsiConsole.Console : null;
        if (terminal is null)
        {
            train(new Lines(output, epochs, stepsPerEpoch, batchSize));
            return;
        }

        terminal.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context => train(new Live(terminal, context.AddTask("starting", autoStart: true, maxValue: 1), epochs, stepsPerEpoch, batchSize)));
    }

    /// <summary>Shows the state after a step.</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    /// <param name="step">The step within the epoch, from 1.</param>
    /// <param name="losses">The losses to show, such as "D 1.234  G 0.876".</param>
    public void Report(int epoch, int step, string losses)
    {
        stepsDone++;
        var elapsed = clock.Elapsed.TotalSeconds;
        var stepsLeft = ((long)(epochs - epoch) * stepsPerEpoch) + (stepsPerEpoch - step);
        Show(epoch, step, losses, stepsDone * batchSize / Math.Max(elapsed, 1e-9), TimeSpan.FromSeconds(stepsLeft * elapsed / stepsDone), stepsLeft);
    }

    /// <summary>Writes a line (an epoch's summary, say) where it does not disturb the progress display.</summary>
    /// <param name="line">The line.</param>
    public abstract void WriteLine(string line);

    /// <summary>Shows one step's state.</summary>
    private protected abstract void Show(int epoch, int step, string losses, double imagesPerSecond, TimeSpan left, long stepsLeft);

    /// <summary>The state as one line of text.</summary>
    private protected string Describe(int epoch, int step, string losses, double imagesPerSecond) =>
        string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}/{epochs}  step {step}/{stepsPerEpoch}  {losses}  {imagesPerSecond:F0} img/s");

    /// <summary>Plain, complete lines, for output that is not a terminal.</summary>
    private sealed class Lines(TextWriter output, int epochs, int stepsPerEpoch, int batchSize) : TrainingProgress(epochs, stepsPerEpoch, batchSize)
    {
        public override void WriteLine(string line) => output.WriteLine(line);

        private protected override void Show(int epoch, int step, string losses, double imagesPerSecond, TimeSpan left, long stepsLeft)
        {
            if (step == stepsPerEpoch || step % Math.Max(1, stepsPerEpoch / 10) == 0)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Describe(epoch, step, losses, imagesPerSecond)}  left {left:hh\\:mm\\:ss}"));
            }
        }
    }

    /// <summary>One Spectre.Console task over the whole run: the bar, the percentage and the time left are the run's.</summary>
    private sealed class Live(IAnsiConsole terminal, ProgressTask task, int epochs, int stepsPerEpoch, int batchSize) : TrainingProgress(epochs, stepsPerEpoch, batchSize)
    {
        public override void WriteLine(string line) => terminal.WriteLine(line);

        private protected override void Show(int epoch, int step, string losses, double imagesPerSecond, TimeSpan left, long stepsLeft)
        {
            // Steps done plus steps left is the run's length, whichever epoch it resumed at.
            task.MaxValue = stepsDone + stepsLeft;
            task.Value = stepsDone;
            task.Description = Markup.Escape(Describe(epoch, step, losses, imagesPerSecond));
        }
    }
}

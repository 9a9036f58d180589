// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;
using Spectre.Console;

namespace LayersFramework.Examples.Tests;

/// <summary>The training progress: plain complete lines when the output is not a terminal, a live bar on one.</summary>
public sealed class TrainingProgressTests
{
    [Fact]
    public void WithoutATerminal_ItWritesATenthOfEachEpoch_AndTheEpochsEnd_AsCompleteLines_WithTheOtherLinesBetween()
    {
        var output = new StringWriter();

        TrainingProgress.Run(output, epochs: 2, stepsPerEpoch: 25, batchSize: 8, progress => Train(progress, epochs: 2, steps: 25));

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        // Steps 2, 4, ..., 24 (every tenth of 25, rounded down to 2) and 25, per epoch; then the epoch's own line.
        var expectedSteps = Enumerable.Range(1, 12).Select(i => 2 * i).Append(25).ToArray();
        Assert.Equal(2 * (expectedSteps.Length + 1), lines.Length);
        Assert.Equal(expectedSteps.Select(step => $"epoch 1/2  step {step}/25  loss {step}"), lines.Take(13).Select(line => Regex.Replace(line, "  [0-9]+ img/s  left [0-9:]+$", string.Empty)));
        Assert.Equal("epoch 1 done", lines[13]);
        Assert.Equal("epoch 2 done", lines[^1]);
        Assert.Matches(@"^epoch 2/2  step 25/25  loss 25  [0-9]+ img/s  left 00:00:00$", lines[^2]);
    }

    [Fact]
    public void OnATerminal_ItDrawsOneLiveBarForTheWholeRun_WithTheOtherLinesAboveIt()
    {
        var screen = new StringWriter();
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(screen),
        });

        TrainingProgress.Run(TextWriter.Null, epochs: 2, stepsPerEpoch: 5, batchSize: 8, progress => Train(progress, epochs: 2, steps: 5), terminal);

        var text = screen.ToString();
        Assert.Contains("epoch 1 done", text, StringComparison.Ordinal);
        Assert.Contains("epoch 2 done", text, StringComparison.Ordinal);
        Assert.Contains("epoch 2/2  step 5/5  loss 5", text, StringComparison.Ordinal);
        Assert.Contains("100%", text, StringComparison.Ordinal);
        Assert.Contains("\u001b[", text, StringComparison.Ordinal);   // drawn in place with escape codes, not as lines
    }

    private static void Train(TrainingProgress progress, int epochs, int steps)
    {
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            for (var step = 1; step <= steps; step++)
            {
                progress.Report(epoch, step, $"loss {step}");
            }

            progress.WriteLine($"epoch {epoch} done");
        }
    }
}

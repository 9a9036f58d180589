// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Engine;
using LayersFramework.Examples.FashionGan;

namespace LayersFramework.Examples.Tests;

/// <summary>
/// A resumed FashionGan run, after an epoch or mid-epoch (interrupted), goes on exactly as an uninterrupted one would
/// have: the same losses, step for step.
/// </summary>
public sealed class FashionGanResumeTests : IDisposable
{
    private static readonly GanOptions Options = new() { Epochs = 2, BatchSize = 32, Width = 1, Seed = 7 };
    private readonly string uninterrupted = Directory.CreateTempSubdirectory("lf-gan-uninterrupted-").FullName;
    private readonly string resumed = Directory.CreateTempSubdirectory("lf-gan-resumed-").FullName;
    private readonly Tensor images = FashionMnist.LoadImages(FashionMnist.DefaultFolder, train: true, limit: 256);

    public void Dispose()
    {
        images.Dispose();
        Directory.Delete(uninterrupted, recursive: true);
        Directory.Delete(resumed, recursive: true);
    }

    [Fact]
    public void ARunResumedAfterAnEpoch_DrawsTheOrderAndNoiseOfAnUninterruptedRun_SoItsLossesAreTheSame()
    {
        Train(Options with { Output = uninterrupted });
        Train(Options with { Epochs = 1, Output = resumed });
        Train(Options with { Output = resumed, Resume = true });

        var expected = File.ReadAllLines(Path.Combine(uninterrupted, "losses.csv"));
        Assert.Equal(1 + (2 * 256 / 32), expected.Length);
        Assert.Equal(expected, File.ReadAllLines(Path.Combine(resumed, "losses.csv")));
    }

    [Fact]
    public void ARunInterruptedMidEpoch_ResumesAtTheNextStep_AndItsLossesAreAnUninterruptedRunsToo()
    {
        using var stop = new CancellationTokenSource();
        stop.Cancel(); // as if Ctrl-C came during the first step

        Train(Options with { Output = uninterrupted });
        Assert.False(Train(Options with { Output = resumed }, stop.Token));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(resumed, "losses.csv")).Length); // the header and step 1
        Assert.False(File.Exists(Path.Combine(resumed, "samples-epoch-01.png")));
        Assert.True(Train(Options with { Output = resumed, Resume = true }));

        Assert.Equal(File.ReadAllLines(Path.Combine(uninterrupted, "losses.csv")), File.ReadAllLines(Path.Combine(resumed, "losses.csv")));
    }

    [Fact]
    public void ACheckpointFromMidEpoch_IsRefused_ByARunWhoseEpochsEndBeforeItsStep()
    {
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        Train(Options with { Output = resumed }, stop.Token);

        var error = Assert.Throws<InvalidDataException>(() => Train(Options with { Output = resumed, BatchSize = 256, Resume = true }));

        Assert.Equal(
            $"--resume: {Path.Combine(resumed, "checkpoint.safetensors")} stopped after step 1 of epoch 1, but an epoch of this run has 1 step(s): resume with the --limit and --batch-size the run began with.",
            error.Message);
    }

    /// <summary>Trains as FashionGan does, seeding first as it does.</summary>
    /// <returns>Whether every epoch was done.</returns>
    private bool Train(GanOptions options, CancellationToken interrupt = default)
    {
        TorchRuntime.ManualSeed(options.Seed);
        using var trainer = new GanTrainer(options, TextWriter.Null);
        return trainer.Train(images, interrupt);
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Engine;
using LayersFramework.Examples.FashionGan;

namespace LayersFramework.Examples.Tests;

/// <summary>A resumed FashionGan run goes on exactly as an uninterrupted one would have: the same losses, step for step.</summary>
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

    /// <summary>Trains as FashionGan does, seeding first as it does.</summary>
    private void Train(GanOptions options)
    {
        TorchRuntime.ManualSeed(options.Seed);
        using var trainer = new GanTrainer(options, TextWriter.Null);
        trainer.Train(images);
    }
}

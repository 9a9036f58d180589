// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Engine;
using LayersFramework.Examples.Autoencoder;
using LayersFramework.Examples.FashionGan;

namespace LayersFramework.Examples.Tests;

/// <summary>
/// The examples in a short mode on a slice of Fashion-MNIST: their losses fall, they leave their files, and the
/// live-tensor count stays flat from step to step. The data set comes from Debian's dataset-fashion-mnist, which the
/// set-up script installs.
/// </summary>
public sealed class ExampleTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("lf-examples-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void FashionGan_TrainsOnASlice_TheDiscriminatorLearns_AndItLeavesSamplesPlotAndAResumableCheckpoint()
    {
        using var images = FashionMnist.LoadImages(FashionMnist.DefaultFolder, train: true, limit: 1024);
        TorchRuntime.ManualSeed(3);
        var options = new GanOptions { Epochs = 1, BatchSize = 32, Output = folder, Width = 8 };
        long liveAfterFirstStep;
        using (var trainer = new GanTrainer(options, TextWriter.Null))
        {
            using (var scope = NewDisposeScope())
            {
                trainer.Step(images.narrow(0, 0, 32));
            }

            liveAfterFirstStep = LiveTensors.Count;
            for (var i = 1; i < 20; i++)
            {
                using var scope = NewDisposeScope();
                trainer.Step(images.narrow(0, (i % 32) * 32, 32));
            }

            Assert.Equal(liveAfterFirstStep, LiveTensors.Count);

            // A discriminator that starts at chance (2 ln 2 ≈ 1.39 for the two terms) learns to tell real from generated.
            Assert.True(trainer.DiscriminatorLosses[0] > 1.2, $"first D loss {trainer.DiscriminatorLosses[0]}");
            Assert.True(trainer.DiscriminatorLosses.TakeLast(5).Average() < trainer.DiscriminatorLosses[0] - 0.15, string.Join(", ", trainer.DiscriminatorLosses));
            trainer.Train(images);
        }

        Assert.True(File.Exists(Path.Combine(folder, "samples-epoch-01.png")));
        Assert.True(File.Exists(Path.Combine(folder, "losses.png")));
        using var resumed = new GanTrainer(options with { Epochs = 2, Resume = true }, TextWriter.Null);
        resumed.Train(images);
        Assert.Equal(2, resumed.GeneratorOptimizer.Iterations / (1024 / 32));
        Assert.True(File.Exists(Path.Combine(folder, "samples-epoch-02.png")));
    }

    [Fact]
    public void Autoencoder_ReconstructionErrorFalls_OnHeldOutImages_AndTheLiveCountStaysFlat()
    {
        using var train = FashionMnist.LoadImages(FashionMnist.DefaultFolder, train: true, limit: 2048);
        using var test = FashionMnist.LoadImages(FashionMnist.DefaultFolder, train: false, limit: 256);
        TorchRuntime.ManualSeed(4);
        using var trainer = new AutoencoderTrainer(4);
        var before = trainer.Evaluate(test);

        trainer.Train(train, epochs: 1, batchSize: 64, TextWriter.Null);
        using var slice = train.narrow(0, 0, 256);
        var live = LiveTensors.Count;
        trainer.Train(slice, epochs: 1, batchSize: 64, TextWriter.Null);
        var after = trainer.Evaluate(test);
        var comparison = Path.Combine(folder, "reconstructions.png");
        trainer.SaveComparison(comparison, test);

        Assert.Equal(live, LiveTensors.Count);
        Assert.True(after < before / 2, $"test MSE went from {before} to {after}");
        Assert.True(new FileInfo(comparison).Length > 1000);
    }

    [Fact]
    public void ConvTransposeDemo_TimesALayerStep_AndItsGradientChecksPass()
    {
        var entryPoint = System.Reflection.Assembly.Load("ConvTransposeDemo").EntryPoint!;
        var exitCode = -1;
        var text = ConsoleCapture.Run(() => exitCode = (int)entryPoint.Invoke(null, [new[] { "--batch", "2", "--steps", "2" }])!);

        Assert.True(exitCode == 0, text);
        Assert.Contains("output (2, 128, 16, 16)", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("gradients agree with finite differences").Length - 1);
    }

    [Fact]
    public void AMissingDataSet_SaysHowToInstallIt()
    {
        var error = Assert.Throws<DataSetMissingException>(() => FashionMnist.LoadImages(folder, train: true));

        Assert.Contains("sudo ./scripts/setup.sh", error.Message, StringComparison.Ordinal);
        Assert.Contains("--data", error.Message, StringComparison.Ordinal);
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using LayersFramework.Engine;
using LayersFramework.Examples;
using LayersFramework.Examples.Autoencoder;

var epochs = CommandLine.Positive("--epochs", "Passes over the training images", 2);
var batchSize = CommandLine.Positive("--batch-size", "Images per step", 128);
var limit = CommandLine.OptionalPositive("--limit", "Train on the first N images only [default: all 60,000]");
var output = CommandLine.Text("--output", "Where the originals and reconstructions go", "autoencoder-output", "DIR");
var data = CommandLine.Text("--data", "The Fashion-MNIST folder", FashionMnist.DefaultFolder, "DIR");
var seed = CommandLine.Positive("--seed", "Seed of the weights and the order", 1);
var command = new RootCommand("Autoencoder: a convolutional autoencoder whose decoder is Conv2DTranspose layers, on Fashion-MNIST.")
{
    epochs, batchSize, limit, output, data, seed,
};
command.SetAction(parsed => Train(
    parsed.GetValue(epochs), parsed.GetValue(batchSize), parsed.GetValue(limit), parsed.GetValue(output)!, parsed.GetValue(data)!, (ulong)parsed.GetValue(seed)));
return CommandLine.Run(command, args);

static int Train(int epochs, int batchSize, int? limit, string output, string data, ulong seed)
{
    TorchRuntime.ManualSeed(seed);
    try
    {
        using var train = FashionMnist.LoadImages(data, train: true, limit);
        using var test = FashionMnist.LoadImages(data, train: false);
        using var trainer = new AutoencoderTrainer(seed);
        Console.WriteLine(trainer.Model.Summary());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Before training: test MSE {trainer.Evaluate(test):F4}"));
        trainer.Train(train, epochs, batchSize, Console.Out);
        Directory.CreateDirectory(output);
        var comparison = Path.Combine(output, "reconstructions.png");
        trainer.SaveComparison(comparison, test);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Test MSE (pixels in [-1, 1]) over {test.size(0):N0} images: {trainer.Evaluate(test):F4}; originals (top) and reconstructions (bottom) in {comparison}."));
        return 0;
    }
    catch (DataSetMissingException e)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
    catch (Exception e) when (e is IOException or ArgumentException)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
}

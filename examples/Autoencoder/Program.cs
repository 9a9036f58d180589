// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using System.IO;
using LayersFramework.Engine;
using LayersFramework.Examples;
using LayersFramework.Examples.Autoencoder;

// Arguments: --epochs N (default 2), --batch-size N (128), --limit N (all 60,000), --output DIR (autoencoder-output), --data DIR, --seed N (1).
var (epochs, batchSize, limit, output, data, seed) = (2, 128, (int?)null, "autoencoder-output", FashionMnist.DefaultFolder, 1UL);
try
{
    for (var i = 0; i < args.Length; i++)
    {
        string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
        int Whole() => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{args[i - 1]} needs a whole number of 1 or more.");
        switch (args[i])
        {
            case "--epochs": epochs = Whole(); break;
            case "--batch-size": batchSize = Whole(); break;
            case "--limit": limit = Whole(); break;
            case "--output": output = Next(); break;
            case "--data": data = Next(); break;
            case "--seed": seed = (ulong)Whole(); break;
            default: Console.Error.WriteLine($"Unknown argument '{args[i]}'. Known: --epochs, --batch-size, --limit, --output, --data, --seed."); return 2;
        }
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

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

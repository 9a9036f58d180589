// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Diagnostics;
using System.Globalization;
using LayersFramework.Engine;
using LayersFramework.Examples;
using LayersFramework.Examples.FashionGan;

return CommandLine.Run(GanOptions.Command(Train), args);

static int Train(GanOptions options)
{
    TorchRuntime.ManualSeed(options.Seed);
    Console.WriteLine(TorchRuntime.Report());
    var clock = Stopwatch.StartNew();
    try
    {
        using var images = FashionMnist.LoadImages(options.Data, train: true, options.Limit);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Fashion-MNIST: {images.size(0):N0} training images; {options.Epochs} epoch(s) of batch {options.BatchSize}, width {options.Width}, seed {options.Seed}."));
        using var trainer = new GanTrainer(options, Console.Out);
        Console.WriteLine(trainer.Generator.Summary());
        Console.WriteLine(trainer.Discriminator.Summary());
        trainer.Train(images);
    }
    catch (DataSetMissingException e)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
    catch (Exception e) when (e is System.IO.IOException or ArgumentException)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Done in {clock.Elapsed:mm\\:ss}."));
    return 0;
}

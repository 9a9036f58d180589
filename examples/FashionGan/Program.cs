// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using LayersFramework.Distributed;
using LayersFramework.Engine;
using LayersFramework.Examples;
using LayersFramework.Examples.FashionGan;

// Alone, or as one rank of a data-parallel job under mpirun (World.Run ends the whole job when a rank fails).
return CommandLine.Run(GanOptions.Command(options => World.Run(world => Train(options, world))), args);

static int Train(GanOptions options, World world)
{
    TorchRuntime.ManualSeed(options.Seed);

    // Rank 0 speaks and writes files; the other ranks train silently.
    var output = world.IsRoot ? Console.Out : TextWriter.Null;

    // Alone, Ctrl-C stops after the current step with a checkpoint there. Under mpirun it ends the job as before: the
    // ranks would see it at different steps (or, from mpirun, as SIGTERM), and stopping them together is not done here.
    using var interruption = world.Size == 1 ? new Interruption() : null;
    var clock = Stopwatch.StartNew();
    try
    {
        if ((options.Threads ?? (world.Size > 1 ? world.ThreadsPerRank : (int?)null)) is int threads)
        {
            TorchRuntime.IntraOpThreads = threads;
        }

        output.WriteLine(TorchRuntime.Report());
        using var images = FashionMnist.LoadImages(options.Data, train: true, options.Limit);
        var ranks = world.Size > 1 ? $", {world.Size} processes" : string.Empty;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Fashion-MNIST: {images.size(0):N0} training images; {options.Epochs} epoch(s) of batch {options.BatchSize}, width {options.Width}, seed {options.Seed}{ranks}."));
        using var parallel = world.Size > 1 ? new DataParallel(world) : null;
        using var trainer = new GanTrainer(options, output, parallel: parallel);
        output.WriteLine(trainer.Generator.Summary());
        output.WriteLine(trainer.Discriminator.Summary());
        if (!trainer.Train(images, interruption?.Requested ?? default))
        {
            return Interruption.ExitCode;
        }
    }
    catch (DataSetMissingException e)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
    {
        // A missing or unwritable folder, a truncated or foreign checkpoint, a corrupt history, a bad option: the
        // message names the file and the fault.
        Console.Error.WriteLine(e.Message);
        return 1;
    }

    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Done in {clock.Elapsed:mm\\:ss}."));
    return 0;
}

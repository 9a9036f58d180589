// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.CommandLine;

namespace LayersFramework.Examples.FashionGan;

/// <summary>FashionGan's options, and its command line (System.CommandLine): <c>--help</c> lists them with their defaults.</summary>
internal sealed record GanOptions
{
    /// <summary>Gets the number of epochs.</summary>
    public int Epochs { get; init; } = 2;

    /// <summary>Gets the batch size.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Gets the seed.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Gets the output folder.</summary>
    public string Output { get; init; } = "fashion-gan-output";

    /// <summary>Gets the data set's folder.</summary>
    public string Data { get; init; } = FashionMnist.DefaultFolder;

    /// <summary>Gets the number of training images, or null for all.</summary>
    public int? Limit { get; init; }

    /// <summary>Gets the channel width.</summary>
    public int Width { get; init; } = 32;

    /// <summary>Gets libtorch's thread count per process, or null for its default (all cores; under mpirun, the cores shared among the machine's ranks).</summary>
    public int? Threads { get; init; }

    /// <summary>Gets a value indicating whether to resume from the checkpoint.</summary>
    public bool Resume { get; init; }

    /// <summary>The command line: each option with its default; the action runs with the parsed options.</summary>
    /// <param name="run">What to do with the options; returns the exit code.</param>
    /// <returns>The command; run it with <see cref="CommandLine.Run"/>.</returns>
    public static RootCommand Command(Func<GanOptions, int> run)
    {
        var defaults = new GanOptions();
        var epochs = CommandLine.Positive("--epochs", "Passes over the training images", defaults.Epochs);
        var batchSize = CommandLine.Positive("--batch-size", "Images per step", defaults.BatchSize);
        var seed = CommandLine.Positive("--seed", "Seed of the weights, the noise and the order", (int)defaults.Seed);
        var output = CommandLine.Text("--output", "Where samples, the loss plot and the checkpoint go", defaults.Output, "DIR");
        var data = CommandLine.Text("--data", "The Fashion-MNIST folder", defaults.Data, "DIR");
        var limit = CommandLine.OptionalPositive("--limit", "Train on the first N images only [default: all 60,000]");
        var width = CommandLine.Positive("--width", "The models' channel width", defaults.Width);
        var threads = CommandLine.OptionalPositive("--threads", "libtorch threads per process [default: all cores, shared among a machine's ranks under mpirun]");
        var resume = new Option<bool>("--resume") { Description = "Continue from the output folder's checkpoint.safetensors" };
        var command = new RootCommand("FashionGan: train a DCGAN (Conv2DTranspose generator, Conv2D discriminator) on Fashion-MNIST.")
        {
            epochs, batchSize, seed, output, data, limit, width, threads, resume,
        };
        command.SetAction(parsed => run(new GanOptions
        {
            Epochs = parsed.GetValue(epochs),
            BatchSize = parsed.GetValue(batchSize),
            Seed = (ulong)parsed.GetValue(seed),
            Output = parsed.GetValue(output)!,
            Data = parsed.GetValue(data)!,
            Limit = parsed.GetValue(limit),
            Width = parsed.GetValue(width),
            Threads = parsed.GetValue(threads),
            Resume = parsed.GetValue(resume),
        }));
        return command;
    }
}

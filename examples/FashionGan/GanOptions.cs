// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;

namespace LayersFramework.Examples.FashionGan;

/// <summary>The command line: <c>--epochs N --batch-size N --seed N --output DIR --data DIR --limit N --width N --resume</c>.</summary>
internal sealed record GanOptions
{
    /// <summary>Gets the usage text.</summary>
    public const string Usage = """
        FashionGan: train a DCGAN (Conv2DTranspose generator, Conv2D discriminator) on Fashion-MNIST.

          --epochs N       passes over the training images (default 2)
          --batch-size N   images per step (default 64)
          --seed N         seed of the weights, the noise and the order (default 1)
          --output DIR     where samples, the loss plot and the checkpoint go (default fashion-gan-output)
          --data DIR       the data set's folder (default /usr/share/datasets/fashion-mnist)
          --limit N        train on the first N images only (default: all 60,000)
          --width N        the models' channel width (default 32)
          --resume         continue from DIR/checkpoint.safetensors
        """;

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

    /// <summary>Gets a value indicating whether to resume from the checkpoint.</summary>
    public bool Resume { get; init; }

    /// <summary>Parses the command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException">An argument is unknown or its value invalid; the message says which.</exception>
    public static GanOptions Parse(string[] args)
    {
        var options = new GanOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n\n{Usage}");
            int Positive() => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{args[i - 1]} needs a whole number of 1 or more; received '{args[i]}'.");
            options = args[i] switch
            {
                "--epochs" => options with { Epochs = Positive() },
                "--batch-size" => options with { BatchSize = Positive() },
                "--seed" => options with { Seed = (ulong)Positive() },
                "--output" => options with { Output = Next() },
                "--data" => options with { Data = Next() },
                "--limit" => options with { Limit = Positive() },
                "--width" => options with { Width = Positive() },
                "--resume" => options with { Resume = true },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'.\n\n{Usage}"),
            };
        }

        return options;
    }
}

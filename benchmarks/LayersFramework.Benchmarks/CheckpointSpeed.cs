// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using LayersFramework.Layers;
using LayersFramework.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Benchmarks;

/// <summary>
/// Saves and loads FashionGan's checkpoint (generator, discriminator and both Adam states, width 32) with
/// <see cref="Checkpoint"/> in both formats, against TorchSharp's own <c>module.save</c>/<c>load</c> of the two
/// models (its format; no optimizer state, no atomic write, no checks).
/// </summary>
internal static class CheckpointSpeed
{
    public static int Run(int reps)
    {
        Console.WriteLine(Runtime.Describe());
        using var scope = NewDisposeScope();
        using var generator = GanStepPair.Generator();
        using var discriminator = GanStepPair.Discriminator();
        using var generatorOptimizer = new Adam(2e-4, beta1: 0.5);
        using var discriminatorOptimizer = new Adam(2e-4, beta1: 0.5);
        Optimizer.ZeroGradients([.. generator.TrainableWeights, .. discriminator.TrainableWeights]);
        discriminator.Call(generator.Call(randn(8, 100), training: true), training: true).sum().backward();
        generatorOptimizer.Step(generator.TrainableWeights);
        discriminatorOptimizer.Step(discriminator.TrainableWeights);
        CheckpointPart[] parts = [new("generator", generator, generatorOptimizer), new("discriminator", discriminator, discriminatorOptimizer)];
        var folder = Directory.CreateTempSubdirectory("lf-checkpoint-speed-").FullName;
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FashionGan's checkpoint, width 32: medians of {reps} after 2 warm-ups."));
            Console.WriteLine($"{"how",-36} {"MB",6} {"save ms",8} {"load ms",8}");
            foreach (var extension in new[] { ".safetensors", ".pt" })
            {
                var path = Path.Combine(folder, "checkpoint" + extension);
                Report($"Checkpoint {extension}", path, reps, () => Checkpoint.Save(path, parts), () => Checkpoint.Load(path, parts));
            }

            var generatorPath = Path.Combine(folder, "generator.dat");
            var discriminatorPath = Path.Combine(folder, "discriminator.dat");
            Report(
                "TorchSharp module.save (models only)",
                generatorPath,
                reps,
                () => { generator.save(generatorPath); discriminator.save(discriminatorPath); },
                () => { generator.load(generatorPath); discriminator.load(discriminatorPath); },
                discriminatorPath);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }

    private static void Report(string name, string path, int reps, Action save, Action load, string? secondFile = null)
    {
        var saves = new List<double>();
        var loads = new List<double>();
        for (var i = 0; i < reps + 2; i++)
        {
            var saveMs = Measurement.Milliseconds(save);
            using var scope = NewDisposeScope();
            var loadMs = Measurement.Milliseconds(load);
            if (i >= 2)
            {
                saves.Add(saveMs);
                loads.Add(loadMs);
            }
        }

        var bytes = new FileInfo(path).Length + (secondFile is null ? 0 : new FileInfo(secondFile).Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-36} {bytes / 1e6,6:F1} {Measurement.Median(saves),8:F1} {Measurement.Median(loads),8:F1}"));
    }
}

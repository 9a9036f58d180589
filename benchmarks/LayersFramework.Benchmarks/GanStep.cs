// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;

namespace LayersFramework.Benchmarks;

/// <summary>
/// Times one FashionGan training step (generator and discriminator, batch 64) with our layers and optimizers
/// against the same network in plain TorchSharp with <c>torch.optim.Adam</c> (<see cref="GanStepPair"/>), the two
/// taking turns for a few rounds; prints both medians, images per second, the speedup and each side's peak memory.
/// </summary>
internal static class GanStep
{
    /// <summary>Runs the benchmark.</summary>
    /// <param name="steps">Timed steps per side per round.</param>
    /// <param name="rounds">Alternating rounds.</param>
    /// <param name="probeMemory">Whether to measure each side's peak memory in a process of its own.</param>
    /// <returns>The exit code.</returns>
    public static int Run(int steps, int rounds, bool probeMemory)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(Runtime.Describe());
        Console.WriteLine(string.Create(invariant, $"FashionGan training step (width 32, batch {GanStepPair.Batch}: generator + discriminator, Adam), ours vs plain TorchSharp: {rounds} alternating rounds of {steps} steps per side (medians)."));
        using var pair = GanStepPair.Create();

        // The first step of each from the same weights, noise and images: the losses show the networks are the same.
        var (oursD, oursG) = pair.StepOurs();
        var (theirsD, theirsG) = pair.StepTheirs();
        Console.WriteLine(string.Create(invariant, $"first step's losses, ours D {oursD:F5} G {oursG:F5}; TorchSharp D {theirsD:F5} G {theirsG:F5}"));
        pair.StepOurs();
        pair.StepTheirs();

        var ours = new List<double>();
        var theirs = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < steps; i++)
            {
                ours.Add(Measurement.Milliseconds(() => pair.StepOurs()));
            }

            for (var i = 0; i < steps; i++)
            {
                theirs.Add(Measurement.Milliseconds(() => pair.StepTheirs()));
            }
        }

        var (oursPeak, theirsPeak) = probeMemory ? (MemoryProbe.GanStep(ours: true, steps), MemoryProbe.GanStep(ours: false, steps)) : (double.NaN, double.NaN);
        var (oursMs, theirsMs) = (Measurement.Median(ours), Measurement.Median(theirs));
        Console.WriteLine();
        Console.WriteLine($"{"side",-12} {"ms/step",8} {"images/s",9} {"peak MiB",9}");
        Console.WriteLine(string.Create(invariant, $"{"ours",-12} {oursMs,8:F2} {GanStepPair.Batch * 1000 / oursMs,9:F0} {oursPeak,9:F0}"));
        Console.WriteLine(string.Create(invariant, $"{"TorchSharp",-12} {theirsMs,8:F2} {GanStepPair.Batch * 1000 / theirsMs,9:F0} {theirsPeak,9:F0}"));
        Console.WriteLine();
        Console.WriteLine(string.Create(invariant, $"GAN step speedup vs plain TorchSharp: {theirsMs / oursMs:F2}x; peak memory ours/TorchSharp {(oursPeak + 1) / (theirsPeak + 1):F2}"));
        return 0;
    }
}

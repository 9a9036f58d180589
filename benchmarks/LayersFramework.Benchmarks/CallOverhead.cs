// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;

namespace LayersFramework.Benchmarks;

/// <summary>
/// What one call of our layer costs beyond TorchSharp's module, on a shape too small for the arithmetic to matter
/// (batch 1, 8 → 8 channels, 4×4 → 8×8, k4 s2): the argument checks, TensorFlow's placement, the choice of path and
/// the layout handling, per call, forward alone and forward plus backward, channels-last and channels-first.
/// </summary>
internal static class CallOverhead
{
    private const int CallsPerBlock = 500;

    /// <summary>Runs the benchmark.</summary>
    /// <param name="rounds">Alternating rounds of <see cref="CallsPerBlock"/> calls per side.</param>
    /// <returns>The exit code.</returns>
    public static int Run(int rounds)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(Runtime.Describe());
        Console.WriteLine(string.Create(invariant, $"Per-call cost on a tiny Conv2DTranspose, ours vs TorchSharp's nn.ConvTranspose2d: {rounds} alternating rounds of {CallsPerBlock} calls per side (medians of the rounds' means)."));
        Console.WriteLine();
        Console.WriteLine($"{"format",-7} {"pass",-8} {"ours µs",9} {"torch µs",9} {"ours - torch µs",16}");
        var shape = new ConvTransposeShape("tiny", 2, 1, 8, 8, 4, 4, 2, "same", 1, 0);
        foreach (var layout in new[] { PairLayout.ChannelsLast, PairLayout.ChannelsFirst })
        {
            using var pair = ConvTransposePair.Create(shape, layout);
            foreach (var backward in new[] { false, true })
            {
                var ours = new List<double>();
                var theirs = new List<double>();
                for (var round = 0; round <= rounds; round++)
                {
                    var oursBlock = Measurement.Milliseconds(() => Repeat(() => pair.RunOurs(backward))) * 1000 / CallsPerBlock;
                    var theirsBlock = Measurement.Milliseconds(() => Repeat(() => pair.RunTheirs(backward))) * 1000 / CallsPerBlock;
                    if (round > 0)
                    {
                        // Round 0 warms up.
                        ours.Add(oursBlock);
                        theirs.Add(theirsBlock);
                    }
                }

                var (oursUs, theirsUs) = (Measurement.Median(ours), Measurement.Median(theirs));
                Console.WriteLine(string.Create(invariant, $"{(layout == PairLayout.ChannelsLast ? "NHWC" : "NCHW"),-7} {(backward ? "fwd+bwd" : "fwd"),-8} {oursUs,9:F1} {theirsUs,9:F1} {oursUs - theirsUs,16:F1}"));
            }
        }

        return 0;
    }

    private static void Repeat(Action action)
    {
        for (var i = 0; i < CallsPerBlock; i++)
        {
            action();
        }
    }
}

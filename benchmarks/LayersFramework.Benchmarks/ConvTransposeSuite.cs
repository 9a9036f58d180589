// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LayersFramework.Ops;
using static TorchSharp.torch;

namespace LayersFramework.Benchmarks;

/// <summary>
/// Times our transposed-convolution layers against TorchSharp's own <c>nn.ConvTranspose{1,2,3}d</c> in this process
/// on <see cref="ConvTransposeShape.Suite"/>, each shape in three <see cref="PairLayout"/>s (both channels-last, both
/// channels-first, and each side in its framework's default: ours NHWC, TorchSharp's NCHW): the same weights and
/// input values, float32, the same libtorch and threads, forward alone and forward plus backward (a dense upstream
/// gradient, gradients for the input and the weights), the two sides taking turns for a few rounds. Prints per shape
/// and layout the medians, the speedup, GFLOP/s, each side's peak memory (in a process of its own; the same-format
/// layouts only) and the path ours took, then the geometric-mean and the smallest forward+backward speedup per layout.
/// </summary>
internal static class ConvTransposeSuite
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Runs the suite.</summary>
    /// <param name="reps">Timed runs per side per round.</param>
    /// <param name="rounds">Alternating rounds.</param>
    /// <param name="filter">Only the shapes whose names contain this, or null for all.</param>
    /// <param name="probeMemory">Whether to measure peak memory (one short child process per shape, format and side).</param>
    /// <returns>The exit code.</returns>
    public static int Run(int reps, int rounds, string? filter, bool probeMemory)
    {
        Console.WriteLine(Runtime.Describe());
        Console.WriteLine(string.Create(Invariant, $"Transposed convolution, ours vs TorchSharp's nn.ConvTranspose (same process): float32, {rounds} alternating rounds of {reps} timed runs per side (medians); forward+backward gives input and weight gradients."));
        Console.WriteLine();
        Console.WriteLine($"{"shape",-38} {"layout",-9} {"pass",-7} {"ours ms",8} {"torch ms",8} {"speedup",7} {"ours GF/s",9} {"torch GF/s",10} {"ours MiB",8} {"torch MiB",9} {"max |diff|",10}  {"our path"}");
        var results = new List<Result>();
        var choices = new List<TransposedConvolutionChoice>();
        var shapes = ConvTransposeShape.Suite.Select((shape, index) => (shape, index)).Where(s => filter is null || s.shape.Name.Contains(filter, StringComparison.OrdinalIgnoreCase));
        foreach (var (shape, index) in shapes)
        {
            foreach (var layout in new[] { PairLayout.ChannelsLast, PairLayout.ChannelsFirst, PairLayout.Defaults })
            {
                // Forgotten per shape and format, so that the choices left afterwards are this one's: one per pass.
                TransposedConvolutionTuning.Clear();
                using var pair = ConvTransposePair.Create(shape, layout);
                var difference = pair.OutputDifference();
                foreach (var backward in new[] { false, true })
                {
                    var ours = new List<double>();
                    var theirs = new List<double>();
                    pair.RunOurs(backward);
                    pair.RunTheirs(backward);
                    for (var round = 0; round < rounds; round++)
                    {
                        for (var i = 0; i < reps; i++)
                        {
                            ours.Add(Measurement.Milliseconds(() => pair.RunOurs(backward)));
                        }

                        for (var i = 0; i < reps; i++)
                        {
                            theirs.Add(Measurement.Milliseconds(() => pair.RunTheirs(backward)));
                        }
                    }

                    var (oursPeak, theirsPeak) = backward && probeMemory && layout != PairLayout.Defaults
                        ? (MemoryProbe.ConvTranspose(index, layout, ours: true, reps), MemoryProbe.ConvTranspose(index, layout, ours: false, reps))
                        : (double.NaN, double.NaN);
                    var path = TransposedConvolutionTuning.Choices.Where(c => c.Backward == backward).Select(c => c.Path.ToString()).FirstOrDefault()
                        ?? nameof(TransposedConvolutionPath.LibtorchKernel); // no choice is recorded where only the kernel applies
                    var result = new Result(shape, layout, backward, Measurement.Median(ours), Measurement.Median(theirs), oursPeak, theirsPeak, path);
                    results.Add(result);
                    var flops = shape.ForwardFlops * (backward ? 3 : 1);
                    Console.WriteLine(string.Create(
                        Invariant,
                        $"{shape.Name,-38} {Label(layout),-9} {(backward ? "fwd+bwd" : "fwd"),-7} {result.OursMs,8:F2} {result.TheirsMs,8:F2} {result.Speedup,6:F2}x {flops / result.OursMs / 1e6,9:F1} {flops / result.TheirsMs / 1e6,10:F1} {Mib(oursPeak),8} {Mib(theirsPeak),9} {(difference is { } d ? d.ToString("E1", Invariant) : "shifted"),10}  {path}"));
                }

                choices.AddRange(TransposedConvolutionTuning.Choices.OrderBy(c => c.Backward));
            }
        }

        Console.WriteLine();
        Console.WriteLine("Paths timed by TransposedConvolutionTuning (each its best of its alternating runs, ms):");
        foreach (var choice in choices.Where(c => c.Milliseconds.Count > 0))
        {
            var times = string.Join(", ", choice.Milliseconds.OrderBy(pair => pair.Value).Select(pair => string.Create(Invariant, $"{pair.Key} {pair.Value:F2}")));
            Console.WriteLine($"  {(choice.Backward ? "fwd+bwd" : "fwd"),-8} {choice.Shape}: {times}");
        }

        Summarize(results);
        return 0;
    }

    private static void Summarize(List<Result> results)
    {
        var trained = results.Where(r => r.Backward).ToList();
        if (trained.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        foreach (var layout in new[] { PairLayout.ChannelsLast, PairLayout.ChannelsFirst, PairLayout.Defaults })
        {
            var rows = trained.Where(r => r.Layout == layout).ToList();
            if (rows.Count > 0)
            {
                var slowest = rows.MinBy(r => r.Speedup)!;
                Console.WriteLine(string.Create(
                    Invariant,
                    $"fwd+bwd, {Description(layout)}: geomean speedup vs TorchSharp {Measurement.GeometricMean(rows.Select(r => r.Speedup)):F2}x (min {slowest.Speedup:F2}x, {slowest.Shape.Name}; {rows.Count} shapes)"));
            }
        }

        var sameFormat = trained.Where(r => r.Layout != PairLayout.Defaults).ToList();
        if (sameFormat.Count > 0)
        {
            Console.WriteLine(string.Create(Invariant, $"fwd+bwd, same memory format, both formats: geomean {Measurement.GeometricMean(sameFormat.Select(r => r.Speedup)):F2}x (min {sameFormat.Min(r => r.Speedup):F2}x; {sameFormat.Count} rows)"));
        }

        var probed = trained.Where(r => !double.IsNaN(r.OursPeak)).ToList();
        if (probed.Count > 0)
        {
            var worst = probed.MaxBy(r => MemoryRatio(r))!;
            Console.WriteLine();
            Console.WriteLine(string.Create(
                Invariant,
                $"peak memory, fwd+bwd (resident-set growth over a pass, in a process of its own): largest ours {probed.Max(r => r.OursPeak):F0} MiB, TorchSharp {probed.Max(r => r.TheirsPeak):F0} MiB; " +
                $"largest ratio ours/TorchSharp {MemoryRatio(worst):F2} ({worst.Shape.Name} {Label(worst.Layout)}, {worst.OursPeak:F0} vs {worst.TheirsPeak:F0} MiB)"));
        }
    }

    /// <summary>Ours over theirs, with 1 MiB added to each so that near-empty peaks do not make large ratios.</summary>
    private static double MemoryRatio(Result result) => (result.OursPeak + 1) / (result.TheirsPeak + 1);

    /// <summary>The layout's column in the table: NHWC and NCHW for both sides in that format, "NHWC:NCHW" for ours NHWC against TorchSharp's NCHW.</summary>
    private static string Label(PairLayout layout) => layout switch
    {
        PairLayout.ChannelsLast => "NHWC",
        PairLayout.ChannelsFirst => "NCHW",
        _ => "NHWC:NCHW",
    };

    private static string Description(PairLayout layout) => layout switch
    {
        PairLayout.ChannelsLast => "both channels-last",
        PairLayout.ChannelsFirst => "both channels-first",
        _ => "each side in its default (ours NHWC, TorchSharp NCHW), the comparison users make",
    };

    private static string Mib(double value) => double.IsNaN(value) ? "-" : value.ToString("F0", Invariant);

    private sealed record Result(ConvTransposeShape Shape, PairLayout Layout, bool Backward, double OursMs, double TheirsMs, double OursPeak, double TheirsPeak, string Path)
    {
        public double Speedup => TheirsMs / OursMs;
    }
}

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
/// on <see cref="ConvTransposeShape.Suite"/>, each shape channels-last and channels-first: the same weights and input
/// values, float32, the same libtorch and threads, forward alone and forward plus backward (a dense upstream
/// gradient, gradients for the input and the weights), the two sides taking turns for a few rounds. Prints per shape
/// and format the medians, the speedup, GFLOP/s, each side's peak memory (in a process of its own) and the path ours
/// took, then the geometric-mean and the smallest forward+backward speedup, and the comparison users make: our
/// channels-last layer against TorchSharp's module on NCHW tensors.
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
        Console.WriteLine($"{"shape",-38} {"format",-6} {"pass",-7} {"ours ms",8} {"torch ms",8} {"speedup",7} {"ours GF/s",9} {"torch GF/s",10} {"ours MiB",8} {"torch MiB",9} {"max |diff|",10}  {"our path"}");
        var results = new List<Result>();
        var choices = new List<TransposedConvolutionChoice>();
        var shapes = ConvTransposeShape.Suite.Select((shape, index) => (shape, index)).Where(s => filter is null || s.shape.Name.Contains(filter, StringComparison.OrdinalIgnoreCase));
        foreach (var (shape, index) in shapes)
        {
            foreach (var channelsLast in new[] { true, false })
            {
                // Forgotten per shape and format, so that the choices left afterwards are this one's: one per pass.
                TransposedConvolutionTuning.Clear();
                using var pair = ConvTransposePair.Create(shape, channelsLast);
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

                    var (oursPeak, theirsPeak) = backward && probeMemory
                        ? (MemoryProbe.ConvTranspose(index, channelsLast, ours: true, reps), MemoryProbe.ConvTranspose(index, channelsLast, ours: false, reps))
                        : (double.NaN, double.NaN);
                    var path = TransposedConvolutionTuning.Choices.Where(c => c.Backward == backward).Select(c => c.Path.ToString()).FirstOrDefault()
                        ?? nameof(TransposedConvolutionPath.LibtorchKernel); // no choice is recorded where only the kernel applies
                    var result = new Result(shape, channelsLast, backward, Measurement.Median(ours), Measurement.Median(theirs), oursPeak, theirsPeak, path);
                    results.Add(result);
                    var flops = shape.ForwardFlops * (backward ? 3 : 1);
                    Console.WriteLine(string.Create(
                        Invariant,
                        $"{shape.Name,-38} {(channelsLast ? "NHWC" : "NCHW"),-6} {(backward ? "fwd+bwd" : "fwd"),-7} {result.OursMs,8:F2} {result.TheirsMs,8:F2} {result.Speedup,6:F2}x {flops / result.OursMs / 1e6,9:F1} {flops / result.TheirsMs / 1e6,10:F1} {Mib(oursPeak),8} {Mib(theirsPeak),9} {(difference is { } d ? d.ToString("E1", Invariant) : "shifted"),10}  {path}"));
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
        foreach (var (label, rows) in new[] { ("both formats", trained), ("channels-last", trained.Where(r => r.ChannelsLast).ToList()), ("channels-first", trained.Where(r => !r.ChannelsLast).ToList()) })
        {
            if (rows.Count > 0)
            {
                var slowest = rows.MinBy(r => r.Speedup)!;
                Console.WriteLine(string.Create(
                    Invariant,
                    $"fwd+bwd, same memory format, {label}: geomean speedup vs TorchSharp {Measurement.GeometricMean(rows.Select(r => r.Speedup)):F2}x (min {slowest.Speedup:F2}x, {slowest.Shape.Name} {(slowest.ChannelsLast ? "NHWC" : "NCHW")}; {rows.Count} shapes)"));
            }
        }

        // The comparison users make: Keras's default layout for us, PyTorch's default layout for TorchSharp.
        var users = trained.Where(r => r.ChannelsLast)
            .Select(ours => (ours, theirs: trained.FirstOrDefault(t => !t.ChannelsLast && t.Shape == ours.Shape)))
            .Where(p => p.theirs is not null)
            .Select(p => (p.ours.Shape, Speedup: p.theirs!.TheirsMs / p.ours.OursMs))
            .ToList();
        if (users.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("Ours channels-last (NHWC data) vs TorchSharp's module on NCHW tensors, fwd+bwd:");
            foreach (var (shape, speedup) in users)
            {
                Console.WriteLine(string.Create(Invariant, $"  {shape.Name,-38} {speedup,6:F2}x"));
            }

            Console.WriteLine(string.Create(Invariant, $"  geomean {Measurement.GeometricMean(users.Select(u => u.Speedup)):F2}x (min {users.Min(u => u.Speedup):F2}x)"));
        }

        var probed = trained.Where(r => !double.IsNaN(r.OursPeak)).ToList();
        if (probed.Count > 0)
        {
            var worst = probed.MaxBy(r => MemoryRatio(r))!;
            Console.WriteLine();
            Console.WriteLine(string.Create(
                Invariant,
                $"peak memory, fwd+bwd (resident-set growth over a pass, in a process of its own): largest ours {probed.Max(r => r.OursPeak):F0} MiB, TorchSharp {probed.Max(r => r.TheirsPeak):F0} MiB; " +
                $"largest ratio ours/TorchSharp {MemoryRatio(worst):F2} ({worst.Shape.Name} {(worst.ChannelsLast ? "NHWC" : "NCHW")}, {worst.OursPeak:F0} vs {worst.TheirsPeak:F0} MiB)"));
        }
    }

    /// <summary>Ours over theirs, with 1 MiB added to each so that near-empty peaks do not make large ratios.</summary>
    private static double MemoryRatio(Result result) => (result.OursPeak + 1) / (result.TheirsPeak + 1);

    private static string Mib(double value) => double.IsNaN(value) ? "-" : value.ToString("F0", Invariant);

    private sealed record Result(ConvTransposeShape Shape, bool ChannelsLast, bool Backward, double OursMs, double TheirsMs, double OursPeak, double TheirsPeak, string Path)
    {
        public double Speedup => TheirsMs / OursMs;
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using LayersFramework.Layers;
using LayersFramework.Ops;
using LayersFramework.Torch;

namespace LayersFramework.Benchmarks;

/// <summary>
/// Times our transposed-convolution layers against PyTorch's <c>nn.ConvTranspose{1,2,3}d</c> on
/// <see cref="ConvTransposeShape.Suite"/>: forward, and forward plus backward (input and weight gradients), float32,
/// the same libtorch and thread count, alternating the two sides three times per shape. Prints per shape the median
/// times, the speedup, GFLOP/s and peak memory, then the geometric-mean speedup of forward plus backward.
/// </summary>
internal static class ConvTransposeSuite
{
    private const int Rounds = 3;

    public static int Run(int reps, string? filter = null)
    {
        var threads = TorchRuntime.IntraOpThreads;
        Console.WriteLine(TorchRuntime.Report());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Transposed convolution vs PyTorch (Debian python3-torch, the same libtorch): float32, {threads} threads, {Rounds} alternating rounds of {reps} timed runs per side (medians)."));
        Console.WriteLine();
        Console.WriteLine($"{"shape",-52} {"pass",-8} {"ours ms",9} {"torch ms",9} {"speedup",8} {"ours GF/s",10} {"torch GF/s",10} {"ours MiB",9} {"torch MiB",9}  {"our path"}");
        using var torch = PyTorchProcess.Start();
        var speedups = new List<double>();
        double suitePeakOurs = 0, suitePeakTheirs = 0;
        var choices = new List<TransposedConvolutionChoice>();
        foreach (var shape in ConvTransposeShape.Suite.Where(s => filter is null || s.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)))
        {
            // Forgotten per shape, so that the choices left afterwards are this shape's: one per pass.
            TransposedConvolutionTuning.Clear();
            foreach (var backward in new[] { false, true })
            {
                var ours = new List<double>();
                var theirs = new List<double>();
                double oursPeak = 0, theirsPeak = 0;
                for (var round = 0; round < Rounds; round++)
                {
                    var (times, peak) = TimeOurs(shape, backward, reps);
                    ours.AddRange(times);
                    oursPeak = Math.Max(oursPeak, peak);
                    (times, peak) = torch.Time(shape, backward, reps, threads);
                    theirs.AddRange(times);
                    theirsPeak = Math.Max(theirsPeak, peak);
                }

                var (oursMs, theirsMs) = (Median(ours), Median(theirs));
                suitePeakOurs = Math.Max(suitePeakOurs, oursPeak);
                suitePeakTheirs = Math.Max(suitePeakTheirs, theirsPeak);
                var flops = shape.ForwardFlops * (backward ? 3 : 1);
                var speedup = theirsMs / oursMs;
                if (backward)
                {
                    speedups.Add(speedup);
                }

                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{shape.Name,-52} {(backward ? "fwd+bwd" : "fwd"),-8} {oursMs,9:F2} {theirsMs,9:F2} {speedup,7:F2}x {flops / oursMs / 1e6,10:F1} {flops / theirsMs / 1e6,10:F1} {oursPeak,9:F0} {theirsPeak,9:F0}  {TransposedConvolutionTuning.Choices.Single(c => c.Backward == backward).Path}"));
            }

            choices.AddRange(TransposedConvolutionTuning.Choices.OrderBy(c => c.Backward));
        }

        Console.WriteLine();
        Console.WriteLine("Paths timed once per shape by TransposedConvolutionTuning (each its best of three alternating runs, ms):");
        foreach (var choice in choices.Where(c => c.Milliseconds.Count > 0))
        {
            var times = string.Join(", ", choice.Milliseconds.OrderBy(pair => pair.Value).Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key} {pair.Value:F2}")));
            Console.WriteLine($"  {(choice.Backward ? "fwd+bwd" : "fwd"),-8} {choice.Shape}: {times}");
        }

        var geomean = Math.Exp(speedups.Average(Math.Log));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak memory over the suite (resident-set growth during a shape's timed runs): ours {suitePeakOurs:F0} MiB, PyTorch {suitePeakTheirs:F0} MiB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"geomean speedup vs PyTorch: {geomean:F2}x (min {speedups.Min():F2}x over {speedups.Count} shapes)"));
        return 0;
    }

    private static (double[] Times, double PeakMiB) TimeOurs(ConvTransposeShape shape, bool backward, int reps)
    {
        using var scope = new DisposeScope();
        using var layer = Create(shape);
        long[] spatial = Enumerable.Repeat((long)shape.Size, shape.Rank).ToArray();
        long[] inputShape = shape.ChannelsLast ? [shape.Batch, .. spatial, shape.In] : [shape.Batch, shape.In, .. spatial];
        using var generator = new Generator(1);
        var x = Tensor.Randn(inputShape, generator).WithRequiresGrad(backward);

        // The upstream gradient is dense, as a real loss's is, in the output's layout; PyTorch's side does the same.
        Tensor upstream;
        using (Autograd.NoGrad())
        {
            upstream = Tensor.OnesLike(layer.Call(x));
        }

        void Once()
        {
            using var step = new DisposeScope();
            using var mode = backward ? Autograd.EnableGrad() : Autograd.NoGrad();
            var y = layer.Call(x);
            if (backward)
            {
                y.Backward(upstream);
                foreach (var weight in layer.Weights)
                {
                    weight.Value.ZeroGrad();
                }

                x.ZeroGrad();
            }
        }

        Once();
        var before = ResidentMiB("VmRSS");
        ResetPeak();
        var times = new double[reps];
        for (var i = 0; i < reps; i++)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            Once();
            times[i] = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return (times, Math.Max(0, ResidentMiB("VmHWM") - before));
    }

    private static Layer Create(ConvTransposeShape shape)
    {
        var format = shape.ChannelsLast ? "channels_last" : "channels_first";
        return shape.Rank switch
        {
            1 => new Conv1DTranspose(shape.Out, shape.Kernel, strides: shape.Stride, padding: shape.Padding, dataFormat: format),
            2 => new Conv2DTranspose(shape.Out, shape.Kernel, strides: shape.Stride, padding: shape.Padding, dataFormat: format),
            _ => new Conv3DTranspose(shape.Out, shape.Kernel, strides: shape.Stride, padding: shape.Padding, dataFormat: format),
        };
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double ResidentMiB(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return 0;
    }

    /// <summary>Resets the process's peak resident set (Linux 4.0+), so that VmHWM measures from here.</summary>
    private static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");
}

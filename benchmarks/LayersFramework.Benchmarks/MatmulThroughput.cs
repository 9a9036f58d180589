// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using System.Linq;
using static TorchSharp.torch;

namespace LayersFramework.Benchmarks;

/// <summary>Measures sgemm throughput through TorchSharp: the ceiling every convolution path is judged against.</summary>
internal static class MatmulThroughput
{
    public static int Run(int n)
    {
        Console.WriteLine(Runtime.Describe());
        using var generator = new TorchSharp.torch.Generator(0);
        using var a = randn([n, n], generator: generator);
        using var b = randn([n, n], generator: generator);
        var flops = 2.0 * n * n * n;

        // Warm up the BLAS threads and caches, then time enough products for about two seconds.
        for (var i = 0; i < 3; i++)
        {
            a.matmul(b).Dispose();
        }

        var repetitions = Math.Max(5, (int)(2.0 / Time(a, b)));
        var seconds = Enumerable.Range(0, repetitions).Select(_ => Time(a, b)).Order().ToArray();
        var median = seconds[seconds.Length / 2];
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"sgemm {n}x{n}: median {median * 1000:F2} ms over {repetitions} products, {flops / median / 1e9:F1} GFLOP/s (best {flops / seconds[0] / 1e9:F1})"));
        return 0;
    }

    private static double Time(Tensor a, Tensor b) => Measurement.Milliseconds(() => a.matmul(b).Dispose()) / 1000;
}

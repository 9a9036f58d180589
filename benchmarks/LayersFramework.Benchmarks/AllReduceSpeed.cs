// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using LayersFramework.Distributed;
using static TorchSharp.torch;

namespace LayersFramework.Benchmarks;

/// <summary>
/// The time of one in-place all-reduce (sum) of float32 gradients over the ranks of an mpirun job, after a barrier so
/// that no rank waits for another: the transfer cost alone, for the scaling model in docs/distributed.md.
/// </summary>
internal static class AllReduceSpeed
{
    public static int Run(double megabytes, int reps) => World.Run(world =>
    {
        if (world.Size == 1)
        {
            Console.Error.WriteLine("allreduce: run it under mpirun with 2 or more processes, for example: mpirun -np 2 dotnet LayersFramework.Benchmarks.dll allreduce");
            return 1;
        }

        using var buffer = ones([(long)(megabytes * 1e6 / sizeof(float))]);
        var times = new List<double>();
        for (var i = 0; i < reps + 3; i++)
        {
            world.Barrier();
            var milliseconds = Measurement.Milliseconds(() => world.AllReduceSum(buffer));
            if (i >= 3)
            {
                times.Add(milliseconds);
            }
        }

        if (world.IsRoot)
        {
            var median = Measurement.Median(times);
            var bytes = buffer.numel() * sizeof(float);

            // A ring all-reduce moves 2 (N − 1) / N of the buffer in and out of each rank.
            var busBandwidth = 2.0 * (world.Size - 1) / world.Size * bytes / (median / 1000) / 1e9;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"all-reduce of {bytes / 1e6:F2} MB float32 over {world.Size} processes: median {median:F2} ms of {reps} (after a barrier each), {busBandwidth:F2} GB/s per rank in the ring model"));
        }

        return 0;
    });
}

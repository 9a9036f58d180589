// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using BenchmarkDotNet.Running;
using LayersFramework.Benchmarks;

// matmul:   sgemm GFLOP/s of an n x n float32 product through the binding (default n = 1024).
// overhead: BenchmarkDotNet's measurement of one binding call on a tiny tensor.
// convtranspose [reps [name filter]]: our Conv{1,2,3}DTranspose layers against PyTorch's nn.ConvTranspose on the suite (default 5 timed runs per round).
switch (args.Length > 0 ? args[0] : "matmul")
{
    case "matmul":
        return MatmulThroughput.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1024);
    case "convtranspose":
        return ConvTransposeSuite.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5, args.Length > 2 ? args[2] : null);
    case "overhead":
        BenchmarkRunner.Run<BindingOverhead>(args: args[1..]);
        return 0;
    default:
        Console.WriteLine("usage: LayersFramework.Benchmarks [matmul [n] | convtranspose [reps [filter]] | overhead [BenchmarkDotNet options]]");
        return 2;
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using LayersFramework.Benchmarks;

// convtranspose [reps [rounds [filter]]]: our Conv{1,2,3}DTranspose layers vs TorchSharp's nn.ConvTranspose{1,2,3}d
//     on the suite, both memory formats (defaults: 5 timed runs per side per round, 3 rounds, every shape).
// gan-step [steps [rounds]]: one FashionGan training step, ours vs plain TorchSharp (defaults: 10 steps, 5 rounds).
// gan-parts [reps [rounds]]: the GAN step's layers, loss and optimizer step one by one, ours vs TorchSharp (defaults: 10, 3).
// overhead [rounds]: the per-call cost of our layer beyond TorchSharp's module on a tiny shape (default 7 rounds).
// matmul [n]: sgemm GFLOP/s of an n x n float32 product (default n = 1024).
// --no-memory (anywhere): skip the peak-memory probes, which start a short process per shape, format and side.
// probe ...: one side's peak memory, in a process of its own (started by the benchmarks above).
var probeMemory = Array.IndexOf(args, "--no-memory") < 0;
args = Array.FindAll(args, a => a != "--no-memory");
int Int(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
switch (args.Length > 0 ? args[0] : "convtranspose")
{
    case "convtranspose":
        return ConvTransposeSuite.Run(Int(1, 5), Int(2, 3), args.Length > 3 ? args[3] : null, probeMemory);
    case "gan-step":
        return GanStep.Run(Int(1, 10), Int(2, 5), probeMemory);
    case "gan-parts":
        return GanComponents.Run(Int(1, 10), Int(2, 3));
    case "overhead":
        return CallOverhead.Run(Int(1, 7));
    case "matmul":
        return MatmulThroughput.Run(Int(1, 1024));
    case "probe":
        return MemoryProbe.RunChild(args[1..]);
    default:
        Console.WriteLine("usage: LayersFramework.Benchmarks [convtranspose [reps [rounds [filter]]] | gan-step [steps [rounds]] | gan-parts [reps [rounds]] | overhead [rounds] | matmul [n]] [--no-memory]");
        return 2;
}

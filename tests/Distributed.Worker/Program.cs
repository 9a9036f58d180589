// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using System.IO;
using LayersFramework.Distributed;
using LayersFramework.Distributed.Worker;
using LayersFramework.Training;

// Started by the distributed tests under mpirun:
//   train <steps> <folder> [bucket bytes]   trains TinyTraining data-parallel; every rank writes its weights to
//                                           <folder>/rank<r>.safetensors and says how many all-reduces it made
//   fail                     rank 1 throws while rank 0 waits in an all-reduce: the job must end, not hang
return World.Run(world =>
{
    switch (args)
    {
        case ["train", var steps, var folder, .. var rest]:
            var bucketBytes = rest is [var bytes] ? int.Parse(bytes, CultureInfo.InvariantCulture) : DataParallel.DefaultBucketBytes;
            var (weights, allReduces) = TinyTraining.Run(world, int.Parse(steps, CultureInfo.InvariantCulture), bucketBytes);
            TensorFile.Save(Path.Combine(folder, $"rank{world.Rank}.safetensors"), weights);
            Console.WriteLine($"rank {world.Rank} of {world.Size} (local {world.LocalRank} of {world.LocalSize}) trained {steps} steps with {allReduces} gradient all-reduces");
            foreach (var weight in weights.Values)
            {
                weight.Dispose();
            }

            return 0;
        case ["fail"]:
            using (var value = TorchSharp.torch.ones(4))
            {
                if (world.Rank == 1)
                {
                    throw new InvalidOperationException("rank 1 fails on purpose");
                }

                world.AllReduceSum(value); // rank 1 never joins
            }

            return 0;
        default:
            Console.Error.WriteLine("usage: LayersFramework.Distributed.Worker train <steps> <folder> | fail");
            return 2;
    }
});

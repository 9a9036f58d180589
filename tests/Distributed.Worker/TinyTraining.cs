// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using LayersFramework.Engine;
using LayersFramework.Layers;
using LayersFramework.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Distributed.Worker;

/// <summary>
/// A small model without batch normalization (Conv2DTranspose, Flatten, Dense) trained with Adam on fixed global
/// batches of 7 rows, which 2 ranks split 4 + 3: data-parallel on a <see cref="World"/>, or as a plain loop.
/// Each rank starts from its own random weights, so only the broadcast makes them equal.
/// </summary>
internal static class TinyTraining
{
    public const int GlobalBatch = 7;

    /// <summary>Trains and returns the final weights by path.</summary>
    /// <param name="world">The ranks; null for the plain loop of one process.</param>
    /// <param name="steps">Training steps.</param>
    /// <param name="bucketBytes">The data-parallel bucket size.</param>
    /// <returns>Copies of the weights (owned by the caller) and the number of gradient all-reduces.</returns>
    public static (Dictionary<string, Tensor> Weights, long AllReduces) Run(World? world, int steps, int bucketBytes = DataParallel.DefaultBucketBytes)
    {
        TorchRuntime.ManualSeed(11 + (ulong)(world?.Rank ?? 0));
        using var model = new Sequential(
        [
            new Conv2DTranspose(3, 3, strides: 2, padding: "same", activation: "relu", name: "up"),
            new Flatten(name: "flatten"),
            new Dense(1, name: "out"),
        ],
        name: "tiny");
        using var optimizer = new Adam(0.01);
        using var parallel = world is null ? null : new DataParallel(world, bucketBytes);
        using (var build = NewDisposeScope())
        {
            model.Call(zeros(1, 4, 4, 2));
        }

        parallel?.BroadcastWeights(model);
        using var data = new torch.Generator(5);
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            var x = randn([GlobalBatch, 4, 4, 2], generator: data);
            var y = randn([GlobalBatch, 1], generator: data);
            var (start, count) = parallel?.ShareOf(GlobalBatch) ?? (0, GlobalBatch);
            Optimizer.ZeroGradients(model.TrainableWeights);
            new MeanSquaredError().Compute(y.narrow(0, start, count), model.Call(x.narrow(0, start, count), training: true)).backward();
            parallel?.AverageGradients(model.TrainableWeights, count, GlobalBatch);
            optimizer.Step(model.TrainableWeights);
        }

        return (model.Weights.ToDictionary(w => w.Path, w => w.Value.detach().clone().DetachFromDisposeScope()), parallel?.AllReduceCount ?? 0);
    }
}

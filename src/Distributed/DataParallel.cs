// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using LayersFramework.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Distributed;

/// <summary>
/// Data-parallel training over a <see cref="World"/>, as PyTorch's DistributedDataParallel and Horovod do it: every
/// rank holds the same weights, computes the gradients of its share of each global batch, and the gradients are
/// averaged (flattened into buckets, one all-reduce per bucket) before every rank takes the same optimizer step.
/// </summary>
/// <remarks>
/// <para>
/// A step, from a user's own loop:
/// <code>
/// var (start, count) = parallel.ShareOf(globalBatch);     // this rank's rows of the global batch
/// Optimizer.ZeroGradients(model.TrainableWeights);
/// loss.Compute(y.narrow(0, start, count), model.Call(x.narrow(0, start, count), training: true)).backward();
/// parallel.AverageGradients(model.TrainableWeights, count, globalBatch);
/// optimizer.Step(model.TrainableWeights);
/// parallel.SynchronizeMovingStatistics(model);            // only for models with batch normalization
/// </code>
/// With a loss that is a mean over the batch, the averaged gradient is the gradient of the global batch's mean loss,
/// even when the batch does not split evenly: each rank's gradient is weighted by its share of the rows.
/// </para>
/// <para>
/// Batch normalization, as DistributedDataParallel does by default: in training each rank normalizes with its own
/// share's statistics (not synchronized: a synchronized variant would add an all-reduce per layer and per step);
/// the moving statistics are then made rank 0's on every rank by <see cref="SynchronizeMovingStatistics"/> (PyTorch's
/// <c>broadcast_buffers</c>), so all ranks keep identical weights. With a small per-rank batch, per-rank statistics
/// are noisier than one process's over the global batch.
/// </para>
/// </remarks>
public sealed class DataParallel : IDisposable
{
    /// <summary>The default bucket size, DistributedDataParallel's 25 MiB.</summary>
    public const int DefaultBucketBytes = 25 << 20;

    private readonly Dictionary<WeightList, List<Bucket>> plans = [];
    private readonly Stopwatch communication = new();

    /// <summary>Initializes a new instance of the <see cref="DataParallel"/> class.</summary>
    /// <param name="world">The ranks.</param>
    /// <param name="bucketBytes">The most gradient bytes one all-reduce carries (a larger gradient gets a bucket of its own).</param>
    public DataParallel(World world, int bucketBytes = DefaultBucketBytes)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketBytes, 1);
        World = world;
        BucketBytes = bucketBytes;
    }

    /// <summary>Gets the ranks.</summary>
    public World World { get; }

    /// <summary>Gets the most gradient bytes one all-reduce carries.</summary>
    public int BucketBytes { get; }

    /// <summary>Gets the time spent in the gradients' all-reduces so far.</summary>
    public TimeSpan AllReduceTime => communication.Elapsed;

    /// <summary>Gets the number of all-reduces of gradients so far.</summary>
    public long AllReduceCount { get; private set; }

    /// <summary>Gets the bytes of gradients all-reduced so far (this rank's side).</summary>
    public long AllReduceBytes { get; private set; }

    /// <summary>Gives every rank rank 0's weights (trainable and moving statistics): call it once the model is built, before training.</summary>
    /// <param name="model">The model, built.</param>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    public void BroadcastWeights(Layer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.Built)
        {
            throw new InvalidOperationException($"Model {model.Name} is not built: call it once before broadcasting its weights.");
        }

        Broadcast(model.Weights);
    }

    /// <summary>Gives every rank rank 0's moving statistics (batch normalization's), as DistributedDataParallel's <c>broadcast_buffers</c> does each step.</summary>
    /// <param name="model">The model.</param>
    public void SynchronizeMovingStatistics(Layer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Broadcast(model.NonTrainableWeights);
    }

    /// <summary>This rank's rows of a global batch: an even split, the first <c>globalBatch mod size</c> ranks taking one row more.</summary>
    /// <param name="globalBatch">The global batch size, at least the number of ranks.</param>
    /// <returns>The first row and the number of rows.</returns>
    public (long Start, long Count) ShareOf(long globalBatch)
    {
        if (globalBatch < World.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(globalBatch), globalBatch, $"A global batch must have at least one row per rank ({World.Size}).");
        }

        return Share(World.Rank, World.Size, globalBatch);
    }

    /// <summary>Rank <paramref name="rank"/>'s rows of <paramref name="globalBatch"/> split over <paramref name="size"/> ranks.</summary>
    internal static (long Start, long Count) Share(int rank, int size, long globalBatch)
    {
        var baseCount = globalBatch / size;
        var extra = globalBatch % size;
        var count = baseCount + (rank < extra ? 1 : 0);
        var start = (rank * baseCount) + Math.Min(rank, extra);
        return (start, count);
    }

    /// <summary>
    /// Replaces each weight's gradient by the global batch's: the ranks' gradients weighted by their shares of the
    /// rows and summed, one all-reduce per bucket. Every rank must call it with the same weights in the same order.
    /// </summary>
    /// <param name="weights">The weights whose gradients to average, such as a model's <see cref="Layer.TrainableWeights"/>.</param>
    /// <param name="localCount">The rows this rank's gradients are the mean loss of.</param>
    /// <param name="globalCount">The rows of the global batch.</param>
    /// <remarks>A weight without a gradient on this rank contributes zeros and stays without one.</remarks>
    public void AverageGradients(IReadOnlyList<Variable> weights, long localCount, long globalCount)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfLessThan(localCount, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(globalCount, Math.Max(1, localCount));
        if (World.Size == 1 && localCount == globalCount)
        {
            return;
        }

        var scale = (double)localCount / globalCount;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var bucket in BucketsOf(weights))
        {
            var flat = bucket.Buffer;
            foreach (var (weight, offset, count) in bucket.Members)
            {
                var part = flat.narrow(0, offset, count);
                var grad = weight.Value.grad;
                if (grad is null)
                {
                    part.zero_();
                }
                else
                {
                    part.copy_(grad.reshape(-1));
                }
            }

            flat.mul_(scale);
            communication.Start();
            World.AllReduceSum(flat);
            communication.Stop();
            AllReduceCount++;
            AllReduceBytes += flat.numel() * flat.element_size();
            foreach (var (weight, offset, count) in bucket.Members)
            {
                weight.Value.grad?.copy_(flat.narrow(0, offset, count).view_as(weight.Value.grad));
            }
        }
    }

    /// <summary>Frees the buckets' buffers.</summary>
    public void Dispose()
    {
        foreach (var bucket in plans.Values.SelectMany(buckets => buckets))
        {
            bucket.Buffer.Dispose();
        }

        plans.Clear();
    }

    private void Broadcast(IEnumerable<Variable> weights)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var weight in weights)
        {
            var value = weight.Value;
            if (value.is_contiguous() && value.device_type == DeviceType.CPU)
            {
                World.Broadcast(value);
            }
            else
            {
                var copy = value.cpu().contiguous();
                World.Broadcast(copy);
                value.copy_(copy);
            }
        }
    }

    /// <summary>The buckets for these weights, planned once per list: in reverse order (the last layers' gradients are ready first, as in DDP), by dtype, up to <see cref="BucketBytes"/> each.</summary>
    private List<Bucket> BucketsOf(IReadOnlyList<Variable> weights)
    {
        var key = new WeightList([.. weights]);
        if (plans.TryGetValue(key, out var planned))
        {
            return planned;
        }

        var buckets = new List<Bucket>();
        foreach (var group in weights.Reverse().GroupBy(w => w.Value.dtype))
        {
            var members = new List<(Variable, long, long)>();
            long bytes = 0, elements = 0;
            var elementSize = group.First().Value.element_size();
            foreach (var weight in group)
            {
                var count = weight.Value.numel();
                if (members.Count > 0 && bytes + (count * elementSize) > BucketBytes)
                {
                    buckets.Add(NewBucket(members, elements, group.Key));
                    (members, bytes, elements) = ([], 0, 0);
                }

                members.Add((weight, elements, count));
                elements += count;
                bytes += count * elementSize;
            }

            if (members.Count > 0)
            {
                buckets.Add(NewBucket(members, elements, group.Key));
            }
        }

        plans[key] = buckets;
        return buckets;
    }

    private static Bucket NewBucket(List<(Variable, long, long)> members, long elements, ScalarType dtype) =>
        new(members, torch.zeros([elements], dtype).DetachFromDisposeScope());

    /// <summary>A list of weights compared by identity and order, so a model's <c>TrainableWeights</c> (a new list at each call) finds its plan again.</summary>
    private readonly struct WeightList(Variable[] weights) : IEquatable<WeightList>
    {
        private readonly Variable[] weights = weights;

        public bool Equals(WeightList other) => weights.AsSpan().SequenceEqual(other.weights, ReferenceEqualityComparer.Instance);

        public override bool Equals(object? obj) => obj is WeightList other && Equals(other);

        public override int GetHashCode()
        {
            var hash = default(HashCode);
            foreach (var weight in weights)
            {
                hash.Add(RuntimeHelpers.GetHashCode(weight));
            }

            return hash.ToHashCode();
        }
    }

    /// <summary>Gradients that travel together: each weight's place in one flat buffer.</summary>
    private sealed record Bucket(List<(Variable Weight, long Offset, long Count)> Members, Tensor Buffer);
}

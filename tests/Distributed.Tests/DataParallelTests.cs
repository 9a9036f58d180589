// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Distributed.Worker;
using LayersFramework.Training;

namespace LayersFramework.Distributed.Tests;

/// <summary>Data-parallel training on 2 ranks under mpirun against one process on the same global batches, and a failing rank.</summary>
public sealed class DataParallelTests : IDisposable
{
    private const int Steps = 5;
    private readonly string folder = Directory.CreateTempSubdirectory("lf-distributed-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData(DataParallel.DefaultBucketBytes, 1)] // every gradient in one bucket
    [InlineData(256, 3)]                              // out/bias | out/kernel | up/bias + up/kernel, as the test's comment works out
    public async Task TwoRanksOnLoopback_EndWithOneProcesssWeights_AndWithIdenticalWeights(int bucketBytes, int buckets)
    {
        var (exitCode, output, error, _) = await MpiJob.RunAsync(2, "train", Steps.ToString(System.Globalization.CultureInfo.InvariantCulture), folder, bucketBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(exitCode == 0, $"mpirun exited with {exitCode}:\n{output}\n{error}");

        using var scope = NewDisposeScope();
        var rank0 = TensorFile.Load(Path.Combine(folder, "rank0.safetensors")).Tensors;
        var rank1 = TensorFile.Load(Path.Combine(folder, "rank1.safetensors")).Tensors;
        var (alone, _) = TinyTraining.Run(world: null, Steps);

        // The global batch of 7 rows splits 4 + 3; each rank starts from its own random weights until the broadcast.
        Assert.Equal(alone.Keys.Order(), rank0.Keys.Order());
        foreach (var (path, expected) in alone)
        {
            Assert.Equal(TensorAssert.Values(rank0[path]), TensorAssert.Values(rank1[path]));
            TensorAssert.Close(TensorAssert.Values(expected), TensorAssert.Values(rank0[path]), 1e-5, 1e-6);
            expected.Dispose();
        }

        // Weights out/bias (1 float), out/kernel (192), up/bias (3), up/kernel (54), bucketed from the last: with 256
        // bytes, out/bias's 4 bytes cannot take out/kernel's 768, which cannot take up/bias's 12; up/bias and up/kernel (216) fit together.
        Assert.Equal(2, output.Split($"trained {Steps} steps with {Steps * buckets} gradient all-reduces").Length - 1);
    }

    [Fact]
    public async Task ARankThatThrows_EndsTheWholeJob_WithANonZeroExit_WithinSeconds()
    {
        var (exitCode, output, error, elapsed) = await MpiJob.RunAsync(2, "fail");

        Assert.NotEqual(0, exitCode);
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"the job took {elapsed} to end");
        Assert.Contains("rank 1 of 2 failed, ending the job", error + output, StringComparison.Ordinal);
        Assert.Contains("rank 1 fails on purpose", error + output, StringComparison.Ordinal);
    }

    [Fact]
    public void AWorldOfOne_WithoutMpirun_TrainsExactlyAsThePlainLoop()
    {
        using var world = World.Start();
        var (parallel, allReduces) = TinyTraining.Run(world, Steps);
        var (plain, _) = TinyTraining.Run(world: null, Steps);

        Assert.Equal((0, 1, 0, 1), (world.Rank, world.Size, world.LocalRank, world.LocalSize));
        Assert.Equal(0, allReduces);
        foreach (var (path, expected) in plain)
        {
            Assert.Equal(TensorAssert.Values(expected), TensorAssert.Values(parallel[path]));
            expected.Dispose();
            parallel[path].Dispose();
        }
    }
}

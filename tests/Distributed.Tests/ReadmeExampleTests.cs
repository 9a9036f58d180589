// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Layers;
using LayersFramework.Training;

namespace LayersFramework.Distributed.Tests;

/// <summary>The README's data-parallel loop, verbatim between the markers, in a world of one.</summary>
public sealed class ReadmeExampleTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("lf-distributed-readme-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void TheDataParallelLoop_RunsAsTheReadmeSays_AndLeavesNoTensors()
    {
        var path = Path.Combine(folder, "model.safetensors");
        var baseline = LiveTensors.Count;
        using (var data = NewDisposeScope())
        {
            using var model = new Sequential([new Dense(4, activation: "relu"), new BatchNormalization(), new Dense(1)]);
            using var optimizer = new Adam(0.01);
            var loss = new MeanSquaredError();
            var sample = zeros(1, 3);
            using var random = new torch.Generator(9);
            var globalBatches = Enumerable.Range(0, 4).Select(_ => (randn([8, 3], generator: random), randn([8, 1], generator: random))).ToList();

            // --- README example: data-parallel begins ---
            var exitCode = World.Run(world =>              // mpirun's ranks, or a world of one; a failing rank ends the job
            {
                using var parallel = new DataParallel(world);
                model.Call(sample);                         // build, then give every rank rank 0's weights
                parallel.BroadcastWeights(model);
                foreach (var (x, y) in globalBatches)       // the same global batches on every rank
                {
                    using var scope = torch.NewDisposeScope();
                    var (start, count) = parallel.ShareOf(x.size(0));
                    Optimizer.ZeroGradients(model.TrainableWeights);
                    loss.Compute(y.narrow(0, start, count), model.Call(x.narrow(0, start, count), training: true)).backward();
                    parallel.AverageGradients(model.TrainableWeights, count, x.size(0)); // one all-reduce per 25 MiB bucket
                    optimizer.Step(model.TrainableWeights);
                    parallel.SynchronizeMovingStatistics(model); // batch normalization's moving statistics: rank 0's
                }

                if (world.IsRoot)
                {
                    Checkpoint.Save(path, model, optimizer);
                }

                return 0;
            });
            // --- README example: data-parallel ends ---

            Assert.Equal(0, exitCode);
            Assert.Equal(4, optimizer.Iterations);
        }

        Assert.True(File.Exists(path));
        Assert.Equal(baseline, LiveTensors.Count);
    }

    [Fact]
    public void TheDataParallelLoop_IsTheCodeInTheReadme() =>
        ReadmeSnippet.AssertInReadme("tests/Distributed.Tests/ReadmeExampleTests.cs", "data-parallel");
}

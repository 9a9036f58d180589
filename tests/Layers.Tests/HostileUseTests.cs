// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Layers;

namespace LayersFramework.Layers.Tests;

/// <summary>Defects a hostile user found: an empty batch in training, a first call from many threads at once.</summary>
public sealed class HostileUseTests
{
    [Fact]
    public void AnEmptyBatchInTraining_GivesAnEmptyOutput_AndLeavesTheMovingStatisticsAsTheyWere()
    {
        using var scope = NewDisposeScope();
        using var layer = new BatchNormalization();
        using var generator = new torch.Generator(2);
        layer.Call(randn([8, 3], generator: generator) * 2 + 1, training: true);
        var mean = layer.MovingMean!.Value.clone();
        var variance = layer.MovingVariance!.Value.clone();

        var output = layer.Call(zeros(0, 3), training: true);
        var images = layer.Call(zeros(0, 3), training: false);

        Assert.Equal(new long[] { 0, 3 }, output.shape);
        Assert.Equal(new long[] { 0, 3 }, images.shape);
        Assert.Equal(mean.data<float>().ToArray(), layer.MovingMean.Value.data<float>().ToArray());
        Assert.Equal(variance.data<float>().ToArray(), layer.MovingVariance.Value.data<float>().ToArray());
    }

    [Fact]
    public void TheFirstCallFromEightThreadsAtOnce_BuildsOneSetOfWeights_AndEveryThreadGetsTheSerialResult()
    {
        for (var trial = 0; trial < 10; trial++)
        {
            using var scope = NewDisposeScope();
            using var layer = new Conv2DTranspose(4, 3, strides: 2, padding: "same");
            using var input = ones(2, 5, 5, 3);
            var outputs = new float[8][];

            Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                using var threadScope = NewDisposeScope();
                outputs[i] = layer.Call(input).data<float>().ToArray();
            });

            Assert.Equal(2, layer.Weights.Count);
            Assert.Equal(2, layer.parameters().Count());
            var serial = layer.Call(input).data<float>().ToArray();
            Assert.All(outputs, output => Assert.Equal(serial, output));
        }
    }
}

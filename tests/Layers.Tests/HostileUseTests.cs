// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Engine;
using LayersFramework.Layers;

namespace LayersFramework.Layers.Tests;

/// <summary>Defects a hostile user found: an empty batch in training, a first call from many threads at once, allocation bombs.</summary>
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

    [Fact]
    public void AllocationBombs_AreRefusedBeforeAllocation_SayingHowManyBytes_AndTheLayerStaysUnbuilt()
    {
        using var scope = NewDisposeScope();
        using (MemoryBudget.LimitTo(1L << 30))
        using (MemoryBudget.LimitTo(1L << 40))
        {
            using var wide = new Dense(2_000_000_000);
            using var kernel = new Conv2DTranspose(1, 100_000);
            using var stride = new Conv2DTranspose(1, 1, strides: 1_000_000);

            var units = Assert.Throws<ArgumentException>(() => wide.Call(ones(1, 4)));
            var big = Assert.Throws<ArgumentException>(() => kernel.Call(ones(1, 2, 2, 3)));
            var output = Assert.Throws<ArgumentException>(() => stride.Call(ones(1, 1, 1, 1)));
            using var upSampling = new UpSampling2D(100_000);
            var upSampled = Assert.Throws<ArgumentException>(() => upSampling.Call(ones(1, 4, 4, 1)));
            using var bilinear = new UpSampling2D(2, interpolation: "bilinear");
            var matrix = Assert.Throws<ArgumentException>(() => bilinear.Call(ones(1, 100_000, 1, 1)));

            Assert.Contains("weight 'kernel' of shape (4, 2000000000) and dtype Float32 would need 32,000,000,000 bytes", units.Message, StringComparison.Ordinal);
            Assert.Contains("(100000, 100000, 1, 3)", big.Message, StringComparison.Ordinal);
            Assert.Contains("120,000,000,000 bytes", big.Message, StringComparison.Ordinal);
            Assert.Contains("output of shape (1, 1000000, 1000000, 1) and dtype Float32 would need 4,000,000,000,000 bytes", output.Message, StringComparison.Ordinal);
            Assert.Contains("more than the memory budget (1,073,741,824 bytes, MemoryBudget)", output.Message, StringComparison.Ordinal);
            Assert.Contains("output of shape (1, 1, 4, 100000, 4, 100000) and dtype Float32 would need 640,000,000,000 bytes", upSampled.Message, StringComparison.Ordinal);
            Assert.Contains("interpolation matrix of shape (100000, 2, 100000) and dtype Float64 would need 160,000,000,000 bytes", matrix.Message, StringComparison.Ordinal);
            Assert.False(wide.Built);
            Assert.Empty(wide.Weights);
        }

        Assert.Equal(MemoryBudget.MaxTensorBytes, MemoryBudget.CurrentMaxTensorBytes);
        Assert.Equal(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, MemoryBudget.DefaultMaxTensorBytes);
    }

    [Fact]
    public void DisposedAndForeignTensors_GetClearErrors_AndEmptyOrNonFiniteInputs_DefinedResults()
    {
        using var scope = NewDisposeScope();
        using var layer = new Conv2DTranspose(2, 3, strides: 2, padding: "same");
        using var dense = new Dense(2);
        layer.Call(ones(1, 4, 4, 3));
        dense.Call(ones(1, 3));
        var disposed = ones(1, 4, 4, 3);
        disposed.Dispose();
        Tensor fromFinishedScope;
        using (var finished = NewDisposeScope())
        {
            fromFinishedScope = ones(1, 3);
        }

        var disposedError = Assert.Throws<ArgumentException>(() => layer.Call(disposed));
        var scopeError = Assert.Throws<ArgumentException>(() => dense.Call(fromFinishedScope));
        var integer = Assert.Throws<ArgumentException>(() => dense.Call(ones(1, 3, ScalarType.Int64)));   // ended the process before
        var boolean = Assert.Throws<ArgumentException>(() => layer.Call(ones(1, 4, 4, 3, ScalarType.Bool)));
        var wider = Assert.Throws<ArgumentException>(() => dense.Call(ones(1, 3, ScalarType.Float64)));  // ended the process before

        Assert.Contains("disposed tensor", disposedError.Message, StringComparison.Ordinal);
        Assert.Contains("disposed tensor", scopeError.Message, StringComparison.Ordinal);
        Assert.Contains("received a Int64 tensor (1, 3)", integer.Message, StringComparison.Ordinal);
        Assert.Contains("received a Bool tensor", boolean.Message, StringComparison.Ordinal);
        Assert.Contains("kernel has dtype Float32 but the inputs have Float64", wider.Message, StringComparison.Ordinal);
        Assert.Equal(new long[] { 0, 8, 8, 2 }, layer.Call(ones(0, 4, 4, 3)).shape);
        Assert.Equal(new long[] { 0, 2 }, dense.Call(ones(0, 3)).shape);
        Assert.True(layer.Call(full(1, 4, 4, 3, double.NaN)).isnan().all().item<bool>()); // NaN propagates, as in Keras
        Assert.False(dense.Call(full(1, 3, double.PositiveInfinity)).isfinite().any().item<bool>()); // and so do infinities
    }

    [Fact]
    public void NullForAnOptionalStringArgument_MeansItsDefault()
    {
        using var scope = NewDisposeScope();
        using var transpose = new Conv2DTranspose(2, 3, strides: 2, padding: null);
        using var conv = new Conv1D(2, 3, padding: null);
        using var upsampling = new UpSampling2D(interpolation: null);
        var input = ones(1, 4, 4, 3);

        Assert.Equal("valid", transpose.Padding);
        Assert.Equal("valid", conv.Padding);
        Assert.Equal("nearest", upsampling.Interpolation);
        Assert.Equal("rows", new Regularizers.OrthogonalRegularizer(mode: null).Mode);
        Assert.Equal("Custom", new Activations.DelegateActivation("twice", x => x * 2, package: null).Package);
        Assert.Equal(transpose.Call(input).data<float>().ToArray(), transpose.Call(input, outputSize: null).data<float>().ToArray());
    }

    [Fact]
    public void ABuiltLayer_CalledFromEightThreads_GivesTheSerialResults_WithOneTimingPerShape()
    {
        using var scope = NewDisposeScope();
        using var layer = new Conv2DTranspose(32, 4, strides: 2, padding: "same");
        using var generator = new torch.Generator(6);
        var inputs = new[] { randn([8, 4, 4, 256], generator: generator), randn([2, 4, 4, 256], generator: generator) }; // 16 positions: timed between paths
        var twice = new Conv2DTranspose(8, 3);
        Parallel.For(0, 2, _ => twice.Build([null, 5, 5, 2]));            // two threads build: one set of weights
        Ops.TransposedConvolutionTuning.Clear();
        var outputs = new float[16][];

        layer.Build([null, 4, 4, 256]);
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            using var threadScope = NewDisposeScope();
            outputs[i] = layer.Call(inputs[i % 2]).data<float>().ToArray();
        });

        for (var i = 0; i < outputs.Length; i++)
        {
            Assert.Equal(layer.Call(inputs[i % 2]).data<float>().ToArray(), outputs[i]);
        }

        Assert.Single(Ops.TransposedConvolutionTuning.Choices, choice => choice.Shape.StartsWith("input (8, 256, 4, 4)", StringComparison.Ordinal));
        Assert.Equal(2, twice.Weights.Count);
        twice.Dispose();
    }
}

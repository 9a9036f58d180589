// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Configuration;

namespace LayersFramework.Layers.Tests.Harness;

/// <summary>
/// Keras's <c>run_layer_test</c> for this library: builds a layer by calling it, then checks the output shape (and
/// <c>ComputeOutputShape</c> with an unknown batch), the weights' number and shapes, the losses' number, that its
/// config round-trips through JSON text to a layer computing the same output with the same weights, that a backward
/// pass reaches every trainable weight and the input, and that disposing it leaves no tensor alive.
/// </summary>
public static class LayerTestHarness
{
    public static void Run(LayerTestCase testCase)
    {
        // Let tensors another test dropped be finalized now, so that only this run's own can move the count.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = Tensor.LiveCount;
        using (var scope = new DisposeScope())
        {
            using var layer = testCase.Create();
            Assert.False(layer.Built);
            Assert.Empty(layer.Weights);

            using var generator = new Generator(7);
            var input = Tensor.Randn(testCase.InputShape, generator).WithRequiresGrad();
            var output = layer.Call(input);

            Assert.Equal(testCase.OutputShape, output.Shape);
            long?[] unknownBatch = [null, .. testCase.InputShape.Skip(1).Select(size => (long?)size)];
            Assert.Equal([null, .. testCase.OutputShape.Skip(1).Select(size => (long?)size)], layer.ComputeOutputShape(unknownBatch));
            Assert.Equal(testCase.WeightShapes, layer.Weights.Select(weight => weight.Value.Shape));
            Assert.Equal(testCase.TrainableWeights, layer.TrainableWeights.Count);
            Assert.Equal(testCase.WeightShapes.Length - testCase.TrainableWeights, layer.NonTrainableWeights.Count);
            Assert.Equal(testCase.Losses, layer.Losses.Count);

            CheckConfigRoundTrip(layer, input, output);
            CheckBackward(layer, input, output);
        }

        Assert.Equal(baseline, Tensor.LiveCount);
    }

    /// <summary>The config, written as JSON text and read back, gives a layer with the same config and, given the same weights, the same output.</summary>
    private static void CheckConfigRoundTrip(Layer layer, Tensor input, Tensor output)
    {
        var text = KerasJson.Write(LayerRegistry.Serialize(layer));
        using var again = LayerRegistry.Get(text);

        Assert.Equal(layer.GetType(), again.GetType());
        Assert.True(again.Built, "the build_config should have built the layer");
        Assert.Equal(KerasJson.Write(layer.GetConfig()), KerasJson.Write(again.GetConfig()));
        var weights = layer.GetWeights();
        try
        {
            again.SetWeights(weights);
        }
        finally
        {
            foreach (var weight in weights)
            {
                weight.Dispose();
            }
        }

        using (Autograd.NoGrad())
        {
            Assert.True(again.Call(input.Detach()).AllClose(output.Detach(), 1e-5, 1e-6), "the reloaded layer computes another output");
        }
    }

    /// <summary>A backward pass gives every trainable weight and the input a finite gradient of its own shape.</summary>
    private static void CheckBackward(Layer layer, Tensor input, Tensor output)
    {
        var loss = output.Square().Sum();
        foreach (var penalty in layer.Losses)
        {
            loss += penalty;
        }

        loss.Backward();
        foreach (var weight in layer.TrainableWeights)
        {
            var grad = weight.Value.Grad() ?? throw new Xunit.Sdk.XunitException($"weight '{weight.Name}' got no gradient");
            Assert.Equal(weight.Value.Shape, grad.Shape);
            Assert.True(double.IsFinite(grad.Abs().Sum().Item()), $"weight '{weight.Name}' has a non-finite gradient");
        }

        Assert.Equal(input.Shape, input.Grad()!.Shape);
        foreach (var weight in layer.NonTrainableWeights)
        {
            Assert.Null(weight.Value.Grad());
        }
    }
}

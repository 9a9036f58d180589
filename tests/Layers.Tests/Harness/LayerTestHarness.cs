// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Configuration;

namespace LayersFramework.Layers.Tests.Harness;

/// <summary>
/// Keras's <c>run_layer_test</c> (keras/src/testing/test_case.py) for this library: builds a layer by calling it,
/// then checks the output shape (and <c>ComputeOutputShape</c> with an unknown batch), the weights' number and
/// shapes, the losses' number, that the module lists the trainable weights as its parameters, that its config
/// round-trips through JSON text to a layer computing the same output with the same weights, that a backward pass
/// reaches every trainable weight and the input, and that disposing it leaves no tensor alive.
/// </summary>
public static class LayerTestHarness
{
    public static void Run(LayerTestCase testCase)
    {
        // Let tensors another test dropped be finalized now, so that only this run's own can move the count.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = LiveTensors.Count;
        using (var scope = NewDisposeScope())
        {
            using var layer = testCase.Create();
            Assert.False(layer.Built);
            Assert.Empty(layer.Weights);

            using var generator = new Generator(7);
            var input = randn(testCase.InputShape, generator: generator).requires_grad_();
            var output = layer.Call(input);

            Assert.Equal(testCase.OutputShape, output.shape);
            long?[] unknownBatch = [null, .. testCase.InputShape.Skip(1).Select(size => (long?)size)];
            Assert.Equal([null, .. testCase.OutputShape.Skip(1).Select(size => (long?)size)], layer.ComputeOutputShape(unknownBatch));
            Assert.Equal(testCase.WeightShapes, layer.Weights.Select(weight => weight.Value.shape));
            Assert.Equal(testCase.TrainableWeights, layer.TrainableWeights.Count);
            Assert.Equal(testCase.WeightShapes.Length - testCase.TrainableWeights, layer.NonTrainableWeights.Count);
            Assert.Equal(testCase.Losses, layer.Losses.Count);
            CheckModuleState(layer);

            CheckConfigRoundTrip(layer, input, output);
            CheckBackward(layer, input, output);
        }

        Assert.Equal(baseline, LiveTensors.Count);
    }

    /// <summary>
    /// The module holds the weights: a trainable layer's parameters are its trainable weights (the same tensors), its
    /// buffers the moving statistics, and its state dict has one entry per weight.
    /// </summary>
    private static void CheckModuleState(Layer layer)
    {
        var parameters = layer.parameters().Cast<object>().ToList();
        Assert.Equal(layer.Weights.Where(w => !w.IsBuffer).Select(w => (object)w.Value), parameters, ReferenceEqualityComparer.Instance);
        if (layer.Trainable)
        {
            Assert.Equal(layer.TrainableWeights.Select(w => (object)w.Value), parameters, ReferenceEqualityComparer.Instance);
        }

        Assert.Equal(layer.Weights.Where(w => w.IsBuffer).Select(w => (object)w.Value), layer.buffers().Cast<object>(), ReferenceEqualityComparer.Instance);
        Assert.Equal(layer.Weights.Count, layer.state_dict().Count);
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

        using (no_grad())
        {
            Assert.True(again.Call(input.detach()).allclose(output.detach(), 1e-5, 1e-6), "the reloaded layer computes another output");
        }
    }

    /// <summary>A backward pass gives every trainable weight and the input a finite gradient of its own shape.</summary>
    private static void CheckBackward(Layer layer, Tensor input, Tensor output)
    {
        var loss = output.square().sum();
        foreach (var penalty in layer.Losses)
        {
            loss += penalty;
        }

        loss.backward();
        foreach (var weight in layer.TrainableWeights)
        {
            var grad = weight.Value.grad ?? throw new Xunit.Sdk.XunitException($"weight '{weight.Name}' got no gradient");
            Assert.Equal(weight.Value.shape, grad.shape);
            Assert.True(double.IsFinite(grad.abs().sum().item<float>()), $"weight '{weight.Name}' has a non-finite gradient");
        }

        Assert.Equal(input.shape, input.grad!.shape);
        foreach (var weight in layer.NonTrainableWeights)
        {
            Assert.Null(weight.Value.grad);
        }
    }
}

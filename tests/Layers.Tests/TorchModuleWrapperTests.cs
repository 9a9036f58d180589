// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Layers.Tests;

/// <summary>A user's TorchSharp module in our Sequential, through Keras's TorchModuleWrapper.</summary>
public sealed class TorchModuleWrapperTests
{
    [Fact]
    public void AUsersModule_SitsInOurSequential_WithItsParametersAsWeights()
    {
        using var scope = NewDisposeScope();
        using var model = new Sequential([new Dense(3, activation: "relu"), nn.Linear(3, 2)], inputShape: [null, 4]);
        var wrapper = Assert.IsType<TorchModuleWrapper>(model.Layers[1]);

        var y = model.Call(ones(5, 4));

        Assert.Equal([5L, 2], y.shape);
        Assert.Equal(["0.kernel", "0.bias", "1.module.weight", "1.module.bias"], model.named_parameters().Select(p => p.name));
        Assert.Equal([$"{wrapper.Name}/module.weight", $"{wrapper.Name}/module.bias"], wrapper.Weights.Select(w => w.Path));
        Assert.Equal(4, model.TrainableWeights.Count);
        Assert.Equal(new long?[] { null, 2 }, model.ComputeOutputShape([null, 4]));
        Assert.Contains("(None, 2)", model.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheWrappedModule_TrainsWithTheModel_FreezesWithTheLayer_AndMovesWithIt()
    {
        using var scope = NewDisposeScope();
        using var model = new Sequential([nn.Linear(2, 2), new Dense(1)], inputShape: [null, 2]);
        var wrapper = model.Layers[0];
        using var adam = optim.Adam(model.parameters(), lr: 0.1);
        var before = wrapper.GetWeights()[0].Floats();

        model.Call(ones(3, 2), training: true).sum().backward();
        adam.step();
        Assert.NotEqual(before, wrapper.GetWeights()[0].Floats());

        wrapper.Trainable = false;
        Assert.Empty(wrapper.TrainableWeights);
        Assert.All(wrapper.Weights, w => Assert.False(w.Value.requires_grad));

        model.to(ScalarType.Float64);
        Assert.All(model.Weights, w => Assert.Equal(ScalarType.Float64, w.Value.dtype));
        Assert.Equal(ScalarType.Float64, model.Call(ones(1, 2, ScalarType.Float64)).dtype);
    }

    [Fact]
    public void CallsTrainingFlag_SetsTheWrappedModulesModeForTheCall_AndPutsItBack()
    {
        using var scope = NewDisposeScope();
        using var wrapper = new TorchModuleWrapper(nn.Dropout(0.5));
        var x = ones(20, 20);
        wrapper.Module.eval();

        Assert.Contains(0f, wrapper.Call(x, training: true).Floats());
        Assert.False(wrapper.Module.training);
        wrapper.Module.train();
        Assert.Equal(x.Floats(), wrapper.Call(x).Floats());
        Assert.True(wrapper.Module.training);
    }

    [Fact]
    public void TheWrapper_RefusesAConfig_AndOneOfOurLayers_AndDisposesTheModule()
    {
        var baseline = LiveTensors.Count;
        var wrapper = new TorchModuleWrapper(nn.Linear(3, 3));
        using (var dense = new Dense(1))
        {
            ArgumentAssert.Throws<ArgumentException>(() => _ = new TorchModuleWrapper(dense), "module", "is a layer already");
        }

        var error = Assert.Throws<NotSupportedException>(wrapper.GetConfig);
        Assert.Contains("cannot be written into a Keras config", error.Message, StringComparison.Ordinal);

        wrapper.Dispose();
        Assert.Equal(baseline, LiveTensors.Count);
    }
}

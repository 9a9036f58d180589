// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Layers.Tests;

/// <summary>
/// Keras builds a layer on its first call, but a TorchSharp optimizer takes its parameter list when it is made: an
/// unbuilt layer must say so rather than hand over nothing, and Build(inputShape) must make the list complete.
/// </summary>
public sealed class LazyBuildTests
{
    [Fact]
    public void AnUnbuiltLayer_RefusesToListItsState_SoAnOptimizerCannotSilentlyTrainNothing()
    {
        using var dense = new Dense(4);

        var error = Assert.Throws<InvalidOperationException>(() => dense.parameters());

        Assert.Contains($"Layer {dense.Name} is not built yet", error.Message, StringComparison.Ordinal);
        Assert.Contains("Call Build(inputShape)", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => dense.named_parameters());
        Assert.Throws<InvalidOperationException>(() => dense.buffers());
        Assert.Throws<InvalidOperationException>(() => dense.state_dict());
        Assert.Throws<InvalidOperationException>(() => dense.load_state_dict([]));
        Assert.Throws<InvalidOperationException>(() => optim.Adam(dense.parameters()));
        Assert.Empty(dense.Weights); // Keras's own lists are simply empty
    }

    [Fact]
    public void AnUnbuiltSequential_Refuses_AndSoDoesAUsersModuleHoldingAnUnbuiltLayer()
    {
        using var model = new Sequential([new Dense(4), new ReLU()]);
        using var users = new Holder(new Conv2DTranspose(2, 3));

        Assert.Throws<InvalidOperationException>(() => optim.Adam(model.parameters()));
        Assert.Throws<InvalidOperationException>(() => users.parameters().ToList());
    }

    [Fact]
    public void Build_CreatesTheWeights_SoTheOptimizerMadeBeforeTheFirstCallTrainsThem()
    {
        using var scope = NewDisposeScope();
        using var model = new Sequential([new Dense(4), new BatchNormalization(), new Dense(1)]);

        model.Build([null, 3]);
        using var adam = optim.Adam(model.parameters(), lr: 0.1);
        var before = model.GetWeights().Select(w => w.Floats()).ToArray();
        model.Call(randn(4, 3), training: true).square().sum().backward();
        adam.step();

        Assert.True(model.Built);
        Assert.All(model.Layers, layer => Assert.True(layer.Built));
        Assert.Equal(6, model.parameters().Count());
        Assert.Equal(new long[] { 1, 3 }, model.BuildInputShape);
        Assert.NotEqual(before[0], model.GetWeights()[0].Floats());
        model.Build([null, 3]); // built already: nothing happens
        Assert.Equal(6, model.parameters().Count());
    }

    [Fact]
    public void ASequentialGivenItsInputShape_IsBuiltAtConstruction_AsKerasBuildsOneThatStartsWithAnInput()
    {
        using var scope = NewDisposeScope();
        using var model = new Sequential([new Dense(8), new Reshape([2, 4]), new Conv1DTranspose(3, 2, strides: 2)], inputShape: [null, 5]);

        Assert.True(model.Built);
        Assert.Equal(["0.kernel", "0.bias", "2.kernel", "2.bias"], model.named_parameters().Select(p => p.name));
        Assert.Equal(new long[] { 2, 3, 4 }, model.Layers[2].Weights[0].Shape);
        Assert.Contains("(None, 4, 3)", model.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void ALayerThatCreatesNoWeights_ListsNothingBeforeItsFirstCall_WithoutComplaint()
    {
        using var relu = new ReLU();
        using var flatten = new Flatten();

        Assert.Empty(relu.parameters());
        Assert.Empty(flatten.state_dict());
        Assert.False(relu.Built);
    }

    [Fact]
    public void MovingAndDisposingAnUnbuiltLayer_AreAllowed()
    {
        var baseline = LiveTensors.Count;
        var dense = new Dense(2);

        dense.to(ScalarType.Float64);
        dense.Dispose();

        Assert.Equal(baseline, LiveTensors.Count);
        Assert.Throws<ObjectDisposedException>(() => dense.Build([null, 3]));
    }

    /// <summary>A user's module holding one of our layers, unbuilt.</summary>
    private sealed class Holder : nn.Module<Tensor, Tensor>
    {
        private readonly Layer inner;

        public Holder(Layer inner)
            : base("holder")
        {
            this.inner = inner;
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => inner.call(input);
    }
}

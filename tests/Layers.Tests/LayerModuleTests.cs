// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Initializers;
using TorchSharp.Modules;

namespace LayersFramework.Layers.Tests;

/// <summary>A layer is a TorchSharp module: its state under Keras's names, TorchSharp's tools on it, and its Keras lifecycle kept.</summary>
public sealed class LayerModuleTests
{
    [Fact]
    public void ALayersWeights_AreParametersUnderKerasNames_AndMovingStatisticsAreBuffers()
    {
        using var scope = NewDisposeScope();
        using var up = new Conv2DTranspose(4, 3, strides: 2);
        using var bn = new BatchNormalization();
        up.Build([null, 5, 5, 2]);
        bn.Build([null, 6]);

        Assert.Equal(["kernel", "bias"], up.named_parameters().Select(p => p.name));
        Assert.Same(up.Kernel!.Value, up.get_parameter("kernel"));
        Assert.IsType<Parameter>(up.Kernel.Value);
        Assert.Equal(["gamma", "beta"], bn.named_parameters().Select(p => p.name));
        Assert.Equal(["moving_mean", "moving_variance"], bn.named_buffers().Select(b => b.name));
        Assert.Equal(["gamma", "beta", "moving_mean", "moving_variance"], bn.state_dict().Keys);
        Assert.All(bn.buffers(), buffer => Assert.False(buffer.requires_grad));
        Assert.Equal(up.Name, up.GetName());
    }

    [Theory]
    [InlineData("channels_last")]
    [InlineData("channels_first")]
    public void TorchSharpsSaveAndLoad_RoundTripConvolutionKernels_StoredInEitherMemoryOrder(string dataFormat)
    {
        // TorchSharp's file format writes a tensor's memory as it lies, and refuses a tensor that is not contiguous:
        // kernels are kept contiguous, in Keras's layout, so that saving works and every value comes back in its place.
        using var scope = NewDisposeScope();
        var path = Path.Combine(Path.GetTempPath(), $"lf-module-{Guid.NewGuid():N}.dat");
        using var first = Model(seed: 1);
        using var second = Model(seed: 2);
        var x = dataFormat == "channels_last" ? randn(2, 5, 5, 3) : randn(2, 3, 5, 5);
        try
        {
            first.save(path);
            second.load(path);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Equal(first.Call(x).Floats(), second.Call(x).Floats());
        Assert.All(first.GetWeights().Zip(second.GetWeights()), pair => Assert.Equal(pair.First.Floats(), pair.Second.Floats()));

        Sequential Model(ulong seed) => new(
            [
                new Conv2DTranspose(4, 3, strides: 2, padding: "same", dataFormat: dataFormat, kernelInitializer: new GlorotUniform(seed: (long)seed)),
                new Conv2D(2, 3, dataFormat: dataFormat, kernelInitializer: new GlorotUniform(seed: (long)seed + 10)),
            ],
            inputShape: dataFormat == "channels_last" ? [null, 5, 5, 3] : [null, 3, 5, 5]);
    }

    [Fact]
    public void LoadStateDict_TakesTensorsInKerasShape_AsAFileFromElsewhereHasThem()
    {
        using var scope = NewDisposeScope();
        using var layer = new Conv2DTranspose(4, [3, 2], strides: 2);
        layer.Build([null, 5, 5, 6]);
        var kernel = randn(3, 2, 4, 6);
        var bias = randn(4);

        var (missing, unexpected) = layer.load_state_dict(new Dictionary<string, Tensor> { ["kernel"] = kernel, ["bias"] = bias });

        Assert.Empty(missing);
        Assert.Empty(unexpected);
        Assert.Equal(kernel.Floats(), layer.GetWeights()[0].Floats());
        Assert.True(layer.Kernel!.Value.is_contiguous());
    }

    [Fact]
    public void SequentialsStateDictKeys_AreThePositionsOfItsLayers_SoTheyLoadIntoAnotherProcessesModel()
    {
        using var scope = NewDisposeScope();
        using var first = Model(seed: 1);
        using var second = Model(seed: 2);
        var x = randn(3, 4);
        first.Call(x, training: true); // moves the moving statistics, so they must travel too

        Assert.Equal(["0.bias", "0.kernel", "1.beta", "1.gamma", "1.moving_mean", "1.moving_variance", "2.kernel"], first.state_dict().Keys.Order(StringComparer.Ordinal));
        Assert.NotEqual(first.Layers[0].Name, second.Layers[0].Name);
        Assert.Equal(first.state_dict().Keys, second.state_dict().Keys);
        Assert.False(first.Call(x).allclose(second.Call(x)));

        var (missing, unexpected) = second.load_state_dict(first.state_dict());

        Assert.Empty(missing);
        Assert.Empty(unexpected);
        Assert.Equal(first.Call(x).Floats(), second.Call(x).Floats());
        Assert.Equal(first.GetWeights()[4].Floats(), second.Layers[1].GetWeights()[2].Floats());

        static Sequential Model(ulong seed) => new(
            [
                new Dense(5, kernelInitializer: new GlorotUniform(seed: (long)seed)),
                new BatchNormalization(),
                new Dense(2, useBias: false, kernelInitializer: new GlorotUniform(seed: (long)seed + 10)),
            ],
            inputShape: [null, 4]);
    }

    [Fact]
    public void ToFloat64_ReplacesTheParameters_AndTheLayerFindsTheNewOnes()
    {
        using var scope = NewDisposeScope();
        using var layer = new Conv1DTranspose(2, 3, strides: 2, kernelRegularizer: "l2", kernelConstraint: "non_neg", kernelInitializer: new RandomNormal(seed: 3));
        using var bn = new BatchNormalization();
        var x = randn(2, 4, 3);
        var before = layer.Call(x);
        var oldKernel = layer.Kernel!.Value;
        bn.Call(randn(2, 3), training: true);

        layer.to(ScalarType.Float64);
        bn.to(ScalarType.Float64);

        Assert.NotSame(oldKernel, layer.Kernel.Value);
        Assert.Same(layer.get_parameter("kernel"), layer.Kernel.Value);
        Assert.Equal(ScalarType.Float64, layer.Kernel.Value.dtype);
        Assert.True(layer.Kernel.Value.is_contiguous(), "the move keeps the kernel contiguous");
        Assert.All(layer.GetWeights(), w => Assert.Equal(ScalarType.Float64, w.dtype));
        Assert.Equal(ScalarType.Float64, bn.MovingMean!.Value.dtype);
        Assert.Equal(ScalarType.Float64, Assert.Single(layer.Losses).dtype);
        var after = layer.Call(x.to(ScalarType.Float64));
        Assert.True(after.allclose(before.to(ScalarType.Float64), 1e-5, 1e-6));
        after.sum().backward();
        Assert.NotNull(layer.Kernel.Value.grad);
        layer.ApplyConstraints();
        Assert.All(layer.Kernel.Value.Doubles(), v => Assert.True(v >= 0));
    }

    [Fact]
    public void ToFloat64_BeforeTheFirstCall_CreatesTheWeightsInFloat64()
    {
        using var scope = NewDisposeScope();
        using var model = new Sequential([new Dense(3), new BatchNormalization()]);

        model.to(ScalarType.Float64);
        var y = model.Call(ones(2, 4, ScalarType.Float64));

        Assert.Equal(ScalarType.Float64, y.dtype);
        Assert.All(model.Weights, w => Assert.Equal(ScalarType.Float64, w.Value.dtype));
    }

    public static TheoryData<string> Devices => [.. new[] { "cpu", "cuda" }.Where(device => device == "cpu" || cuda.is_available())];

    [Theory]
    [MemberData(nameof(Devices))]
    public void ToDevice_MovesTheWeights_AndWeightsBuiltLaterAreCreatedThere(string deviceName)
    {
        using var scope = NewDisposeScope();
        var device = new Device(deviceName);
        using var built = new Dense(2);
        using var later = new Dense(2);
        built.Build([null, 3]);

        built.to(device);
        later.to(device);
        var y = later.Call(ones([1, 3], device: device));

        Assert.Equal(device.type, built.Kernel!.Value.device_type);
        Assert.Equal(device.type, later.Kernel!.Value.device_type);
        Assert.Equal(device.type, y.device_type);
    }

    [Fact]
    public void TrainAndEval_SetTheModeOfForward_WhileCallKeepsKerasMeaning()
    {
        using var scope = NewDisposeScope();
        using var model = new Sequential([new Dropout(0.5, seed: 1), new BatchNormalization(momentum: 0.5)], inputShape: [null, 64]);
        var x = ones(8, 64) + arange(64, ScalarType.Float32);
        var dropout = model.Layers[0];
        var bn = (BatchNormalization)model.Layers[1];

        // A module starts in training mode, as in PyTorch: forward drops and moves the statistics.
        Assert.True(model.training && dropout.training && bn.training);
        model.forward(x);
        var moved = bn.MovingMean!.Value.Floats();
        Assert.NotEqual(new float[64], moved);
        Assert.Contains(0f, dropout.forward(x).Floats());

        model.eval();
        Assert.False(dropout.training || bn.training);
        model.forward(x);
        Assert.Equal(moved, bn.MovingMean.Value.Floats());
        Assert.Equal(x.Floats(), dropout.forward(x).Floats());

        // Call is Keras's: inference unless asked, training when asked, whatever the module's mode.
        Assert.Contains(0f, dropout.Call(x, training: true).Floats());
        model.train();
        Assert.Equal(x.Floats(), dropout.Call(x).Floats());
        model.Call(x);
        Assert.Equal(moved, bn.MovingMean.Value.Floats());
        model.Call(x, training: true);
        Assert.NotEqual(moved, bn.MovingMean.Value.Floats());
    }

    [Fact]
    public void ForwardHooks_FireForCallAndForTorchSharpsCall()
    {
        using var scope = NewDisposeScope();
        using var layer = new Dense(2);
        var calls = 0;
        layer.register_forward_hook(_ => calls++);

        layer.Call(ones(1, 3));
        layer.Call(ones(1, 3), training: true);
        layer.call(ones(1, 3));

        Assert.Equal(3, calls);
    }

    [Fact]
    public void FreezingALayer_StopsItsGradients_SoTorchSharpsAdamLeavesItAlone()
    {
        using var scope = NewDisposeScope();
        using var model = new Sequential([new Dense(3), new Dense(1)], inputShape: [null, 2]);
        using var adam = optim.Adam(model.parameters(), lr: 0.1);
        model.Layers[0].Trainable = false;
        var frozen = model.Layers[0].GetWeights().Select(w => w.Floats()).ToArray();
        var trained = model.Layers[1].GetWeights()[0].Floats();

        adam.zero_grad();
        model.Call(ones(4, 2), training: true).square().sum().backward();
        adam.step();

        Assert.Equal(4, model.parameters().Count()); // frozen parameters stay parameters, as in PyTorch
        Assert.All(model.Layers[0].Weights, w => Assert.False(w.Value.requires_grad));
        Assert.All(model.Layers[0].Weights, w => Assert.Null(w.Value.grad));
        Assert.Equal(frozen, model.Layers[0].GetWeights().Select(w => w.Floats()).ToArray());
        Assert.NotEqual(trained, model.Layers[1].GetWeights()[0].Floats());
    }

    [Fact]
    public void AModel_TrainsWithTorchSharpsAdam_AndApplyConstraintsAfterEachStep_KeepsKerasRule()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var x = randn([256, 2], generator: generator);
        var y = (x[.., 0] * 2) - x[.., 1]; // best non-negative fit: kernel (2, 0)
        using var model = new Sequential(
            [new Dense(1, useBias: false, kernelConstraint: "non_neg", kernelInitializer: new Constant(0.5))],
            inputShape: [null, 2]);
        using var adam = optim.Adam(model.parameters(), lr: 0.05);
        var kernel = ((Dense)model.Layers[0]).Kernel!;
        double firstLoss = 0, lastLoss = 0;

        for (var step = 0; step < 300; step++)
        {
            using var stepScope = NewDisposeScope();
            adam.zero_grad();
            var loss = (model.Call(x, training: true).squeeze(1) - y).square().mean();
            loss.backward();
            adam.step();
            model.ApplyConstraints();

            Assert.All(kernel.Value.Floats(), v => Assert.True(v >= 0, $"step {step}: the constraint keeps the kernel non-negative"));
            (firstLoss, lastLoss) = (step == 0 ? loss.ToDouble() : firstLoss, loss.ToDouble());
        }

        var learned = kernel.Value.Floats();
        Assert.True(lastLoss < firstLoss / 2, $"loss {firstLoss} -> {lastLoss}");
        Assert.Equal(2, learned[0], 1);
        Assert.Equal(0, learned[1], 1);
    }

    [Fact]
    public void OurLayers_NestInAUsersModule_WhoseParametersStateDictAndMovesReachThem()
    {
        using var scope = NewDisposeScope();
        using var decoder = new UsersDecoder();

        var y = decoder.call(ones(2, 4));

        Assert.Equal([2L, 2], y.shape);
        Assert.Equal(["dense.kernel", "dense.bias", "head.weight", "head.bias"], decoder.named_parameters().Select(p => p.name));
        Assert.Equal(["dense.kernel", "dense.bias", "head.weight", "head.bias"], decoder.state_dict().Keys);
        using (var adam = optim.Adam(decoder.parameters(), lr: 0.1))
        {
            var kernel = decoder.Dense.GetWeights()[0].Floats();
            decoder.call(ones(2, 4)).sum().backward();
            adam.step();
            Assert.NotEqual(kernel, decoder.Dense.GetWeights()[0].Floats());
        }

        decoder.eval();
        Assert.False(decoder.Dense.training);
        decoder.to(ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, decoder.Dense.Kernel!.Value.dtype);
        Assert.Equal(ScalarType.Float64, decoder.call(ones(2, 4, ScalarType.Float64)).dtype);
    }

    [Fact]
    public void WeightsBuiltLazilyInACallersDisposeScope_OutliveIt_AndGoWithTheLayer()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = LiveTensors.Count;
        var model = new Sequential([new Conv2DTranspose(2, 3, strides: 2), new BatchNormalization()]);
        using (NewDisposeScope())
        {
            model.Call(ones(1, 3, 3, 2), training: true);
        }

        Assert.Equal(6, model.state_dict().Count);
        Assert.All(model.Weights, w => Assert.False(w.Value.IsInvalid));
        using (NewDisposeScope())
        {
            Assert.Equal([1L, 7, 7, 2], model.Call(ones(1, 3, 3, 2)).shape);
        }

        model.Dispose();

        Assert.Equal(baseline, LiveTensors.Count);
    }

    /// <summary>A user's TorchSharp module holding one of our layers and one of TorchSharp's, registered the TorchSharp way.</summary>
    private sealed class UsersDecoder : nn.Module<Tensor, Tensor>
    {
        private readonly Dense dense = new(3, activation: "relu", kernelInitializer: new GlorotUniform(seed: 1));
        private readonly Linear head = nn.Linear(3, 2);

        public UsersDecoder()
            : base("decoder")
        {
            dense.Build([null, 4]);
            RegisterComponents();
        }

        public Dense Dense => dense;

        public override Tensor forward(Tensor input) => head.call(dense.call(input));
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Initializers;

namespace LayersFramework.Layers.Tests;

/// <summary>What the companion layers compute, against values worked out by hand or computed another way.</summary>
public sealed class CompanionLayerTests
{
    [Fact]
    public void Dense_IsInputsTimesKernelPlusBias_ThenTheActivation()
    {
        using var scope = NewDisposeScope();
        using var dense = new Dense(2, activation: "relu");
        var x = tensor(new float[] { 1, 2, 3, -1, 0, 1 }, [2, 3]);
        dense.Call(x);
        dense.SetWeights(tensor(new float[] { 1, -1, 0, 2, 1, 0 }, [3, 2]), tensor(new float[] { 0.5f, -10 }, [2]));

        // Row 1: [1·1 + 2·0 + 3·1, 1·(−1) + 2·2 + 3·0] + bias = [4.5, −7] → relu [4.5, 0]; row 2: [0 + 0.5, 1 − 10] → [0.5, 0].
        Assert.Equal(new float[] { 4.5f, 0, 0.5f, 0 }, dense.Call(x).Floats());
    }

    [Fact]
    public void Conv2D_EqualsLibtorchsConvolution_OnTheTransposedLayout_ForValidPadding()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(11);
        using var conv = new Conv2D(3, [3, 2], strides: [2, 1], kernelInitializer: new RandomNormal(seed: 1), biasInitializer: new RandomNormal(seed: 2));
        var x = randn([2, 7, 6, 4], generator: generator);

        var ours = conv.Call(x);
        var kernel = conv.Kernel!.Value.permute(3, 2, 0, 1); // (kh, kw, in, out) -> (out, in, kh, kw)
        var reference = nn.functional.conv2d(x.permute(0, 3, 1, 2), kernel, conv.Bias!.Value, strides: [2, 1]).permute(0, 2, 3, 1);

        Assert.Equal(new long[] { 2, 3, 5, 3 }, ours.shape);
        Assert.True(ours.allclose(reference, 1e-5, 1e-5));
    }

    [Fact]
    public void Conv2D_SamePadding_PutsTheExtraPixelAtTheEnd_AsTensorFlowDoes()
    {
        using var scope = NewDisposeScope();
        using var conv = new Conv1D(1, 2, padding: "same", kernelInitializer: "ones", useBias: false);

        // Length 3, kernel 2, stride 1: TensorFlow pads 0 before and 1 after, so the last output sees x3 + 0.
        var y = conv.Call(tensor(new float[] { 1, 2, 3 }, [1, 3, 1]));

        Assert.Equal(new float[] { 3, 5, 3 }, y.Floats());
    }

    [Fact]
    public void Conv2D_RejectsAnInputShorterThanItsKernel_NamingTheSizes()
    {
        using var conv = new Conv2D(1, 5);

        var error = Assert.Throws<ArgumentException>(() => conv.ComputeOutputShape([null, 3, 8, 1]));

        Assert.Contains("an input of size 3 in spatial dimension 0 is shorter than the dilated kernel (5)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BatchNormalization_InTraining_NormalizesWithTheBatch_AndMovesItsStatistics_AsKerasDoes()
    {
        using var scope = NewDisposeScope();
        using var bn = new BatchNormalization(momentum: 0.9, epsilon: 0.01);
        var x = tensor(new double[] { 1, 10, 3, 20, 5, 60 }, [3, 2]).to(ScalarType.Float32);

        var y = bn.Call(x, training: true);

        // Feature 0: mean 3, biased variance 8/3; feature 1: mean 30, biased variance 1400/3.
        double[] mean = [3, 30];
        double[] variance = [8.0 / 3, 1400.0 / 3];
        double[] input = [1, 10, 3, 20, 5, 60];
        var expected = input.Select((v, i) => (v - mean[i % 2]) / Math.Sqrt(variance[i % 2] + 0.01)).ToArray();
        TensorAssert.Close(expected, [3, 2], y.to(ScalarType.Float64), 1e-5, 1e-5);
        TensorAssert.Close([0.1 * 3, 0.1 * 30], [2], bn.MovingMean!.Value.to(ScalarType.Float64), 1e-6, 1e-6);
        TensorAssert.Close([0.9 + (0.1 * 8.0 / 3), 0.9 + (0.1 * 1400.0 / 3)], [2], bn.MovingVariance!.Value.to(ScalarType.Float64), 1e-5, 1e-5);

        bn.Call(x, training: true);
        TensorAssert.Close([(0.9 * 0.3) + 0.3, (0.9 * 3) + 3], [2], bn.MovingMean!.Value.to(ScalarType.Float64), 1e-5, 1e-5);
    }

    [Fact]
    public void BatchNormalization_OnChannelsLastImages_IsKerasFormula_WithItsGradients_AndMovesTheBiasedVariance()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        using var bn = new BatchNormalization(momentum: 0.8, epsilon: 0.01, gammaInitializer: new RandomNormal(1, 0.5, seed: 1), betaInitializer: new RandomNormal(seed: 2));
        bn.to(ScalarType.Float64);
        var x = (randn([3, 4, 5, 6], ScalarType.Float64, generator: generator) * 3) + 2;

        var y = bn.Call(x, training: true);

        // Keras's formula written out here, element by element over every axis but the last.
        var (gamma, beta) = (bn.Gamma!.Value.detach(), bn.Beta!.Value.detach());
        var mean = x.mean([0, 1, 2]);
        var variance = (x - mean).square().mean([0, 1, 2]);
        var expected = (((x - mean) / (variance + 0.01).sqrt()) * gamma) + beta;
        TensorAssert.Close(TensorAssert.Values(expected), [3, 4, 5, 6], y, 1e-12, 1e-12);
        TensorAssert.Close(TensorAssert.Values(mean * 0.2), [6], bn.MovingMean!.Value, 1e-12, 1e-12);
        TensorAssert.Close(TensorAssert.Values(0.8 + (variance * 0.2)), [6], bn.MovingVariance!.Value, 1e-12, 1e-12);

        // Gradients for the input, gamma and beta: the layer's against those of the formula above, under the same weighted sum.
        var weights = randn([3, 4, 5, 6], ScalarType.Float64, generator: generator);
        var input = x.detach().requires_grad_();
        var (gammaLeaf, betaLeaf) = (gamma.clone().requires_grad_(), beta.clone().requires_grad_());
        var reference = (((input - input.mean([0, 1, 2])) / ((input - input.mean([0, 1, 2])).square().mean([0, 1, 2]) + 0.01).sqrt()) * gammaLeaf) + betaLeaf;
        var referenceGradients = autograd.grad([(reference * weights).sum()], [input, gammaLeaf, betaLeaf]);
        var layerGradients = autograd.grad([(bn.Call(input, training: true) * weights).sum()], [input, bn.Gamma!.Value, bn.Beta!.Value]);
        for (var i = 0; i < 3; i++)
        {
            TensorAssert.Close(TensorAssert.Values(referenceGradients[i]), referenceGradients[i].shape, layerGradients[i], 1e-10, 1e-10);
        }
    }

    [Fact]
    public void BatchNormalization_InInference_AndFrozenInTraining_UsesTheMovingStatistics()
    {
        using var scope = NewDisposeScope();
        using var bn = new BatchNormalization(epsilon: 1e-12, gammaInitializer: new Constant(2), betaInitializer: new Constant(1),
            movingMeanInitializer: new Constant(4), movingVarianceInitializer: new Constant(16));
        var x = tensor(new float[] { 8, 0 }, [2, 1]);

        var inference = bn.Call(x).Floats();
        bn.Trainable = false;
        var frozen = bn.Call(x, training: true).Floats();

        // 2 · (x − 4) / 4 + 1.
        Assert.Equal(new float[] { 3, -1 }, inference);
        Assert.Equal(inference, frozen);
        Assert.Equal(new float[] { 4 }, bn.MovingMean!.Value.Floats());
    }

    [Fact]
    public void Dropout_InTraining_DropsAboutTheRate_ScalesTheSurvivors_AndRepeatsWithItsSeed()
    {
        using var scope = NewDisposeScope();
        using var first = new Dropout(0.25, seed: 5);
        using var second = new Dropout(0.25, seed: 5);
        var x = ones(200, 100);

        var a = first.Call(x, training: true).Floats();
        var b = second.Call(x, training: true).Floats();

        Assert.Equal(a, b);
        Assert.All(a, v => Assert.True(v == 0 || Math.Abs(v - (1 / 0.75f)) < 1e-6));
        var dropped = a.Count(v => v == 0) / (double)a.Length;
        Assert.InRange(dropped, 0.25 - 0.015, 0.25 + 0.015); // 20,000 draws: 5 standard deviations is 0.015.
        Assert.Equal(x.Floats(), first.Call(x).Floats());
    }

    [Fact]
    public void Dropout_WithANoiseShape_DropsWholeSlices_AndRateOneGivesZeros()
    {
        using var scope = NewDisposeScope();
        using var channels = new Dropout(0.5, noiseShape: [0, 1, 0], seed: 1);
        using var everything = new Dropout(1);
        var x = ones(4, 6, 8);

        var y = channels.Call(x, training: true);

        var perChannel = y.sum(1).Floats();
        Assert.All(perChannel, v => Assert.True(v == 0 || Math.Abs(v - 12) < 1e-4)); // a (batch, channel) slice is all kept (6 · 2) or all dropped
        Assert.All(everything.Call(x, training: true).Floats(), v => Assert.Equal(0, v));
        ArgumentAssert.Throws<ArgumentOutOfRangeException>(() => _ = new Dropout(1.5), "rate", "between 0 and 1");
    }

    [Fact]
    public void UpSampling2D_Nearest_RepeatsPixels_AndBilinear_MatchesTensorFlowsHalfPixelResize()
    {
        using var scope = NewDisposeScope();
        using var nearest = new UpSampling2D([1, 2]);
        using var bilinear = new UpSampling2D([1, 2], interpolation: "bilinear");
        var x = tensor(new float[] { 1, 2 }, [1, 1, 2, 1]);

        Assert.Equal(new float[] { 1, 1, 2, 2 }, nearest.Call(x).Floats());

        // tf.image.resize([1, 2], 4, "bilinear"): source positions −0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
        Assert.Equal(new float[] { 1, 1.25f, 1.75f, 2 }, bilinear.Call(x).Floats());
    }

    [Fact]
    public void Flatten_ChannelsFirst_OrdersLikeChannelsLast()
    {
        using var scope = NewDisposeScope();
        using var last = new Flatten();
        using var first = new Flatten("channels_first");
        var nhwc = arange(12, ScalarType.Float32).reshape(1, 2, 2, 3);

        Assert.Equal(last.Call(nhwc).Floats(), first.Call(nhwc.permute(0, 3, 1, 2)).Floats());
    }

    [Fact]
    public void Reshape_RefusesBadTargets_AndInputsThatDoNotFit()
    {
        using var scope = NewDisposeScope();
        using var reshape = new Reshape([5, -1]);

        ArgumentAssert.Throws<ArgumentException>(() => _ = new Reshape([-1, -1]), "targetShape", "at most one -1");
        ArgumentAssert.Throws<ArgumentException>(() => _ = new Reshape([0, 3]), "targetShape", "sizes of 1 or more");
        ArgumentAssert.Throws<ArgumentException>(() => reshape.Call(ones(2, 7)), "inputs", "cannot reshape examples of 7 elements to (5, -1)");
    }

    [Fact]
    public void Concatenate_JoinsAlongItsAxis_ChecksShapes_AndRoundTripsItsConfig()
    {
        using var scope = NewDisposeScope();
        using var concatenate = new Concatenate();
        var a = ones(2, 3, 3, 4);
        var b = zeros(2, 3, 3, 2);

        var joined = concatenate.Call(a, b);

        Assert.Equal(new long[] { 2, 3, 3, 6 }, joined.shape);
        Assert.Equal(new long?[] { null, 3, 3, 6 }, concatenate.ComputeOutputShape([[null, 3, 3, 4], [null, 3, 3, 2]]));
        ArgumentAssert.Throws<ArgumentException>(() => concatenate.Call(a, ones(2, 4, 3, 2)), "inputs", "matching shapes except for the concatenation axis -1", "(2, 4, 3, 2)");
        ArgumentAssert.Throws<ArgumentException>(() => concatenate.Call(a), "inputs", "joins two or more inputs");
        using var again = (Concatenate)LayerRegistry.Get(LayerRegistry.Serialize(new Concatenate(axis: 1, name: "skip")));
        Assert.Equal((1, "skip"), (again.Axis, again.Name));
    }

    [Fact]
    public void TheStandardDcganGenerator_HasThePublishedPyTorchParameterCount()
    {
        using var scope = NewDisposeScope();
        using var generator = new Sequential(
        [
            new Conv2DTranspose(512, 4, useBias: false), new BatchNormalization(), new ReLU(),
            new Conv2DTranspose(256, 4, strides: 2, padding: "same", useBias: false), new BatchNormalization(), new ReLU(),
            new Conv2DTranspose(128, 4, strides: 2, padding: "same", useBias: false), new BatchNormalization(), new ReLU(),
            new Conv2DTranspose(64, 4, strides: 2, padding: "same", useBias: false), new BatchNormalization(), new ReLU(),
            new Conv2DTranspose(3, 4, strides: 2, padding: "same", useBias: false, activation: "tanh"),
        ]);

        var images = generator.Call(randn(2, 1, 1, 100));

        Assert.Equal(new long[] { 2, 64, 64, 3 }, images.shape);
        Assert.Equal(3_576_704, generator.TrainableWeights.Sum(w => w.Value.numel()));
        var summary = generator.Summary();
        Assert.Contains("Trainable params: 3,576,704", summary, StringComparison.Ordinal);
        Assert.Contains("Non-trainable params: 1,920", summary, StringComparison.Ordinal);
        Assert.Contains("(None, 64, 64, 3)", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Sequential_OwnsItsLayers_FreezesThem_AndDisposesThem()
    {
        var baseline = LiveTensors.Count;
        var dense = new Dense(3);
        var bn = new BatchNormalization();
        using (var scope = NewDisposeScope())
        {
            using var model = new Sequential([dense, bn]);
            model.Call(ones(2, 4), training: true);

            model.Trainable = false;

            Assert.Empty(model.TrainableWeights);
            Assert.False(dense.Trainable || bn.Trainable);
            Assert.Equal(6, model.NonTrainableWeights.Count);
            Assert.Throws<InvalidOperationException>(() => model.Add(new Dense(1)));
        }

        Assert.Equal(baseline, LiveTensors.Count);
        using var input = ones(1, 4);
        Assert.Throws<ObjectDisposedException>(() => dense.Call(input));
    }

    [Fact]
    public void Sequential_LoadsAKeras3ConfigWithItsInputLayer()
    {
        const string json = """
            {"module": "keras", "class_name": "Sequential", "registered_name": null,
             "config": {"name": "decoder", "trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
               "layers": [
                 {"module": "keras.layers", "class_name": "InputLayer", "registered_name": null, "config": {"batch_shape": [null, 16], "dtype": "float32", "sparse": false, "name": "input_layer"}},
                 {"module": "keras.layers", "class_name": "Dense", "registered_name": null, "config": {"name": "dense", "trainable": true, "dtype": "float32", "units": 32, "activation": "relu", "use_bias": true,
                   "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null}, "registered_name": null},
                   "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null},
                   "kernel_regularizer": null, "bias_regularizer": null, "kernel_constraint": null, "bias_constraint": null}},
                 {"module": "keras.layers", "class_name": "Reshape", "registered_name": null, "config": {"name": "reshape", "trainable": true, "dtype": "float32", "target_shape": [2, 2, 8]}},
                 {"module": "keras.layers", "class_name": "Conv2DTranspose", "registered_name": null, "config": {"name": "up", "trainable": true, "dtype": "float32", "filters": 1, "kernel_size": [4, 4], "strides": [2, 2], "padding": "same", "data_format": "channels_last", "dilation_rate": [1, 1], "activation": "sigmoid", "use_bias": true}}
               ]}}
            """;

        using var scope = NewDisposeScope();
        using var model = (Sequential)LayerRegistry.Get(json);

        Assert.True(model.Built);
        Assert.Equal("decoder", model.Name);
        Assert.Equal(new long?[] { null, 4, 4, 1 }, model.ComputeOutputShape([null, 16]));
        Assert.Equal(new long[] { 3, 4, 4, 1 }, model.Call(ones(3, 16)).shape);
    }

    [Fact]
    public void ConfigsAskingForFeaturesNotBuiltHere_AreRefused_NotIgnored()
    {
        var dense = Assert.Throws<ArgumentException>(() => Dense.FromConfig(new System.Text.Json.Nodes.JsonObject { ["units"] = 2, ["lora_rank"] = 4 }));
        var norm = Assert.Throws<ArgumentException>(() => BatchNormalization.FromConfig(new System.Text.Json.Nodes.JsonObject { ["renorm"] = true }));

        Assert.Contains("lora_rank 4; LoRA is not supported", dense.Message, StringComparison.Ordinal);
        Assert.Contains("renorm true; batch renormalization is not supported", norm.Message, StringComparison.Ordinal);
        using var fine = Dense.FromConfig(new System.Text.Json.Nodes.JsonObject { ["units"] = 2, ["lora_rank"] = null });
        using var alsoFine = BatchNormalization.FromConfig(new System.Text.Json.Nodes.JsonObject { ["renorm"] = false, ["renorm_clipping"] = null, ["renorm_momentum"] = 0.99 });
    }
}

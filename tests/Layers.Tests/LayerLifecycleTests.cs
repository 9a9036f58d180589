// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Initializers;

namespace LayersFramework.Layers.Tests;

public sealed class LayerLifecycleTests
{
    [Fact]
    public void Constructor_CreatesNoWeights_TheFirstCallBuildsThemInKerasLayout()
    {
        using var scope = NewDisposeScope();
        using var layer = new Conv2DTranspose(filters: 4, kernelSize: [3, 2], strides: 2, padding: "same");
        Assert.False(layer.Built);
        Assert.Empty(layer.Weights);

        var output = layer.Call(ones(2, 5, 5, 3));

        Assert.True(layer.Built);
        Assert.Equal(new long[] { 3, 2, 4, 3 }, layer.Kernel!.Shape);
        Assert.Equal(new long[] { 4 }, layer.Bias!.Shape);
        Assert.Equal(new[] { "kernel", "bias" }, layer.Weights.Select(w => w.Name));
        Assert.Equal(new long[] { 2, 10, 10, 4 }, output.shape);
    }

    [Fact]
    public void DefaultNames_AreUniqueSnakeCaseOfTheClass()
    {
        using var first = new Conv3DTranspose(1, 1);
        using var second = new Conv3DTranspose(1, 1);
        using var named = new Conv3DTranspose(1, 1, name: "decoder_up");

        Assert.StartsWith("conv3d_transpose", first.Name, StringComparison.Ordinal);
        Assert.NotEqual(first.Name, second.Name);
        Assert.Equal("decoder_up", named.Name);
    }

    [Fact]
    public void Losses_CountWeightPenaltiesAndTheLastCallsActivityPenalty_DividedByTheBatch()
    {
        using var scope = NewDisposeScope();
        using var layer = new Conv2DTranspose(3, 3, padding: "valid", kernelRegularizer: "l2", biasRegularizer: "l2", activityRegularizer: "l2", biasInitializer: "ones");
        var input = ones(2, 5, 5, 2);

        var output = layer.Call(input);
        var losses = layer.Losses;

        Assert.Equal(3, losses.Count);
        var kernel = layer.Kernel!.Value;
        Assert.Equal(0.01 * kernel.square().sum().ToDouble(), losses[0].ToDouble(), 6);
        Assert.Equal(0.01 * 3, losses[1].ToDouble(), 6);
        var activityPenalty = 0.01 * output.square().sum().ToDouble() / 2;
        Assert.Equal(activityPenalty, losses[2].ToDouble(), tolerance: 1e-6 * activityPenalty); // float32 sums, added in another order
    }

    [Fact]
    public void Freezing_EmptiesTrainableWeights_DropsTheirPenalties_AndStopsGradients()
    {
        using var scope = NewDisposeScope();
        using var layer = new Conv1DTranspose(2, 3, kernelRegularizer: "l1");
        layer.Call(ones(1, 4, 2));

        layer.Trainable = false;

        Assert.Empty(layer.TrainableWeights);
        Assert.Equal(2, layer.NonTrainableWeights.Count);
        Assert.Empty(layer.Losses);
        Assert.False(layer.Kernel!.Value.requires_grad);
        layer.Trainable = true;
        Assert.Equal(2, layer.TrainableWeights.Count);
        Assert.True(layer.Kernel.Value.requires_grad);
    }

    [Fact]
    public void GetWeights_AndSetWeights_UseKerasOrder_AndCheckShapes()
    {
        using var scope = NewDisposeScope();
        using var layer = new Conv2DTranspose(2, 2);
        Assert.Throws<InvalidOperationException>(() => layer.SetWeights(zeros(2, 2, 2, 1)));
        layer.Call(ones(1, 3, 3, 1));

        var kernel = full([2, 2, 2, 1], 0.5);
        var bias = tensor(new float[] { 1, -1 }, [2]);
        layer.SetWeights(kernel, bias);
        var weights = layer.GetWeights();

        Assert.Equal(kernel.Floats(), weights[0].Floats());
        Assert.Equal(bias.Floats(), weights[1].Floats());
        var countError = Assert.Throws<ArgumentException>(() => layer.SetWeights(kernel));
        Assert.Contains($"has 2 weights ({layer.Name}/kernel (2, 2, 2, 1), {layer.Name}/bias (2,)) but 1 values were given", countError.Message, StringComparison.Ordinal);
        var shapeError = Assert.Throws<ArgumentException>(() => layer.SetWeights(zeros(2, 2, 1, 2), bias));
        Assert.Contains("have shape (2, 2, 1, 2) but the weight has shape (2, 2, 2, 1)", shapeError.Message, StringComparison.Ordinal);
        foreach (var weight in weights)
        {
            weight.Dispose();
        }
    }

    [Fact]
    public void CreatingAWeightAfterBuild_SaysWhereStateBelongs()
    {
        using var scope = NewDisposeScope();
        using var layer = new LateWeightLayer();
        layer.Call(ones(1));

        var error = Assert.Throws<InvalidOperationException>(layer.AddLateWeight);

        Assert.Contains("Create weights in CreateWeights(), which runs once, on the first call or Build()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyConstraints_ProjectsTheKernel_AndIsNotAppliedBefore()
    {
        using var scope = NewDisposeScope();
        using var layer = new Conv1DTranspose(1, 2, kernelInitializer: new Constant(-1), kernelConstraint: "non_neg", useBias: false);
        layer.Call(ones(1, 2, 1));
        Assert.All(layer.Kernel!.Value.Floats(), v => Assert.Equal(-1f, v));

        layer.ApplyConstraints();

        Assert.All(layer.Kernel.Value.Floats(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Dispose_FreesEveryWeight()
    {
        var baseline = LiveTensors.Count;
        var layer = new Conv2DTranspose(2, 3, activityRegularizer: "l2");
        using (NewDisposeScope())
        {
            layer.Call(ones(1, 4, 4, 2));
            _ = layer.Losses;
        }

        layer.Dispose();

        Assert.Equal(baseline, LiveTensors.Count);
    }

    [Fact]
    public void TfKerasDilationCase_K2_1_GivesItsKnownValues()
    {
        using var scope = NewDisposeScope();
        using var layer = new Conv2DTranspose(1, 3, padding: "same", dilationRate: 2, kernelInitializer: "ones");
        var input = arange(48, ScalarType.Float32).reshape(1, 4, 4, 3);

        var output = layer.Call(input);

        double[] rowA = [192, 228, 192, 228];
        double[] rowB = [336, 372, 336, 372];
        Assert.Equal(new long[] { 1, 4, 4, 1 }, output.shape);
        Assert.Equal(rowA.Concat(rowB).Concat(rowA).Concat(rowB), output.Doubles());
    }

    [Fact]
    public void ChannelsFirst_GivesTheSameValuesAsChannelsLast()
    {
        using var scope = NewDisposeScope();
        using var last = new Conv2DTranspose(3, [3, 3], strides: [2, 1], padding: "same", outputPadding: [1, 0], kernelInitializer: new GlorotUniform(seed: 3), biasInitializer: new RandomNormal(seed: 4));
        using var first = new Conv2DTranspose(3, [3, 3], strides: [2, 1], padding: "same", outputPadding: [1, 0], dataFormat: "channels_first", kernelInitializer: new GlorotUniform(seed: 3), biasInitializer: new RandomNormal(seed: 4));
        using var generator = new Generator(5);
        var input = randn([2, 4, 5, 2], generator: generator);

        var fromLast = last.Call(input);
        var fromFirst = first.Call(input.permute(0, 3, 1, 2));

        Assert.True(fromFirst.permute(0, 2, 3, 1).allclose(fromLast, 1e-5, 1e-6));
    }

    [Fact]
    public void TargetOutputSize_AtCallTime_IsUsed_AndAnInvalidOneNamesTheValidRange()
    {
        using var scope = NewDisposeScope();
        using var layer = new Conv2DTranspose(2, 3, strides: 2, padding: "same");
        var input = ones(1, 4, 4, 2);

        Assert.Equal(new long[] { 1, 7, 8, 2 }, layer.Call(input, [7, 8]).shape);
        var error = Assert.Throws<ArgumentException>(() => layer.Call(input, [9, 8]));
        Assert.Contains("valid heights are 7..8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CallWithATargetSize_RecordsTheActivityLoss_AndRefusesADisposedLayer()
    {
        using var scope = NewDisposeScope();
        var layer = new Conv1DTranspose(2, 3, strides: 2, padding: "same", activityRegularizer: "l1", kernelInitializer: "ones");

        var output = layer.Call(ones(2, 4, 1), [7]);

        Assert.Equal(0.01 * output.abs().sum().ToDouble() / 2, Assert.Single(layer.Losses).ToDouble(), 5);
        layer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => layer.Call(ones(2, 4, 1), [7]));
    }

    [Theory]
    [InlineData("filters", "Expected a strictly positive value. Received filters=0.")]
    [InlineData("kernelSize", "Received kernelSize=(1, 0), including values {0} that do not satisfy `value > 0`")]
    [InlineData("strides", "must be a tuple of 2 integers. Received strides=(1, 1, 1).")]
    [InlineData("outputPadding", "outputPadding must be strictly less than strides for all dimensions. At dimension 0")]
    [InlineData("padding", "padding 'causal' is not 'valid' or 'same'.")]
    [InlineData("dataFormat", "dataFormat 'nhwc' is not 'channels_last' or 'channels_first'.")]
    [InlineData("kernelInitializer", "Unknown initializer 'glorot'.")]
    [InlineData("activation", "Unknown activation 'rectifier'.")]
    public void Constructor_RejectsKerasInvalidArguments_NamingThem(string parameter, string message)
    {
        Action create = parameter switch
        {
            "filters" => () => _ = new Conv2DTranspose(0, 3),
            "kernelSize" => () => _ = new Conv2DTranspose(1, [1, 0]),
            "strides" => () => _ = new Conv2DTranspose(1, 3, strides: new[] { 1, 1, 1 }),
            "outputPadding" => () => _ = new Conv2DTranspose(1, 3, strides: 2, outputPadding: 2),
            "padding" => () => _ = new Conv2DTranspose(1, 3, padding: "causal"),
            "dataFormat" => () => _ = new Conv2DTranspose(1, 3, dataFormat: "nhwc"),
            "kernelInitializer" => () => _ = new Conv2DTranspose(1, 3, kernelInitializer: "glorot"),
            _ => () => _ = new Conv2DTranspose(1, 3, activation: "rectifier"),
        };

        var error = Assert.ThrowsAny<ArgumentException>(create);

        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SamePadding_EvenKernel_OutputPaddingZero_IsRefusedUpFront()
    {
        var error = Assert.Throws<ArgumentException>(() => new Conv1DTranspose(1, 2, strides: 2, padding: "same", outputPadding: 0));

        Assert.Equal("outputPadding", error.ParamName);
        Assert.Contains("which TensorFlow's SAME rule rejects", error.Message, StringComparison.Ordinal);
    }

    private sealed class LateWeightLayer() : Layer(null, true, null)
    {
        public override long?[] ComputeOutputShape(long?[] inputShape) => inputShape;

        public void AddLateWeight() => AddWeight("late", [1], new Zeros());

        protected override void CreateWeights(long[] inputShape) => AddWeight("early", [1], new Zeros());

        protected override Tensor ComputeOutput(Tensor inputs, bool training) => inputs.alias();
    }
}

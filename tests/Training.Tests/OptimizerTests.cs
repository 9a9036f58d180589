// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Layers;

namespace LayersFramework.Training.Tests;

/// <summary>Each optimizer's first steps on a two-element variable with fixed gradients, against values worked out by hand or a float64 loop over Keras's formulas.</summary>
public sealed class OptimizerTests
{
    private static readonly double[] Start = [1, 2];
    private static readonly double[] Gradient = [0.5, -1];

    [Fact]
    public void Sgd_WithoutMomentum_StepsAgainstTheGradient()
    {
        // w − lr·g = [1 − 0.05, 2 + 0.1].
        Close([0.95, 2.1], Run(new SGD(0.1), steps: 1), 1e-12);
    }

    [Fact]
    public void Sgd_WithMomentum_AccumulatesVelocity()
    {
        // v1 = −0.1·g = [−0.05, 0.1], w1 = [0.95, 2.1]; v2 = 0.9·v1 − 0.1·g = [−0.095, 0.19], w2 = [0.855, 2.29].
        Close([0.855, 2.29], Run(new SGD(0.1, momentum: 0.9), steps: 2), 1e-12);
    }

    [Fact]
    public void Sgd_Nesterov_LooksAhead()
    {
        // v1 = [−0.05, 0.1]; w1 = w0 + 0.9·v1 − 0.1·g = [1 − 0.045 − 0.05, 2 + 0.09 + 0.1].
        Close([0.905, 2.19], Run(new SGD(0.1, momentum: 0.9, nesterov: true), steps: 1), 1e-12);
    }

    [Fact]
    public void Adam_FirstStep_MovesEachWeightByAboutTheLearningRate()
    {
        // m = 0.1·g, v = 0.001·g², α = lr·√0.001 / 0.1: the step is lr·g / (|g| + ε / √0.001), just under lr in size.
        var expected = Start.Zip(Gradient, (w, g) => w - (0.01 * g / (Math.Abs(g) + (1e-7 / Math.Sqrt(0.001))))).ToArray();
        Close(expected, Run(new Adam(0.01), steps: 1), 1e-12);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Adam_ThreeSteps_FollowKerasFormulas(bool amsgrad)
    {
        double[][] gradients = [[0.5, -1], [0.1, 0.3], [-0.2, 0.05]];
        var w = (double[])Start.Clone();
        double[] m = [0, 0], v = [0, 0], vHat = [0, 0];
        for (var t = 1; t <= 3; t++)
        {
            var alpha = 0.01 * Math.Sqrt(1 - Math.Pow(0.999, t)) / (1 - Math.Pow(0.9, t));
            for (var i = 0; i < 2; i++)
            {
                var g = gradients[t - 1][i];
                m[i] += (g - m[i]) * 0.1;
                v[i] += ((g * g) - v[i]) * 0.001;
                vHat[i] = Math.Max(vHat[i], v[i]);
                w[i] -= alpha * m[i] / (Math.Sqrt(amsgrad ? vHat[i] : v[i]) + 1e-7);
            }
        }

        Close(w, Run(new Adam(0.01, amsgrad: amsgrad), gradients), 1e-9);
    }

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(true, 0.0)]
    [InlineData(false, 0.5)]
    [InlineData(true, 0.5)]
    public void RmsProp_ThreeSteps_FollowKerasFormulas(bool centered, double momentum)
    {
        double[][] gradients = [[0.5, -1], [0.1, 0.3], [-0.2, 0.05]];
        var w = (double[])Start.Clone();
        double[] s = [0, 0], average = [0, 0], b = [0, 0];
        foreach (var step in gradients)
        {
            for (var i = 0; i < 2; i++)
            {
                var g = step[i];
                s[i] = (0.9 * s[i]) + (0.1 * g * g);
                average[i] = (0.9 * average[i]) + (0.1 * g);
                var denominator = centered ? s[i] - (average[i] * average[i]) + 1e-7 : s[i] + 1e-7;
                var increment = 0.01 * g / Math.Sqrt(denominator);
                b[i] = (momentum * b[i]) + increment;
                w[i] -= momentum > 0 ? b[i] : increment;
            }
        }

        Close(w, Run(new RMSprop(0.01, momentum: momentum, centered: centered), gradients), 1e-9);
    }

    [Fact]
    public void WeightDecay_ShrinksTheWeightBeforeTheUpdate()
    {
        // w·(1 − 0.5·0.1) − 0.1·g = [0.95 − 0.05, 1.9 + 0.1].
        Close([0.9, 2.0], Run(new SGD(0.1, weightDecay: 0.5), steps: 1), 1e-12);
    }

    [Fact]
    public void Clipping_ByValue_ByNorm_AndByGlobalNorm()
    {
        // clipValue 0.25: g = [0.25, −0.25]. clipNorm 0.5: |g| = √1.25, g·0.5/√1.25. Global norm over the one variable: the same.
        Close([0.975, 2.025], Run(new SGD(0.1, clipValue: 0.25), steps: 1), 1e-12);
        var scale = 0.5 / Math.Sqrt(1.25);
        Close([1 - (0.05 * scale), 2 + (0.1 * scale)], Run(new SGD(0.1, clipNorm: 0.5), steps: 1), 1e-12);
        Close([1 - (0.05 * scale), 2 + (0.1 * scale)], Run(new SGD(0.1, globalClipNorm: 0.5), steps: 1), 1e-12);
        ArgumentAssert.Throws<ArgumentException>(() => _ = new SGD(clipNorm: 1, clipValue: 1), "clipNorm", "Only one of clipNorm, clipValue and globalClipNorm");
    }

    [Fact]
    public void Constraints_AreAppliedAfterTheUpdate()
    {
        using var scope = NewDisposeScope();
        using var layer = new Dense(2, useBias: false, kernelInitializer: new Initializers.Constant(0.1), kernelConstraint: "non_neg");
        layer.Call(ones([1, 1]));
        using var optimizer = new SGD(1);

        optimizer.ApplyGradients([(tensor(new float[] { 1, -1 }, [1, 2]), layer.Kernel!)]);

        // 0.1 − 1 = −0.9 is projected to 0; 0.1 + 1 stays.
        Assert.Equal(new float[] { 0, 1.1f }, layer.Kernel!.Value.contiguous().data<float>().ToArray());
    }

    [Fact]
    public void State_RoundTrips_SoThatAResumedRunMatchesAnUninterruptedOne()
    {
        double[][] gradients = [[0.5, -1], [0.1, 0.3], [-0.2, 0.05], [0.4, 0.4]];
        var uninterrupted = Run(new Adam(0.01, amsgrad: true), gradients);

        using var scope = NewDisposeScope();
        using var first = new DoubleVariable();
        first.Call(zeros([1], ScalarType.Float64));
        IReadOnlyDictionary<string, Tensor> state;
        using (var optimizer = new Adam(0.01, amsgrad: true))
        {
            Steps(optimizer, first.Weights[0], gradients[..2]);
            state = optimizer.GetState();
        }

        using var resumed = new Adam(0.01, amsgrad: true);
        resumed.SetState(state, first.Weights);
        Steps(resumed, first.Weights[0], gradients[2..]);

        Assert.Equal(2, resumed.Iterations - 2);
        Close(uninterrupted, first.Weights[0].Value.contiguous().data<double>().ToArray(), 1e-12);
        Assert.Equal(new[] { "iterations", $"{first.Weights[0].Path}/m", $"{first.Weights[0].Path}/v", $"{first.Weights[0].Path}/v_hat" }.Order(), state.Keys.Order());
    }

    [Fact]
    public void SetState_RefusesAStateThatDoesNotFit_AndChangesNothing()
    {
        using var scope = NewDisposeScope();
        using var layer = NewVariableLayer();
        using var optimizer = new Adam();
        var state = new Dictionary<string, Tensor> { ["iterations"] = tensor(3L, ScalarType.Int64), [$"{layer.Weights[0].Path}/m"] = zeros([1, 2]) };

        ArgumentAssert.Throws<ArgumentException>(() => optimizer.SetState(state, layer.Weights), "state", $"no \"{layer.Weights[0].Path}/v\"");
        state["stranger/m"] = zeros([1]);
        Assert.Equal(0, optimizer.Iterations);
    }

    [Fact]
    public void TheSlots_AreTensorsTheOptimizerOwns_SurvivingEveryScope_UntilItIsDisposed()
    {
        using var model = new Dense(3);
        using (var build = NewDisposeScope())
        {
            model.Call(ones(2, 4));
        }

        var baseline = LiveTensors.Count;
        var optimizer = new Adam(0.01, amsgrad: true);
        for (var step = 0; step < 2; step++)
        {
            using var scope = NewDisposeScope();
            Optimizer.ZeroGradients(model.TrainableWeights);
            model.Call(ones(2, 4), training: true).sum().backward();
            optimizer.Step(model.TrainableWeights);
        }

        Optimizer.ZeroGradients(model.TrainableWeights); // the gradients are the parameters', not the optimizer's

        // m, v and v̂ for the kernel and the bias, of their shapes.
        Assert.Equal(baseline + 6, LiveTensors.Count);
        using (var scope = NewDisposeScope())
        {
            var state = optimizer.GetState();
            Assert.Equal([4L, 3], state[$"{model.Kernel!.Path}/v_hat"].shape);
            Assert.Equal([3L], state[$"{model.Bias!.Path}/m"].shape);
        }

        optimizer.Dispose();
        Assert.Equal(baseline, LiveTensors.Count);
        Assert.Throws<ObjectDisposedException>(() => optimizer.Step(model.TrainableWeights));
    }

    [Fact]
    public void ATinyRegression_Converges_AndTheLiveTensorCountStaysFlat()
    {
        using var scope = NewDisposeScope();
        using var model = new Dense(1);
        using var optimizer = new SGD(0.1, momentum: 0.5);
        var loss = new MeanSquaredError();
        var x = tensor(new float[] { -1, 0, 1, 2 }, [4, 1]);
        var y = tensor(new float[] { -1, 1, 3, 5 }, [4, 1]); // y = 2x + 1
        double first = 0, last = 0;
        long liveAfterFirstStep = 0;
        for (var step = 0; step < 100; step++)
        {
            using (var stepScope = NewDisposeScope())
            {
                Optimizer.ZeroGradients(model.TrainableWeights);
                var value = TotalLoss.Of(loss.Compute(y, model.Call(x, training: true)), model);
                value.backward();
                optimizer.Step(model.TrainableWeights);
                last = value.item<float>();
            }

            if (step == 0)
            {
                first = last;
                liveAfterFirstStep = LiveTensors.Count;
            }
        }

        Assert.True(last < first / 1000, $"loss went from {first} to {last}");
        Assert.Equal(2, model.Kernel!.Value.item<float>(), 2);
        Assert.Equal(liveAfterFirstStep, LiveTensors.Count);
    }

    private static void Close(double[] expected, double[] actual, double tolerance) => TensorAssert.Close(expected, actual, 0, tolerance);

    private static Dense NewVariableLayer()
    {
        var layer = new Dense(2, useBias: false, kernelInitializer: "zeros");
        layer.Call(zeros([1, 1]));
        layer.Kernel!.Assign(tensor(Start, [1, 2]).to(ScalarType.Float32));
        return layer;
    }

    private static double[] Run(Optimizer optimizer, int steps) => Run(optimizer, Enumerable.Repeat(Gradient, steps).ToArray());

    /// <summary>Runs the optimizer on a float64 variable starting at <see cref="Start"/>.</summary>
    private static double[] Run(Optimizer optimizer, double[][] gradients)
    {
        using (optimizer)
        {
            using var scope = NewDisposeScope();
            using var layer = new DoubleVariable();
            layer.Call(zeros([1], ScalarType.Float64));
            Steps(optimizer, layer.Weights[0], gradients);
            return layer.Weights[0].Value.contiguous().data<double>().ToArray();
        }
    }

    private static void Steps(Optimizer optimizer, Variable variable, double[][] gradients)
    {
        foreach (var gradient in gradients)
        {
            using var scope = NewDisposeScope();
            optimizer.ApplyGradients([(tensor(gradient, [2]).to(variable.Value.dtype).reshape(variable.Shape), variable)]);
        }
    }

    /// <summary>A layer holding one float64 weight [1, 2], so that references in double compare at 1e−12.</summary>
    private sealed class DoubleVariable() : Layer(null, trainable: true, activityRegularizer: null)
    {
        public override long?[] ComputeOutputShape(long?[] inputShape) => inputShape;

        protected override void CreateWeights(long[] inputShape) => AddWeight("w", [2], new StartValues());

        protected override Tensor ComputeOutput(Tensor inputs, bool training) => inputs.alias();

        private sealed class StartValues : Initializers.IInitializer
        {
            public Tensor Initialize(long[] shape, ScalarType dtype = ScalarType.Float32) => tensor(Start, [2]);

            public System.Text.Json.Nodes.JsonObject GetConfig() => [];
        }
    }
}

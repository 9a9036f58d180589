// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Layers;

namespace LayersFramework.Training.Tests;

/// <summary>Each loss against values worked out by hand (natural logarithms), its reductions, and the total with regularization.</summary>
public sealed class LossTests
{
    [Fact]
    public void BinaryCrossentropy_OnProbabilities_IsTheMeanNegativeLogLikelihood()
    {
        // −(ln 0.9 + ln 0.8) / 2 per sample of two, one sample.
        Assert.Equal((0.105360516 + 0.223143551) / 2, Compute(new BinaryCrossentropy(), [1, 0], [0.9, 0.2], [1, 2]), 8);
    }

    [Fact]
    public void BinaryCrossentropy_OnLogits_IsStable_AndAgreesWithTheProbabilityForm()
    {
        // z = 2 with t = 1: ln(1 + e^−2) = 0.126928011; z = −1 with t = 0: ln(1 + e^−1) = 0.313261688.
        Assert.Equal((0.126928011 + 0.313261688) / 2, Compute(new BinaryCrossentropy(fromLogits: true), [1, 0], [2, -1], [2]), 8);

        // z = 100 with t = 0 costs 100: no overflow, no clip.
        Assert.Equal(100, Compute(new BinaryCrossentropy(fromLogits: true), [0], [100], [1]), 6);
    }

    [Fact]
    public void BinaryCrossentropy_ClipsProbabilities_AtKerasEpsilon()
    {
        // p = 0 with t = 1 costs −ln(1e−7) = 16.118095651, not infinity.
        Assert.Equal(16.118095651, Compute(new BinaryCrossentropy(), [1], [0], [1]), 6);
    }

    [Fact]
    public void BinaryCrossentropy_LabelSmoothing_MovesTargetsTowardsOneHalf()
    {
        // s = 0.2: targets 0.9 and 0.1; p = 0.5 costs ln 2 whatever the target; p = 0.9 with t = 0.9: −(0.9 ln 0.9 + 0.1 ln 0.1).
        var expected = (0.693147181 + ((0.9 * 0.105360516) + (0.1 * 2.302585093))) / 2;
        Assert.Equal(expected, Compute(new BinaryCrossentropy(labelSmoothing: 0.2), [0, 1], [0.5, 0.9], [2]), 8);
    }

    [Fact]
    public void MeanSquaredAndMeanAbsoluteError_AveragePerSample_ThenOverTheBatch()
    {
        // Samples [1, 2] vs [0, 0] and [3, 3] vs [3, 5]: squared means 2.5 and 2, absolute means 1.5 and 1.
        Assert.Equal(2.25, Compute(new MeanSquaredError(), [0, 0, 3, 5], [1, 2, 3, 3], [2, 2]), 10);
        Assert.Equal(1.25, Compute(new MeanAbsoluteError(), [0, 0, 3, 5], [1, 2, 3, 3], [2, 2]), 10);
    }

    [Fact]
    public void CategoricalCrossentropy_OnProbabilities_Logits_AndWithSmoothing()
    {
        // −ln 0.7 = 0.356674944; probabilities that do not sum to 1 are rescaled first (0.35 / 0.5 = 0.7).
        Assert.Equal(0.356674944, Compute(new CategoricalCrossentropy(), [0, 1, 0], [0.2, 0.7, 0.1], [1, 3]), 8);
        Assert.Equal(0.356674944, Compute(new CategoricalCrossentropy(), [0, 1, 0], [0.1, 0.35, 0.05], [1, 3]), 8);

        // Logits [0, ln 2, 0]: softmax [0.25, 0.5, 0.25]; −ln 0.5.
        Assert.Equal(0.693147181, Compute(new CategoricalCrossentropy(fromLogits: true), [0, 1, 0], [0, Math.Log(2), 0], [1, 3]), 8);

        // s = 0.3 over 3 classes: targets [0.1, 0.8, 0.1] against [0.25, 0.5, 0.25].
        var smoothed = (0.1 * 1.386294361) + (0.8 * 0.693147181) + (0.1 * 1.386294361);
        Assert.Equal(smoothed, Compute(new CategoricalCrossentropy(fromLogits: true, labelSmoothing: 0.3), [0, 1, 0], [0, Math.Log(2), 0], [1, 3]), 8);
    }

    [Fact]
    public void SparseCategoricalCrossentropy_TakesClassIndices_AndRefusesOnesOutOfRange()
    {
        using var scope = NewDisposeScope();
        var loss = new SparseCategoricalCrossentropy();
        var predictions = tensor(new double[] { 0.2, 0.7, 0.1, 0.5, 0.25, 0.25 }, [2, 3]);

        // −(ln 0.7 + ln 0.5) / 2, with targets (2,) or (2, 1).
        var expected = (0.356674944 + 0.693147181) / 2;
        Assert.Equal(expected, loss.Compute(tensor(new long[] { 1, 0 }, [2]), predictions).item<double>(), 8);
        Assert.Equal(expected, loss.Compute(tensor(new long[] { 1, 0 }, [2, 1]), predictions).item<double>(), 8);
        ArgumentAssert.Throws<ArgumentException>(() => loss.Compute(tensor(new long[] { 1, 3 }, [2]), predictions), "yTrue", "class indices 3 outside 0..2");
    }

    [Fact]
    public void Reductions_Sum_None_AndMeanWithSampleWeight()
    {
        using var scope = NewDisposeScope();
        var yTrue = tensor(new double[] { 0, 0, 3, 5 }, [2, 2]);
        var yPred = tensor(new double[] { 1, 2, 3, 3 }, [2, 2]);
        var weights = tensor(new double[] { 1, 3 }, [2]);

        Assert.Equal(4.5, new MeanSquaredError(LossReduction.Sum).Compute(yTrue, yPred).item<double>(), 10);
        Assert.Equal(new[] { 2.5, 2 }, new MeanSquaredError(LossReduction.None).Compute(yTrue, yPred).contiguous().data<double>().ToArray());
        Assert.Equal((2.5 + 6) / 2, new MeanSquaredError().Compute(yTrue, yPred, weights).item<double>(), 10);
        Assert.Equal((2.5 + 6) / 4, new MeanSquaredError(LossReduction.MeanWithSampleWeight).Compute(yTrue, yPred, weights).item<double>(), 10);
    }

    [Fact]
    public void ShapesThatDiffer_AreRefused_ShowingBoth()
    {
        using var scope = NewDisposeScope();

        ArgumentAssert.Throws<ArgumentException>(
            () => new MeanSquaredError().Compute(zeros([2, 3]), zeros([2, 4])), "yPred", "yTrue (2, 3)", "yPred (2, 4)");
    }

    [Fact]
    public void TotalLoss_AddsTheModelsRegularizationLosses()
    {
        using var scope = NewDisposeScope();
        using var model = new Dense(1, useBias: false, kernelInitializer: new Initializers.Constant(2), kernelRegularizer: new Regularizers.L2(0.5));
        var prediction = model.Call(ones([1, 3]));
        var data = new MeanSquaredError().Compute(zeros([1, 1]), prediction);

        // Prediction 6, so the data loss is 36; L2 of the kernel [2, 2, 2]: 0.5 · 12 = 6.
        Assert.Equal(42, TotalLoss.Of(data, model).item<float>(), 5);
    }

    private static double Compute(Loss loss, double[] yTrue, double[] yPred, long[] shape)
    {
        using var scope = NewDisposeScope();
        return loss.Compute(tensor(yTrue, shape), tensor(yPred, shape)).item<double>();
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using LayersFramework.Torch.Tests.Support;

namespace LayersFramework.Torch.Tests;

public sealed class LossTests
{
    /// <summary>Logits (3, 4) for the cross-entropy tests.</summary>
    private static readonly double[] Logits = [1, 2, 0.5, -1, 0, 0, 0, 0, 3, -2, 1, 2];

    private static readonly long[] Classes = [0, 3, 1];

    private static readonly double[] ClassWeights = [1, 2, 0.5, 3];

    [Fact]
    public void BinaryCrossEntropy_IsMinusLogLikelihood_WithEachReduction()
    {
        using var scope = new DisposeScope();
        var p = Tensor.FromArray(new[] { 0.9, 0.2, 0.6, 0.5 }, 2, 2);
        var t = Tensor.FromArray(new double[] { 1, 0, 1, 0 }, 2, 2);
        double[] expected = [-Math.Log(0.9), -Math.Log(0.8), -Math.Log(0.6), -Math.Log(0.5)];
        AssertReductions(r => Functional.BinaryCrossEntropy(p, t, reduction: r), expected, [2, 2], expected.Length);
    }

    [Fact]
    public void BinaryCrossEntropy_MultipliesByWeight_AndHandlesSoftTargets()
    {
        using var scope = new DisposeScope();
        var p = Tensor.FromArray(new[] { 0.9, 0.2, 0.6, 0.5 }, 4);
        var t = Tensor.FromArray(new[] { 1, 0, 0.25, 0 }, 4);
        var w = Tensor.FromArray(new[] { 1, 2, 0.5, 3 }, 4);
        double[] expected =
        [
            -Math.Log(0.9),
            -2 * Math.Log(0.8),
            -0.5 * ((0.25 * Math.Log(0.6)) + (0.75 * Math.Log(0.4))),
            -3 * Math.Log(0.5),
        ];
        AssertReductions(r => Functional.BinaryCrossEntropy(p, t, w, r), expected, [4], expected.Length);
    }

    [Fact]
    public void BinaryCrossEntropy_ClampsTheLogAtMinus100()
    {
        using var scope = new DisposeScope();
        var p = Tensor.FromArray(new double[] { 0, 1, 0 }, 3);
        var t = Tensor.FromArray(new double[] { 1, 0, 0 }, 3);
        TensorAssert.Close([100, 100, 0], [3], Functional.BinaryCrossEntropy(p, t, reduction: Reduction.None), rtol: 0, atol: 0);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_EqualsCrossEntropyOfTheSigmoid()
    {
        using var scope = new DisposeScope();
        double[] z = [2, -1, 0.5, -3];
        double[] t = [1, 0, 0.5, 1];
        var expected = z.Select((v, i) => Bce(Sigmoid(v), t[i], 1, 1)).ToArray();
        var input = Tensor.FromArray(z, 2, 2);
        var target = Tensor.FromArray(t, 2, 2);
        AssertReductions(r => Functional.BinaryCrossEntropyWithLogits(input, target, reduction: r), expected, [2, 2], 4);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_AppliesWeightAndPositiveWeight()
    {
        using var scope = new DisposeScope();
        double[] z = [2, -1, 0.5, -3];
        double[] t = [1, 0, 0.5, 1];
        double[] w = [1, 2, 0.5, 3];
        double[] positive = [2, 0.5]; // per class, the last dimension
        var expected = z.Select((v, i) => Bce(Sigmoid(v), t[i], w[i], positive[i % 2])).ToArray();
        var input = Tensor.FromArray(z, 2, 2);
        var target = Tensor.FromArray(t, 2, 2);
        var weight = Tensor.FromArray(w, 2, 2);
        var positiveWeight = Tensor.FromArray(positive, 2);
        AssertReductions(r => Functional.BinaryCrossEntropyWithLogits(input, target, weight, positiveWeight, r), expected, [2, 2], 4);
        var onlyPositive = z.Select((v, i) => Bce(Sigmoid(v), t[i], 1, positive[i % 2])).ToArray();
        TensorAssert.Close(onlyPositive, [2, 2], Functional.BinaryCrossEntropyWithLogits(input, target, positiveWeight: positiveWeight, reduction: Reduction.None), rtol: 1e-12, atol: 0);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_IsStable_ForLargeLogits()
    {
        using var scope = new DisposeScope();
        var input = Tensor.FromArray(new double[] { 100, -100, 100 }, 3);
        var target = Tensor.FromArray(new double[] { 0, 1, 1 }, 3);

        // log(1 + e¹⁰⁰) = 100 + log(1 + e⁻¹⁰⁰) = 100 in float64; log(1 + e⁻¹⁰⁰) = e⁻¹⁰⁰.
        TensorAssert.Close([100, 100, Math.Exp(-100)], [3], Functional.BinaryCrossEntropyWithLogits(input, target, reduction: Reduction.None), rtol: 1e-12, atol: 1e-15);
    }

    [Fact]
    public void MseLoss_IsSquaredDifference()
    {
        using var scope = new DisposeScope();
        var input = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, 2, 2);
        var target = Tensor.FromArray(new[] { 1.5, 2, 1, 7 }, 2, 2);
        AssertReductions(r => Functional.MseLoss(input, target, r), [0.25, 0, 4, 9], [2, 2], 4);
        TensorAssert.Close([3.3125], [], Functional.MseLoss(input, target), rtol: 0, atol: 0);
    }

    [Fact]
    public void L1Loss_IsAbsoluteDifference()
    {
        using var scope = new DisposeScope();
        var input = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, 4);
        var target = Tensor.FromArray(new[] { 1.5, 2, 1, 7 }, 4);
        AssertReductions(r => Functional.L1Loss(input, target, r), [0.5, 0, 2, 3], [4], 4);
        TensorAssert.Close([1.375], [], Functional.L1Loss(input, target), rtol: 0, atol: 0);
    }

    [Theory]
    [InlineData(1.0, new[] { 0.125, 0, 1.5, 2.5 })]
    [InlineData(2.5, new[] { 0.125, 0, 2, 4.375 })]
    [InlineData(0.25, new[] { 0.25 * (0.5 - 0.125), 0, 0.25 * (2 - 0.125), 0.25 * (3 - 0.125) })]
    public void HuberLoss_IsQuadraticWithinDelta_AndLinearBeyond(double delta, double[] expected)
    {
        using var scope = new DisposeScope();
        var input = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, 4);
        var target = Tensor.FromArray(new[] { 1.5, 2, 1, 7 }, 4);
        AssertReductions(r => Functional.HuberLoss(input, target, r, delta), expected, [4], 4);
    }

    [Fact]
    public void HuberLoss_UsesDeltaOne_ByDefault()
    {
        using var scope = new DisposeScope();
        var input = Tensor.FromArray(new double[] { 0, 0 }, 2);
        var target = Tensor.FromArray(new[] { 0.5, -3 }, 2);
        TensorAssert.Close([(0.125 + 2.5) / 2], [], Functional.HuberLoss(input, target), rtol: 1e-15, atol: 0);
    }

    [Fact]
    public void CrossEntropy_WithClassIndices_IsLogSumExpMinusTargetLogit()
    {
        using var scope = new DisposeScope();
        var input = Tensor.FromArray(Logits, 3, 4);
        var target = Tensor.FromArray(Classes, 3);
        var expected = Enumerable.Range(0, 3).Select(i => -LogSoftmax(i)[Classes[i]]).ToArray();
        AssertReductions(r => Functional.CrossEntropy(input, target, reduction: r), expected, [3], 3);
    }

    [Fact]
    public void CrossEntropy_WithWeights_DividesTheMeanByTheTargetsWeights()
    {
        using var scope = new DisposeScope();
        var input = Tensor.FromArray(Logits, 3, 4);
        var target = Tensor.FromArray(Classes, 3);
        var weight = Tensor.FromArray(ClassWeights, 4);
        var expected = Enumerable.Range(0, 3).Select(i => -ClassWeights[Classes[i]] * LogSoftmax(i)[Classes[i]]).ToArray();
        var weightSum = Classes.Sum(c => ClassWeights[c]);
        AssertReductions(r => Functional.CrossEntropy(input, target, weight, r), expected, [3], weightSum);
    }

    [Fact]
    public void CrossEntropy_SkipsIgnoredTargets()
    {
        using var scope = new DisposeScope();
        var input = Tensor.FromArray(Logits, 3, 4);
        var target = Tensor.FromArray(Classes, 3);
        double[] expected = [-LogSoftmax(0)[0], 0, -LogSoftmax(2)[1]];
        AssertReductions(r => Functional.CrossEntropy(input, target, reduction: r, ignoreIndex: 3), expected, [3], 2);
        var weight = Tensor.FromArray(ClassWeights, 4);
        TensorAssert.Close(
            [((1 * expected[0]) + (2 * expected[2])) / 3],
            [],
            Functional.CrossEntropy(input, target, weight, ignoreIndex: 3),
            rtol: 1e-14,
            atol: 0);
    }

    [Fact]
    public void CrossEntropy_WithLabelSmoothing_MixesInTheUniformDistribution()
    {
        using var scope = new DisposeScope();
        const double Epsilon = 0.2;
        var input = Tensor.FromArray(Logits, 3, 4);
        var target = Tensor.FromArray(Classes, 3);
        var expected = Enumerable.Range(0, 3)
            .Select(i => LogSoftmax(i).Select((l, c) => -((c == Classes[i] ? 1 - Epsilon : 0) + (Epsilon / 4)) * l).Sum())
            .ToArray();
        AssertReductions(r => Functional.CrossEntropy(input, target, reduction: r, labelSmoothing: Epsilon), expected, [3], 3);
    }

    [Fact]
    public void CrossEntropy_WithLabelSmoothingAndWeights_NormalisesByTheTargetsWeights()
    {
        using var scope = new DisposeScope();
        const double Epsilon = 0.2;
        var input = Tensor.FromArray(Logits, 3, 4);
        var target = Tensor.FromArray(Classes, 3);
        var weight = Tensor.FromArray(ClassWeights, 4);

        // libtorch: (1 − ε)·weighted NLL + ε/C·Σᵢ Σ_c −w_c·log pᵢ_c, both means dividing by Σᵢ w[tᵢ].
        var nll = Enumerable.Range(0, 3).Sum(i => -ClassWeights[Classes[i]] * LogSoftmax(i)[Classes[i]]);
        var smooth = Enumerable.Range(0, 3).Sum(i => LogSoftmax(i).Select((l, c) => -ClassWeights[c] * l).Sum());
        var weightSum = Classes.Sum(c => ClassWeights[c]);
        var expected = (((1 - Epsilon) * nll) + (Epsilon / 4 * smooth)) / weightSum;
        TensorAssert.Close([expected], [], Functional.CrossEntropy(input, target, weight, labelSmoothing: Epsilon), rtol: 1e-14, atol: 0);
    }

    [Fact]
    public void CrossEntropy_WithClassProbabilities_IsMinusExpectedLogProbability()
    {
        using var scope = new DisposeScope();
        double[] probabilities = [0.7, 0.1, 0.1, 0.1, 0.25, 0.25, 0.25, 0.25, 0, 0.5, 0.5, 0];
        var input = Tensor.FromArray(Logits, 3, 4);
        var target = Tensor.FromArray(probabilities, 3, 4);
        var weight = Tensor.FromArray(ClassWeights, 4);
        double Loss(int i, bool weighted, double epsilon) => LogSoftmax(i)
            .Select((l, c) => -(weighted ? ClassWeights[c] : 1) * (((1 - epsilon) * probabilities[(i * 4) + c]) + (epsilon / 4)) * l)
            .Sum();

        var plain = Enumerable.Range(0, 3).Select(i => Loss(i, false, 0)).ToArray();
        AssertReductions(r => Functional.CrossEntropy(input, target, reduction: r), plain, [3], 3);

        // With probabilities the weighted mean still divides by the batch size.
        var weighted = Enumerable.Range(0, 3).Select(i => Loss(i, true, 0)).ToArray();
        AssertReductions(r => Functional.CrossEntropy(input, target, weight, r), weighted, [3], 3);

        var smoothed = Enumerable.Range(0, 3).Select(i => Loss(i, false, 0.1)).ToArray();
        AssertReductions(r => Functional.CrossEntropy(input, target, reduction: r, labelSmoothing: 0.1), smoothed, [3], 3);
    }

    [Fact]
    public void CrossEntropy_HandlesExtraDimensions()
    {
        using var scope = new DisposeScope();

        // (N = 2, C = 3, d = 2): loss[n, k] = log Σ_c e^x[n, c, k] − x[n, target[n, k], k].
        var values = Enumerable.Range(0, 12).Select(i => Math.Sin(i)).ToArray();
        var input = Tensor.FromArray(values, 2, 3, 2);
        long[] classes = [2, 0, 1, 1];
        var target = Tensor.FromArray(classes, 2, 2);
        var expected = new double[4];
        for (var n = 0; n < 2; n++)
        {
            for (var k = 0; k < 2; k++)
            {
                var logSum = Math.Log(Enumerable.Range(0, 3).Sum(c => Math.Exp(values[(n * 6) + (c * 2) + k])));
                expected[(n * 2) + k] = logSum - values[(n * 6) + ((int)classes[(n * 2) + k] * 2) + k];
            }
        }

        AssertReductions(r => Functional.CrossEntropy(input, target, reduction: r), expected, [2, 2], 4);
    }

    [Fact]
    public void NllLoss_IsMinusTheTargetEntry()
    {
        using var scope = new DisposeScope();
        var input = Tensor.FromArray(new[] { -0.1, -2, -3, -4, -1, -1.5, -0.7, -2, -5, -0.2, -3, -1 }, 3, 4);
        var target = Tensor.FromArray(new long[] { 2, 0, 3 }, 3);
        AssertReductions(r => Functional.NllLoss(input, target, reduction: r), [3, 1, 1], [3], 3);

        // Weights of the targets: 0.5, 1, 3.
        var weight = Tensor.FromArray(ClassWeights, 4);
        AssertReductions(r => Functional.NllLoss(input, target, weight, r), [1.5, 1, 3], [3], 4.5);
        AssertReductions(r => Functional.NllLoss(input, target, reduction: r, ignoreIndex: 0), [3, 0, 1], [3], 2);
    }

    [Fact]
    public void NllLoss_HandlesExtraDimensions()
    {
        using var scope = new DisposeScope();

        // (N = 2, C = 3, d = 2), as the documentation's "(N, C, ...)" promises: loss[n, k] = −input[n, target[n, k], k].
        // Fails while the shim calls at::nll_loss (1-D or 2-D input only) rather than at::nll_loss_nd.
        var values = Enumerable.Range(0, 12).Select(i => -0.5 * i).ToArray();
        var input = Tensor.FromArray(values, 2, 3, 2);
        var target = Tensor.FromArray(new long[] { 2, 0, 1, 1 }, 2, 2);
        double[] expected = [-values[4], -values[1], -values[6 + 2], -values[6 + 3]];
        AssertReductions(r => Functional.NllLoss(input, target, reduction: r), expected, [2, 2], 4);
    }

    /// <summary>Asserts Reduction.None gives <paramref name="perElement"/>, Sum their sum and Mean the sum over <paramref name="meanDenominator"/>.</summary>
    private static void AssertReductions(Func<Reduction, Tensor> loss, double[] perElement, long[] shape, double meanDenominator)
    {
        using var scope = new DisposeScope();
        TensorAssert.Close(perElement, shape, loss(Reduction.None), rtol: 1e-13, atol: 1e-15);
        TensorAssert.Close([perElement.Sum()], [], loss(Reduction.Sum), rtol: 1e-13, atol: 1e-15);
        TensorAssert.Close([perElement.Sum() / meanDenominator], [], loss(Reduction.Mean), rtol: 1e-13, atol: 1e-15);
    }

    private static double[] LogSoftmax(int row)
    {
        var logits = Logits.Skip(row * 4).Take(4).ToArray();
        var logSum = Math.Log(logits.Sum(Math.Exp));
        return logits.Select(l => l - logSum).ToArray();
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>−w·(pw·t·log p + (1 − t)·log(1 − p)).</summary>
    private static double Bce(double p, double t, double weight, double positiveWeight) =>
        -weight * ((positiveWeight * t * Math.Log(p)) + ((1 - t) * Math.Log(1 - p)));
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using static TorchSharp.torch;

namespace LayersFramework.Training;

/// <summary>
/// Keras's <c>CategoricalCrossentropy</c> over one-hot (or soft) targets along the class axis (the last):
/// <c>−Σ t·log p</c>. Probabilities are first rescaled to sum to 1 and clipped to [1e−7, 1 − 1e−7], as Keras does;
/// logits go through log-softmax. Label smoothing: <c>t·(1 − s) + s / classes</c>.
/// </summary>
public sealed class CategoricalCrossentropy : Loss
{
    private const double Epsilon = 1e-7;

    /// <summary>Validates and stores Keras's arguments.</summary>
    /// <param name="fromLogits">Whether predictions are logits.</param>
    /// <param name="labelSmoothing">0 to 1; 0 unless given.</param>
    /// <param name="reduction">How to reduce; the mean over the batch unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside 0..1.</exception>
    public CategoricalCrossentropy(bool fromLogits = false, double labelSmoothing = 0, LossReduction reduction = LossReduction.SumOverBatchSize)
        : base(reduction)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "labelSmoothing must be between 0 and 1.");
        }

        FromLogits = fromLogits;
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>Gets a value indicating whether predictions are logits.</summary>
    public bool FromLogits { get; }

    /// <summary>Gets the label smoothing.</summary>
    public double LabelSmoothing { get; }

    /// <inheritdoc/>
    protected override Tensor PerSample(Tensor yTrue, Tensor yPred)
    {
        CheckSameShape(yTrue, yPred);
        if (yPred.dim() < 1)
        {
            throw new ArgumentException("CategoricalCrossentropy needs predictions with a class axis.", nameof(yPred));
        }

        var target = yTrue.to(yPred);
        if (LabelSmoothing > 0)
        {
            target = (target * (1 - LabelSmoothing)) + (LabelSmoothing / yPred.size(-1));
        }

        var logProbabilities = FromLogits
            ? yPred.log_softmax(-1)
            : (yPred / yPred.sum([-1], keepdim: true)).clamp(Epsilon, 1 - Epsilon).log();
        return (target * logProbabilities).sum([-1]).neg();
    }
}

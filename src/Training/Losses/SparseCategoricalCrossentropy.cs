// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using LayersFramework.Torch;

namespace LayersFramework.Training;

/// <summary>
/// Keras's <c>SparseCategoricalCrossentropy</c>: integer class targets (shape of the predictions without the class
/// axis, or with a trailing 1) against probabilities or logits over the last axis; <c>−log p[t]</c> per sample, with
/// probabilities clipped to [1e−7, 1 − 1e−7] as Keras does. A target outside 0..classes−1 is an error, not a silent zero.
/// </summary>
/// <param name="fromLogits">Whether predictions are logits.</param>
/// <param name="reduction">How to reduce; the mean over the batch unless given.</param>
public sealed class SparseCategoricalCrossentropy(bool fromLogits = false, LossReduction reduction = LossReduction.SumOverBatchSize) : Loss(reduction)
{
    private const double Epsilon = 1e-7;

    /// <summary>Gets a value indicating whether predictions are logits.</summary>
    public bool FromLogits { get; } = fromLogits;

    /// <inheritdoc/>
    protected override Tensor PerSample(Tensor yTrue, Tensor yPred)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        var classes = yPred.Size(-1);
        var targets = yTrue.Rank == yPred.Rank && yTrue.Size(-1) == 1 ? yTrue.Squeeze(-1) : yTrue;
        if (!targets.Shape.AsSpan().SequenceEqual(yPred.Shape.AsSpan(0, yPred.Rank - 1)))
        {
            throw new ArgumentException(
                $"SparseCategoricalCrossentropy needs one class index per prediction row; received yTrue {Tuples.Format(yTrue.Shape)} and yPred {Tuples.Format(yPred.Shape)}.", nameof(yTrue));
        }

        var indices = targets.To(ScalarType.Int64);
        var values = indices.ToArray<long>();
        var bad = values.Where(v => v < 0 || v >= classes).Take(3).ToArray();
        if (bad.Length > 0)
        {
            throw new ArgumentException(
                $"SparseCategoricalCrossentropy received class indices {string.Join(", ", bad)} outside 0..{classes - 1}.", nameof(yTrue));
        }

        var logProbabilities = FromLogits ? Functional.LogSoftmax(yPred, -1) : yPred.Clamp(Epsilon, 1 - Epsilon).Log();
        var oneHot = indices.Unsqueeze(-1).Eq(Tensor.Arange(classes, ScalarType.Int64)).To(yPred.Dtype);
        return (logProbabilities * oneHot).Sum([-1]).Neg();
    }
}

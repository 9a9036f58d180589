// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using LayersFramework.Engine;
using TorchSharp;
using static TorchSharp.torch;

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
        if (yPred.dim() < 1)
        {
            throw new ArgumentException("SparseCategoricalCrossentropy needs predictions with a class axis.", nameof(yPred));
        }

        var classes = yPred.size(-1);
        var targets = yTrue.dim() == yPred.dim() && yTrue.size(-1) == 1 ? yTrue.squeeze(-1) : yTrue;
        if (!targets.shape.AsSpan().SequenceEqual(yPred.shape.AsSpan(0, yPred.shape.Length - 1)))
        {
            throw new ArgumentException(
                $"SparseCategoricalCrossentropy needs one class index per prediction row; received yTrue {Tuples.Format(yTrue.shape)} and yPred {Tuples.Format(yPred.shape)}.", nameof(yTrue));
        }

        var indices = targets.to(ScalarType.Int64, yPred.device);
        var values = indices.cpu().contiguous().data<long>().ToArray();
        var bad = values.Where(v => v < 0 || v >= classes).Take(3).ToArray();
        if (bad.Length > 0)
        {
            throw new ArgumentException(
                $"SparseCategoricalCrossentropy received class indices {string.Join(", ", bad)} outside 0..{classes - 1}.", nameof(yTrue));
        }

        var logProbabilities = FromLogits ? yPred.log_softmax(-1) : yPred.clamp(Epsilon, 1 - Epsilon).log();
        var oneHot = indices.unsqueeze(-1).eq(torch.arange(classes, ScalarType.Int64, yPred.device)).to(yPred.dtype);
        return (logProbabilities * oneHot).sum([-1]).neg();
    }
}

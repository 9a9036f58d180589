// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using static TorchSharp.torch;

namespace LayersFramework.Training;

/// <summary>
/// Keras's <c>BinaryCrossentropy</c>: per element <c>−(t·log p + (1 − t)·log(1 − p))</c>, averaged over the last axis.
/// On probabilities, p is clipped to [1e−7, 1 − 1e−7] as Keras clips it; on logits (<c>fromLogits</c>) it is
/// computed stably from z as <c>max(z, 0) − z·t + log(1 + e^−|z|)</c>. Label smoothing moves targets towards 0.5:
/// <c>t·(1 − s) + 0.5·s</c>.
/// </summary>
public sealed class BinaryCrossentropy : Loss
{
    /// <summary>Keras's <c>backend.epsilon()</c>.</summary>
    private const double Epsilon = 1e-7;

    /// <summary>Validates and stores Keras's arguments.</summary>
    /// <param name="fromLogits">Whether predictions are logits rather than probabilities.</param>
    /// <param name="labelSmoothing">0 to 1; 0 unless given.</param>
    /// <param name="reduction">How to reduce; the mean over the batch unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside 0..1.</exception>
    public BinaryCrossentropy(bool fromLogits = false, double labelSmoothing = 0, LossReduction reduction = LossReduction.SumOverBatchSize)
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
        var target = yTrue.to(yPred);
        if (LabelSmoothing > 0)
        {
            target = (target * (1 - LabelSmoothing)) + (0.5 * LabelSmoothing);
        }

        Tensor elementwise;
        if (FromLogits)
        {
            elementwise = yPred.clamp_min(0) - (yPred * target) + yPred.abs().neg().exp().log1p();
        }
        else
        {
            var p = yPred.clamp(Epsilon, 1 - Epsilon);
            elementwise = ((target * p.log()) + ((1 - target) * (1 - p).log())).neg();
        }

        return elementwise.dim() == 0 ? elementwise : elementwise.mean([-1]);
    }
}

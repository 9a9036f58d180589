// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Training;

/// <summary>
/// The base of Keras's loss classes: a per-sample loss (the mean over the last axis of an element-wise loss, or a
/// loss over the class axis), optionally weighted per sample, then reduced (<see cref="LossReduction"/>).
/// </summary>
public abstract class Loss
{
    /// <summary>Stores the reduction.</summary>
    /// <param name="reduction">How to reduce the per-sample losses.</param>
    protected Loss(LossReduction reduction) => Reduction = reduction;

    /// <summary>Gets how the per-sample losses are reduced.</summary>
    public LossReduction Reduction { get; }

    /// <summary>Computes the loss, as Keras's <c>loss(y_true, y_pred, sample_weight)</c>.</summary>
    /// <param name="yTrue">The targets.</param>
    /// <param name="yPred">The predictions, of the targets' shape (integer class targets for the sparse loss).</param>
    /// <param name="sampleWeight">A weight per sample (broadcast against the per-sample losses), or null.</param>
    /// <returns>The reduced loss (a scalar), or the per-sample losses for <see cref="LossReduction.None"/>.</returns>
    /// <exception cref="ArgumentException">The shapes do not fit; the message shows them.</exception>
    public Tensor Compute(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        using var scope = torch.NewDisposeScope();
        var perSample = PerSample(yTrue, yPred);
        var weighted = sampleWeight is null ? perSample : perSample * sampleWeight;
        var reduced = Reduction switch
        {
            LossReduction.None => weighted,
            LossReduction.Sum => weighted.sum(),
            LossReduction.MeanWithSampleWeight when sampleWeight is not null => weighted.sum() / (torch.ones_like(perSample) * sampleWeight).sum(),
            _ => weighted.numel() == 0 ? weighted.sum() : weighted.sum() / weighted.numel(),
        };
        return scope.MoveToOuter(reduced);
    }

    /// <summary>The per-sample losses: the predictions' shape without its last axis.</summary>
    /// <param name="yTrue">The targets.</param>
    /// <param name="yPred">The predictions.</param>
    /// <returns>The per-sample losses.</returns>
    protected abstract Tensor PerSample(Tensor yTrue, Tensor yPred);

    /// <summary>Checks that targets and predictions have one shape.</summary>
    /// <param name="yTrue">The targets.</param>
    /// <param name="yPred">The predictions.</param>
    /// <exception cref="ArgumentException">They differ.</exception>
    protected void CheckSameShape(Tensor yTrue, Tensor yPred)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        if (!yTrue.shape.AsSpan().SequenceEqual(yPred.shape))
        {
            throw new ArgumentException(
                $"{GetType().Name} needs targets and predictions of one shape; received yTrue {Tuples.Format(yTrue.shape)} and yPred {Tuples.Format(yPred.shape)}.", nameof(yPred));
        }
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Torch;

namespace LayersFramework.Training;

/// <summary>Keras's <c>MeanSquaredError</c>: per sample the mean over the last axis of <c>(t − p)²</c>.</summary>
/// <param name="reduction">How to reduce; the mean over the batch unless given.</param>
public sealed class MeanSquaredError(LossReduction reduction = LossReduction.SumOverBatchSize) : Loss(reduction)
{
    /// <inheritdoc/>
    protected override Tensor PerSample(Tensor yTrue, Tensor yPred)
    {
        CheckSameShape(yTrue, yPred);
        var squared = (yPred - yTrue.To(yPred.Dtype)).Square();
        return squared.Rank == 0 ? squared : squared.Mean([-1]);
    }
}

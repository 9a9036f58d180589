// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using static TorchSharp.torch;

namespace LayersFramework.Training;

/// <summary>Keras's <c>MeanSquaredError</c>: per sample the mean over the last axis of <c>(t − p)²</c>.</summary>
/// <param name="reduction">How to reduce; the mean over the batch unless given.</param>
public sealed class MeanSquaredError(LossReduction reduction = LossReduction.SumOverBatchSize) : Loss(reduction)
{
    /// <inheritdoc/>
    protected override Tensor PerSample(Tensor yTrue, Tensor yPred)
    {
        CheckSameShape(yTrue, yPred);
        var squared = (yPred - yTrue.to(yPred)).square();
        return squared.dim() == 0 ? squared : squared.mean([-1]);
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using static TorchSharp.torch;

namespace LayersFramework.Training;

/// <summary>Keras's <c>MeanAbsoluteError</c>: per sample the mean over the last axis of <c>|t − p|</c>.</summary>
/// <param name="reduction">How to reduce; the mean over the batch unless given.</param>
public sealed class MeanAbsoluteError(LossReduction reduction = LossReduction.SumOverBatchSize) : Loss(reduction)
{
    /// <inheritdoc/>
    protected override Tensor PerSample(Tensor yTrue, Tensor yPred)
    {
        CheckSameShape(yTrue, yPred);
        var absolute = (yPred - yTrue.to(yPred)).abs();
        return absolute.dim() == 0 ? absolute : absolute.mean([-1]);
    }
}

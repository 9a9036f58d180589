// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch;

/// <content>Loss building blocks, as libtorch computes them.</content>
public static partial class Functional
{
    /// <summary>−w·(t·log p + (1 − t)·log(1 − p)) on probabilities p (libtorch clamps the logs at −100).</summary>
    /// <param name="input">Probabilities in [0, 1].</param>
    /// <param name="target">Targets in [0, 1], of the input's shape.</param>
    /// <param name="weight">Per-element weights (broadcast), or null.</param>
    /// <param name="reduction">How to reduce; the mean unless given.</param>
    /// <returns>The loss.</returns>
    public static Tensor BinaryCrossEntropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        return Tensor.Wrap(NativeMethods.LFT_binary_cross_entropy(input.Handle, target.Handle, Tensor.HandleOf(weight), (long)reduction));
    }

    /// <summary>Binary cross-entropy on logits z, computed stably: max(z, 0) − z·t + log(1 + e^−|z|) (with pos_weight on the positive term).</summary>
    /// <param name="input">Logits.</param>
    /// <param name="target">Targets in [0, 1], of the input's shape.</param>
    /// <param name="weight">Per-element weights (broadcast), or null.</param>
    /// <param name="positiveWeight">Weight of positive examples per class (broadcast), or null.</param>
    /// <param name="reduction">How to reduce; the mean unless given.</param>
    /// <returns>The loss.</returns>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor? weight = null, Tensor? positiveWeight = null, Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        return Tensor.Wrap(NativeMethods.LFT_binary_cross_entropy_with_logits(
            input.Handle, target.Handle, Tensor.HandleOf(weight), Tensor.HandleOf(positiveWeight), (long)reduction));
    }

    /// <summary>(input − target)².</summary>
    /// <param name="input">The predictions.</param>
    /// <param name="target">The targets (broadcast).</param>
    /// <param name="reduction">How to reduce; the mean unless given.</param>
    /// <returns>The loss.</returns>
    public static Tensor MseLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        return Tensor.Wrap(NativeMethods.LFT_mse_loss(input.Handle, target.Handle, (long)reduction));
    }

    /// <summary>|input − target| (mean absolute error when reduced by the mean).</summary>
    /// <inheritdoc cref="MseLoss"/>
    public static Tensor L1Loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        return Tensor.Wrap(NativeMethods.LFT_l1_loss(input.Handle, target.Handle, (long)reduction));
    }

    /// <summary>½d² for |d| ≤ delta, delta·(|d| − ½delta) beyond, with d = input − target.</summary>
    /// <param name="input">The predictions.</param>
    /// <param name="target">The targets (broadcast).</param>
    /// <param name="reduction">How to reduce; the mean unless given.</param>
    /// <param name="delta">Where the loss turns from quadratic to linear.</param>
    /// <returns>The loss.</returns>
    public static Tensor HuberLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double delta = 1.0)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        return Tensor.Wrap(NativeMethods.LFT_huber_loss(input.Handle, target.Handle, (long)reduction, delta));
    }

    /// <summary>Cross-entropy of logits over dimension 1 (classes): −Σ t·log softmax(x).</summary>
    /// <param name="input">Logits (N, C, ...).</param>
    /// <param name="target">Class indices (N, ...) as int64, or class probabilities of the input's shape.</param>
    /// <param name="weight">Per-class weights (C), or null.</param>
    /// <param name="reduction">How to reduce; the (weighted) mean unless given.</param>
    /// <param name="ignoreIndex">A class index whose entries do not count (indices only).</param>
    /// <param name="labelSmoothing">ε in [0, 1]: targets become (1 − ε)·t + ε / C.</param>
    /// <returns>The loss.</returns>
    public static Tensor CrossEntropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean, long ignoreIndex = -100, double labelSmoothing = 0)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        return Tensor.Wrap(NativeMethods.LFT_cross_entropy_loss(input.Handle, target.Handle, Tensor.HandleOf(weight), (long)reduction, ignoreIndex, labelSmoothing));
    }

    /// <summary>Negative log-likelihood of log-probabilities over dimension 1: −x[target].</summary>
    /// <param name="input">Log-probabilities (N, C, ...).</param>
    /// <param name="target">Class indices (N, ...) as int64.</param>
    /// <param name="weight">Per-class weights (C), or null.</param>
    /// <param name="reduction">How to reduce; the (weighted) mean unless given.</param>
    /// <param name="ignoreIndex">A class index whose entries do not count.</param>
    /// <returns>The loss.</returns>
    public static Tensor NllLoss(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean, long ignoreIndex = -100)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        return Tensor.Wrap(NativeMethods.LFT_nll_loss(input.Handle, target.Handle, Tensor.HandleOf(weight), (long)reduction, ignoreIndex));
    }
}

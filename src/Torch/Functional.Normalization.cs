// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch;

/// <content>Batch normalization and dropout.</content>
public static partial class Functional
{
    /// <summary>
    /// Batch normalization over dimension 1 (channels), as <c>torch.nn.functional.batch_norm</c>:
    /// y = (x − mean) / √(var + eps)·weight + bias. In training the batch statistics are used and the running
    /// ones updated in place: running = (1 − momentum)·running + momentum·batch (the variance unbiased).
    /// </summary>
    /// <param name="input">(N, C, ...).</param>
    /// <param name="weight">(C) scale γ, or null for 1.</param>
    /// <param name="bias">(C) offset β, or null for 0.</param>
    /// <param name="runningMean">(C) running mean, updated in training; required when not training.</param>
    /// <param name="runningVar">(C) running variance, updated in training; required when not training.</param>
    /// <param name="training">Whether to use and update batch statistics.</param>
    /// <param name="momentum">libtorch's momentum (Keras's momentum is 1 − this).</param>
    /// <param name="eps">Added to the variance.</param>
    /// <returns>The normalised tensor.</returns>
    public static Tensor BatchNorm(Tensor input, Tensor? weight, Tensor? bias, Tensor? runningMean, Tensor? runningVar, bool training, double momentum = 0.1, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Tensor.Wrap(NativeMethods.LFT_batch_norm(
            input.Handle, Tensor.HandleOf(weight), Tensor.HandleOf(bias), Tensor.HandleOf(runningMean), Tensor.HandleOf(runningVar), training, momentum, eps));
    }

    /// <summary>In training, zeroes each element with probability <paramref name="p"/> and scales the rest by 1 / (1 − p); otherwise returns an alias.</summary>
    /// <param name="input">The input.</param>
    /// <param name="p">The drop probability, in [0, 1].</param>
    /// <param name="training">Whether to drop.</param>
    /// <returns>The result. Uses libtorch's default generator (<see cref="TorchRuntime.ManualSeed"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    public static Tensor Dropout(Tensor input, double p, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A dropout probability lies in [0, 1].");
        }

        return Tensor.Wrap(NativeMethods.LFT_dropout(input.Handle, p, training));
    }
}

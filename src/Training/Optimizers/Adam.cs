// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using LayersFramework.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Training;

/// <summary>
/// Keras 3's <c>Adam</c> (Kingma and Ba, 2015), with Keras's placement of epsilon. At step t (from 1):
/// <c>m ← m + (g − m)(1 − β₁)</c>, <c>v ← v + (g² − v)(1 − β₂)</c>, <c>α = lr·√(1 − β₂ᵗ) / (1 − β₁ᵗ)</c>,
/// <c>w ← w − α·m / (√v + ε)</c>; with AMSGrad, v̂ ← max(v̂, v) replaces v in the last step.
/// </summary>
public sealed class Adam : Optimizer
{
    /// <summary>Validates and stores Keras's arguments.</summary>
    /// <param name="learningRate">The learning rate; 0.001 unless given.</param>
    /// <param name="beta1">The first moment's decay, 0 to 1; 0.9 unless given.</param>
    /// <param name="beta2">The second moment's decay, 0 to 1; 0.999 unless given.</param>
    /// <param name="epsilon">Added to √v, more than 0; 1e−7 unless given (Keras's default).</param>
    /// <param name="amsgrad">Whether to use AMSGrad.</param>
    /// <param name="weightDecay">The decoupled weight decay, or null.</param>
    /// <param name="clipNorm">Per-variable gradient norm clip, or null.</param>
    /// <param name="clipValue">Per-element gradient clip, or null.</param>
    /// <param name="globalClipNorm">Global gradient norm clip, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public Adam(
        double learningRate = 0.001,
        double beta1 = 0.9,
        double beta2 = 0.999,
        double epsilon = 1e-7,
        bool amsgrad = false,
        double? weightDecay = null,
        double? clipNorm = null,
        double? clipValue = null,
        double? globalClipNorm = null)
        : base(learningRate, weightDecay, clipNorm, clipValue, globalClipNorm)
    {
        Beta1 = beta1 is >= 0 and < 1 ? beta1 : throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must be 0 or more and less than 1.");
        Beta2 = beta2 is >= 0 and < 1 ? beta2 : throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must be 0 or more and less than 1.");
        Epsilon = NonNegative(epsilon, nameof(epsilon), allowZero: false);
        Amsgrad = amsgrad;
    }

    /// <summary>Gets the first moment's decay.</summary>
    public double Beta1 { get; }

    /// <summary>Gets the second moment's decay.</summary>
    public double Beta2 { get; }

    /// <summary>Gets epsilon.</summary>
    public double Epsilon { get; }

    /// <summary>Gets a value indicating whether AMSGrad is used.</summary>
    public bool Amsgrad { get; }

    /// <inheritdoc/>
    protected override IReadOnlyList<string> SlotNames => Amsgrad ? ["m", "v", "v_hat"] : ["m", "v"];

    /// <inheritdoc/>
    protected override void Update(Variable variable, Tensor gradient, Tensor[] slots)
    {
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(slots);
        var step = Iterations + 1;
        var alpha = LearningRate * Math.Sqrt(1 - Math.Pow(Beta2, step)) / (1 - Math.Pow(Beta1, step));
        using var scope = torch.NewDisposeScope();
        var (m, v) = (slots[0], slots[1]);
        m.lerp_(gradient, torch.tensor(1 - Beta1, m.dtype, m.device));
        v.lerp_(gradient.square(), torch.tensor(1 - Beta2, v.dtype, v.device));
        var second = v;
        if (Amsgrad)
        {
            slots[2].copy_(slots[2].maximum(v));
            second = slots[2];
        }

        variable.Value.addcdiv_(m, second.sqrt().add_(Epsilon), -alpha);
    }
}

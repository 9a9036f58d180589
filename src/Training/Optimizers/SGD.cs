// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using LayersFramework.Layers;
using static TorchSharp.torch;

namespace LayersFramework.Training;

/// <summary>
/// Keras 3's <c>SGD</c>. Without momentum: <c>w ← w − lr·g</c>. With momentum μ, velocity v (zeros at first):
/// <c>v ← μ·v − lr·g</c>, then <c>w ← w + v</c>, or with Nesterov <c>w ← w + μ·v − lr·g</c>.
/// </summary>
public sealed class SGD : Optimizer
{
    /// <summary>Validates and stores Keras's arguments.</summary>
    /// <param name="learningRate">The learning rate; 0.01 unless given.</param>
    /// <param name="momentum">The momentum, 0 to 1; 0 unless given.</param>
    /// <param name="nesterov">Whether to use Nesterov momentum.</param>
    /// <param name="weightDecay">The decoupled weight decay, or null.</param>
    /// <param name="clipNorm">Per-variable gradient norm clip, or null.</param>
    /// <param name="clipValue">Per-element gradient clip, or null.</param>
    /// <param name="globalClipNorm">Global gradient norm clip, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public SGD(double learningRate = 0.01, double momentum = 0, bool nesterov = false, double? weightDecay = null, double? clipNorm = null, double? clipValue = null, double? globalClipNorm = null)
        : base(learningRate, weightDecay, clipNorm, clipValue, globalClipNorm)
    {
        if (!(momentum >= 0 && momentum <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, string.Create(CultureInfo.InvariantCulture, $"`momentum` must be a float between [0, 1]. Received: momentum={momentum}"));
        }

        Momentum = momentum;
        Nesterov = nesterov;
    }

    /// <summary>Gets the momentum.</summary>
    public double Momentum { get; }

    /// <summary>Gets a value indicating whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    protected override IReadOnlyList<string> SlotNames => Momentum > 0 ? ["momentum"] : [];

    /// <inheritdoc/>
    protected override void Update(Variable variable, Tensor gradient, Tensor[] slots)
    {
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentNullException.ThrowIfNull(slots);
        if (Momentum == 0)
        {
            variable.Value.add_(gradient, -LearningRate);
            return;
        }

        var velocity = slots[0];
        velocity.mul_(Momentum);
        velocity.add_(gradient, -LearningRate);
        var value = variable.Value;
        if (Nesterov)
        {
            value.add_(velocity, Momentum);
            value.add_(gradient, -LearningRate);
        }
        else
        {
            value.add_(velocity);
        }
    }
}

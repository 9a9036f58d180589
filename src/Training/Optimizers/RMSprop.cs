// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using LayersFramework.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Training;

/// <summary>
/// Keras 3's <c>RMSprop</c>: <c>s ← ρ·s + (1 − ρ)·g²</c>; centered, also <c>ḡ ← ρ·ḡ + (1 − ρ)·g</c> and the
/// denominator <c>s − ḡ² + ε</c> (else <c>s + ε</c>); increment <c>lr·g / √denominator</c>; with momentum μ,
/// <c>b ← μ·b + increment</c> and <c>w ← w − b</c>, else <c>w ← w − increment</c>.
/// </summary>
public sealed class RMSprop : Optimizer
{
    /// <summary>Validates and stores Keras's arguments.</summary>
    /// <param name="learningRate">The learning rate; 0.001 unless given.</param>
    /// <param name="rho">The decay of the squared-gradient average, 0 to 1; 0.9 unless given.</param>
    /// <param name="momentum">The momentum, 0 to 1; 0 unless given.</param>
    /// <param name="epsilon">Added inside the root, more than 0; 1e−7 unless given.</param>
    /// <param name="centered">Whether to divide by the gradient's estimated variance rather than its second moment.</param>
    /// <param name="weightDecay">The decoupled weight decay, or null.</param>
    /// <param name="clipNorm">Per-variable gradient norm clip, or null.</param>
    /// <param name="clipValue">Per-element gradient clip, or null.</param>
    /// <param name="globalClipNorm">Global gradient norm clip, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public RMSprop(
        double learningRate = 0.001,
        double rho = 0.9,
        double momentum = 0,
        double epsilon = 1e-7,
        bool centered = false,
        double? weightDecay = null,
        double? clipNorm = null,
        double? clipValue = null,
        double? globalClipNorm = null)
        : base(learningRate, weightDecay, clipNorm, clipValue, globalClipNorm)
    {
        Rho = rho is >= 0 and <= 1 ? rho : throw new ArgumentOutOfRangeException(nameof(rho), rho, "rho must be between 0 and 1.");
        Momentum = momentum is >= 0 and <= 1 ? momentum : throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be between 0 and 1.");
        Epsilon = NonNegative(epsilon, nameof(epsilon), allowZero: false);
        Centered = centered;
    }

    /// <summary>Gets the squared-gradient decay.</summary>
    public double Rho { get; }

    /// <summary>Gets the momentum.</summary>
    public double Momentum { get; }

    /// <summary>Gets epsilon.</summary>
    public double Epsilon { get; }

    /// <summary>Gets a value indicating whether the centered form is used.</summary>
    public bool Centered { get; }

    /// <inheritdoc/>
    protected override IReadOnlyList<string> SlotNames => (Centered, Momentum > 0) switch
    {
        (true, true) => ["velocity", "average_gradient", "momentum"],
        (true, false) => ["velocity", "average_gradient"],
        (false, true) => ["velocity", "momentum"],
        _ => ["velocity"],
    };

    /// <inheritdoc/>
    protected override void Update(Variable variable, Tensor gradient, Tensor[] slots)
    {
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(slots);
        using var scope = torch.NewDisposeScope();
        var velocity = slots[0];
        velocity.lerp_(gradient.square(), torch.tensor(1 - Rho, velocity.dtype, velocity.device));
        var denominator = velocity + Epsilon;
        if (Centered)
        {
            var average = slots[1];
            average.lerp_(gradient, torch.tensor(1 - Rho, average.dtype, average.device));
            denominator = denominator - average.square();
        }

        var increment = gradient * LearningRate / denominator.sqrt();
        if (Momentum > 0)
        {
            var momentum = slots[^1];
            momentum.mul_(Momentum);
            momentum.add_(increment);
            variable.Value.sub_(momentum);
        }
        else
        {
            variable.Value.sub_(increment);
        }
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LayersFramework.Engine;
using LayersFramework.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Training;

/// <summary>
/// The base of Keras 3's optimizers. One step (<see cref="ApplyGradients"/>, or <see cref="Step"/> with the gradients
/// autograd left on the variables) goes in Keras's order: clip the gradients (<c>clipnorm</c> per variable,
/// <c>clipvalue</c> per element, or <c>global_clipnorm</c> over all), apply the decoupled weight decay
/// <c>w ← w − w · weightDecay · lr</c>, update each variable (<see cref="Update"/>), count the iteration, and project
/// each variable onto its constraint.
/// </summary>
/// <remarks>
/// <para>
/// The optimizer works on a model's <see cref="Variable"/>s (<see cref="Layer.TrainableWeights"/>), which carry the
/// constraint Keras applies after each update; each variable's tensor is the layer's TorchSharp parameter, updated
/// in place under <c>torch.no_grad()</c>.
/// </para>
/// <para>
/// Per-variable state ("slots", such as Adam's moments) is created on a variable's first update as tensors of its
/// shape, dtype and device that the optimizer owns: no dispose scope frees them, and <see cref="Dispose()"/> does.
/// <see cref="GetState"/> and <see cref="SetState"/> read and restore it by name (<c>"iterations"</c> and
/// <c>"variable path/slot"</c>), for checkpoints.
/// </para>
/// </remarks>
public abstract class Optimizer : IDisposable
{
    private readonly Dictionary<Variable, Tensor[]> slots = [];
    private double learningRate;
    private bool disposed;

    /// <summary>Validates and stores the arguments every optimizer has.</summary>
    /// <param name="learningRate">The learning rate, a finite number 0 or more.</param>
    /// <param name="weightDecay">The decoupled weight decay, 0 or more, or null for none.</param>
    /// <param name="clipNorm">Clip each gradient to this L2 norm, or null.</param>
    /// <param name="clipValue">Clip each gradient element to ±this, or null.</param>
    /// <param name="globalClipNorm">Clip all gradients together to this global L2 norm, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, zero where it must not be, or not finite.</exception>
    /// <exception cref="ArgumentException">More than one clipping argument is given (Keras allows one).</exception>
    protected Optimizer(double learningRate, double? weightDecay, double? clipNorm, double? clipValue, double? globalClipNorm)
    {
        LearningRate = learningRate;
        WeightDecay = NonNegative(weightDecay, nameof(weightDecay), allowZero: true);
        ClipNorm = NonNegative(clipNorm, nameof(clipNorm), allowZero: false);
        ClipValue = NonNegative(clipValue, nameof(clipValue), allowZero: false);
        GlobalClipNorm = NonNegative(globalClipNorm, nameof(globalClipNorm), allowZero: false);
        if (new[] { clipNorm, clipValue, globalClipNorm }.Count(v => v is not null) > 1)
        {
            throw new ArgumentException(
                $"Only one of clipNorm, clipValue and globalClipNorm can be set. Received: clipNorm={clipNorm}, clipValue={clipValue}, globalClipNorm={globalClipNorm}.", nameof(clipNorm));
        }
    }

    /// <summary>Gets or sets the learning rate; a schedule can set it between steps.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double LearningRate
    {
        get => learningRate;
        set => learningRate = double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be a finite number, 0 or more.");
    }

    /// <summary>Gets the decoupled weight decay, or null.</summary>
    public double? WeightDecay { get; }

    /// <summary>Gets the per-variable gradient norm clip, or null.</summary>
    public double? ClipNorm { get; }

    /// <summary>Gets the per-element gradient clip, or null.</summary>
    public double? ClipValue { get; }

    /// <summary>Gets the global gradient norm clip, or null.</summary>
    public double? GlobalClipNorm { get; }

    /// <summary>Gets the number of steps taken.</summary>
    public long Iterations { get; private set; }

    /// <summary>Sets every variable's gradient to none, before the next backward pass.</summary>
    /// <param name="variables">The variables.</param>
    public static void ZeroGradients(IEnumerable<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        foreach (var variable in variables)
        {
            variable.Value.grad = null;
        }
    }

    /// <summary>One step with the gradients autograd left on the variables (those without a gradient are skipped).</summary>
    /// <param name="variables">The variables, such as a model's <see cref="Layer.TrainableWeights"/>.</param>
    public void Step(IEnumerable<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        using var scope = torch.NewDisposeScope();
        var pairs = variables.Select(v => (Gradient: v.Value.grad, Variable: v)).Where(p => p.Gradient is not null).Select(p => (p.Gradient!, p.Variable)).ToList();
        ApplyGradients(pairs);
    }

    /// <summary>One step with given gradients, as Keras's <c>apply_gradients(zip(grads, vars))</c>.</summary>
    /// <param name="gradientsAndVariables">Each variable with its gradient, of its shape.</param>
    /// <exception cref="ArgumentException">A gradient's shape differs from its variable's.</exception>
    public void ApplyGradients(IReadOnlyList<(Tensor Gradient, Variable Variable)> gradientsAndVariables)
    {
        ArgumentNullException.ThrowIfNull(gradientsAndVariables);
        ObjectDisposedException.ThrowIf(disposed, this);
        foreach (var (gradient, variable) in gradientsAndVariables)
        {
            if (!gradient.shape.AsSpan().SequenceEqual(variable.Shape))
            {
                throw new ArgumentException(
                    $"The gradient for {variable.Path} has shape {Tuples.Format(gradient.shape)} but the variable has shape {Tuples.Format(variable.Shape)}.", nameof(gradientsAndVariables));
            }
        }

        using var scope = torch.NewDisposeScope();
        using (torch.no_grad())
        {
            var gradients = Clip(gradientsAndVariables.Select(p => p.Gradient.detach()).ToList());
            for (var i = 0; i < gradients.Count; i++)
            {
                var variable = gradientsAndVariables[i].Variable;
                if (WeightDecay is double decay && decay > 0)
                {
                    variable.Value.mul_(1 - (decay * LearningRate));
                }

                Update(variable, gradients[i], SlotsOf(variable));
            }

            Iterations++;
        }

        foreach (var (_, variable) in gradientsAndVariables)
        {
            variable.ApplyConstraint();
        }
    }

    /// <summary>The optimizer's state by name: <c>"iterations"</c> (int64 scalar) and each slot as <c>"variable path/slot"</c>.</summary>
    /// <returns>Copies the caller owns (or the current dispose scope).</returns>
    public IReadOnlyDictionary<string, Tensor> GetState()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["iterations"] = torch.tensor(Iterations, ScalarType.Int64) };
        foreach (var (variable, values) in slots)
        {
            for (var i = 0; i < values.Length; i++)
            {
                state[$"{variable.Path}/{SlotNames[i]}"] = values[i].clone();
            }
        }

        return state;
    }

    /// <summary>Restores a state <see cref="GetState"/> wrote, for these variables; nothing changes unless all of it fits.</summary>
    /// <param name="state">The state.</param>
    /// <param name="variables">The variables the state belongs to (matched by path).</param>
    /// <exception cref="ArgumentException">A name is missing or unexpected, or a shape differs; the message says which.</exception>
    public void SetState(IReadOnlyDictionary<string, Tensor> state, IEnumerable<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(variables);
        ObjectDisposedException.ThrowIf(disposed, this);
        var list = variables.ToList();
        if (!state.TryGetValue("iterations", out var iterations) || iterations.numel() != 1)
        {
            throw new ArgumentException("The optimizer state has no scalar \"iterations\".", nameof(state));
        }

        var expected = new HashSet<string>(StringComparer.Ordinal) { "iterations" };
        foreach (var variable in list.Where(v => state.Keys.Any(k => k.StartsWith(v.Path + "/", StringComparison.Ordinal))))
        {
            foreach (var slot in SlotNames)
            {
                var name = $"{variable.Path}/{slot}";
                if (!state.TryGetValue(name, out var value))
                {
                    throw new ArgumentException($"The optimizer state has no \"{name}\".", nameof(state));
                }

                if (!value.shape.AsSpan().SequenceEqual(variable.Shape))
                {
                    throw new ArgumentException($"The optimizer state's \"{name}\" has shape {Tuples.Format(value.shape)} but {variable.Path} has {Tuples.Format(variable.Shape)}.", nameof(state));
                }

                expected.Add(name);
            }
        }

        var unexpected = state.Keys.Where(k => !expected.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unexpected.Count > 0)
        {
            throw new ArgumentException($"The optimizer state has entries for no given variable: {string.Join(", ", unexpected)}.", nameof(state));
        }

        using (torch.no_grad())
        {
            foreach (var variable in list.Where(v => SlotNames.Count > 0 && expected.Contains($"{v.Path}/{SlotNames[0]}")))
            {
                var values = SlotsOf(variable);
                for (var i = 0; i < values.Length; i++)
                {
                    values[i].copy_(state[$"{variable.Path}/{SlotNames[i]}"]);
                }
            }
        }

        using var count = iterations.to(ScalarType.Int64);
        Iterations = count.item<long>();
    }

    /// <summary>Frees the slots.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Gets the names of the per-variable slots, such as "momentum" or "m", "v".</summary>
    protected abstract IReadOnlyList<string> SlotNames { get; }

    /// <summary>Updates one variable in place; autograd is off.</summary>
    /// <param name="variable">The variable.</param>
    /// <param name="gradient">Its clipped gradient.</param>
    /// <param name="slots">Its slots, in <see cref="SlotNames"/>' order, zeros at first.</param>
    protected abstract void Update(Variable variable, Tensor gradient, Tensor[] slots);

    /// <summary>Frees the slots.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposed || !disposing)
        {
            return;
        }

        foreach (var tensor in slots.Values.SelectMany(values => values))
        {
            tensor.Dispose();
        }

        slots.Clear();
        disposed = true;
    }

    /// <summary>Checks an argument that must be a finite number, 0 or more (or more than 0).</summary>
    /// <param name="value">The value.</param>
    /// <param name="parameterName">The argument.</param>
    /// <param name="allowZero">Whether 0 is allowed.</param>
    /// <returns>The value.</returns>
    protected static double NonNegative(double value, string parameterName, bool allowZero) =>
        NonNegative((double?)value, parameterName, allowZero)!.Value;

    private static double? NonNegative(double? value, string parameterName, bool allowZero) =>
        value is not double given || (double.IsFinite(given) && (allowZero ? given >= 0 : given > 0))
            ? value
            : throw new ArgumentOutOfRangeException(
                parameterName, value, string.Create(CultureInfo.InvariantCulture, $"{parameterName} must be a finite number{(allowZero ? ", 0 or more" : " more than 0")}; received {value}."));

    private List<Tensor> Clip(List<Tensor> gradients)
    {
        if (ClipValue is double value)
        {
            return gradients.Select(g => g.clamp(-value, value)).ToList();
        }

        if (ClipNorm is double norm)
        {
            return gradients.Select(g => g * (norm / Math.Max(g.norm().to(ScalarType.Float64).item<double>(), norm))).ToList();
        }

        if (GlobalClipNorm is double global && gradients.Count > 0)
        {
            var total = Math.Sqrt(gradients.Sum(g => g.square().sum().to(ScalarType.Float64).item<double>()));
            return gradients.Select(g => g * (global / Math.Max(total, global))).ToList();
        }

        return gradients;
    }

    private Tensor[] SlotsOf(Variable variable)
    {
        if (!slots.TryGetValue(variable, out var values))
        {
            values = SlotNames.Select(_ => torch.zeros_like(variable.Value).DetachFromDisposeScope()).ToArray();
            slots[variable] = values;
        }

        return values;
    }
}

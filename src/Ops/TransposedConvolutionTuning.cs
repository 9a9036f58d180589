// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace LayersFramework.Ops;

/// <summary>
/// How every transposed convolution (<c>Nn.Conv2DTranspose</c> and the layers) picks its
/// <see cref="TransposedConvolutionPath"/>. A shape big enough to matter is timed once with every path that applies
/// to it, forward alone or forward and backward as the call needs, and the fastest is kept (ours only by a
/// <see cref="KernelMargin"/> over libtorch's kernel) for that shape, data type, memory format and thread count for the
/// rest of the process (as TensorFlow's convolution autotuning does on GPUs).
/// Smaller shapes, and every shape when <see cref="Measure"/> is off, follow a fixed rule.
/// </summary>
/// <remarks>
/// The paths give the same values to rounding, so a measured choice changes results only in the last bits; turn
/// <see cref="Measure"/> off for bit-identical runs. The rule: <see cref="TransposedConvolutionPath.NonOverlapping"/> when
/// the output windows do not overlap, then <see cref="TransposedConvolutionPath.GemmFold"/> for inputs of at most 16 positions, then
/// libtorch's kernel. A shape to which only libtorch's kernel applies takes it without a choice being recorded.
/// </remarks>
public static class TransposedConvolutionTuning
{
    /// <summary>How many times each candidate is timed after its warm-up run.</summary>
    private const int TimedRounds = 3;

    // Lazy: when several threads meet a new shape at once, one times the paths and the others wait for its choice,
    // rather than timing each other's work.
    private static readonly ConcurrentDictionary<string, Lazy<TransposedConvolutionChoice>> Chosen = new(StringComparer.Ordinal);

    /// <summary>Gets or sets whether shapes of at least <see cref="MinimumMeasuredFlops"/> are timed (true by default).</summary>
    public static bool Measure { get; set; } = true;

    /// <summary>Gets the forward pass's size, in floating-point operations, from which a shape is timed: 2·10⁷, about a millisecond here.</summary>
    public static double MinimumMeasuredFlops => 2e7;

    /// <summary>Gets the choices made so far, measured or by rule, in no particular order.</summary>
    public static IReadOnlyList<TransposedConvolutionChoice> Choices => [.. Chosen.Values.Where(choice => choice.IsValueCreated).Select(choice => choice.Value)];

    /// <summary>Forgets every choice, so that shapes are timed again (after changing the thread count, say).</summary>
    public static void Clear() => Chosen.Clear();

    /// <summary>
    /// Gets how much faster, as a fraction, a formulation of ours must be measured than libtorch's kernel to be
    /// chosen over it: 5%. Near-equal timings are noise on a shared machine (this project's VM swings by more than
    /// that between runs), and where the two are that close libtorch's kernel, which TorchSharp's modules run too,
    /// is the safer choice.
    /// </summary>
    public static double KernelMargin => 0.05;

    /// <summary>The fastest path, except that libtorch's kernel stays unless another beats it by <see cref="KernelMargin"/>.</summary>
    /// <param name="times">Each candidate's best time.</param>
    /// <returns>The path.</returns>
    internal static TransposedConvolutionPath Fastest(IReadOnlyDictionary<TransposedConvolutionPath, double> times)
    {
        var fastest = times.MinBy(pair => pair.Value);
        return times.TryGetValue(TransposedConvolutionPath.LibtorchKernel, out var kernel) && fastest.Value > kernel * (1 - KernelMargin)
            ? TransposedConvolutionPath.LibtorchKernel
            : fastest.Key;
    }

    /// <summary>The path for one shape: the remembered choice, or a new one by rule or by timing each candidate.</summary>
    /// <param name="shape">Everything the timing depends on, as text.</param>
    /// <param name="candidates">The paths that apply, in the rule's order of preference.</param>
    /// <param name="flops">The forward pass's floating-point operations.</param>
    /// <param name="backward">Whether the call will be differentiated.</param>
    /// <param name="time">Runs one path once and returns how long it took, in milliseconds.</param>
    /// <returns>The path.</returns>
    internal static TransposedConvolutionPath Choose(string shape, IReadOnlyList<TransposedConvolutionPath> candidates, double flops, bool backward, Func<TransposedConvolutionPath, double> time)
    {
        var measure = Measure && flops >= MinimumMeasuredFlops;
        var key = $"{shape} backward={backward} measured={measure}";
        var choice = Chosen.GetOrAdd(key, _ => new Lazy<TransposedConvolutionChoice>(() =>
        {
            if (!measure)
            {
                return new TransposedConvolutionChoice(shape, backward, candidates[0], new Dictionary<TransposedConvolutionPath, double>());
            }

            // Each path runs once to warm up (oneDNN builds its primitives, the allocator grows), then the paths take
            // turns for a few rounds and each keeps its best time: on a shared machine a busy moment slows whichever
            // path is running, so alternating and keeping minima compares the paths at the machine's quiet speed.
            foreach (var path in candidates)
            {
                time(path);
            }

            var times = candidates.ToDictionary(path => path, _ => double.MaxValue);
            for (var round = 0; round < TimedRounds; round++)
            {
                foreach (var path in candidates)
                {
                    times[path] = Math.Min(times[path], time(path));
                }
            }

            return new TransposedConvolutionChoice(shape, backward, Fastest(times), times);
        }));
        try
        {
            return choice.Value.Path;
        }
        catch
        {
            // A Lazy keeps its exception: forget it, so that the next call tries again.
            Chosen.TryRemove(new KeyValuePair<string, Lazy<TransposedConvolutionChoice>>(key, choice));
            throw;
        }
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch;

/// <summary>Sets libtorch's grad mode on this thread and restores the previous one when disposed.</summary>
public readonly struct GradModeScope : IDisposable, IEquatable<GradModeScope>
{
    private readonly bool previous;

    internal GradModeScope(bool enabled)
    {
        previous = Autograd.IsGradEnabled;
        NativeMethods.LFT_set_grad_enabled(enabled);
    }

    /// <summary>Tells whether two scopes restore the same mode.</summary>
    /// <param name="left">The first scope.</param>
    /// <param name="right">The second scope.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(GradModeScope left, GradModeScope right) => left.Equals(right);

    /// <summary>Tells whether two scopes restore different modes.</summary>
    /// <param name="left">The first scope.</param>
    /// <param name="right">The second scope.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(GradModeScope left, GradModeScope right) => !left.Equals(right);

    /// <summary>Restores the grad mode that was in force when the scope began.</summary>
    public void Dispose() => NativeMethods.LFT_set_grad_enabled(previous);

    /// <inheritdoc/>
    public bool Equals(GradModeScope other) => previous == other.previous;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GradModeScope other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => previous.GetHashCode();
}

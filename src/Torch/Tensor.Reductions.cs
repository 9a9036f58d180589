// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch;

/// <content>Reductions over all elements or along dimensions, and norms.</content>
public sealed partial class Tensor
{
    /// <summary>Returns the sum of all elements, as a zero-dimensional tensor.</summary>
    /// <returns>The sum.</returns>
    public Tensor Sum() => Wrap(NativeMethods.LFT_Tensor_sum(Handle));

    /// <summary>Returns the sums along the given dimensions.</summary>
    /// <param name="dims">The dimensions reduced.</param>
    /// <param name="keepDim">Whether reduced dimensions stay, with size 1.</param>
    /// <returns>The sums.</returns>
    public Tensor Sum(long[] dims, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(dims);
        return Wrap(NativeMethods.LFT_Tensor_sum_dims(Handle, dims, dims.Length, keepDim));
    }

    /// <summary>Returns the mean of all elements.</summary>
    /// <returns>The mean.</returns>
    public Tensor Mean() => Wrap(NativeMethods.LFT_Tensor_mean(Handle));

    /// <summary>Returns the means along the given dimensions.</summary>
    /// <param name="dims">The dimensions reduced.</param>
    /// <param name="keepDim">Whether reduced dimensions stay, with size 1.</param>
    /// <returns>The means.</returns>
    public Tensor Mean(long[] dims, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(dims);
        return Wrap(NativeMethods.LFT_Tensor_mean_dims(Handle, dims, dims.Length, keepDim));
    }

    /// <summary>Returns the largest element.</summary>
    /// <returns>The maximum.</returns>
    public Tensor Max() => Wrap(NativeMethods.LFT_Tensor_max(Handle));

    /// <summary>Returns the smallest element.</summary>
    /// <returns>The minimum.</returns>
    public Tensor Min() => Wrap(NativeMethods.LFT_Tensor_min(Handle));

    /// <summary>Returns the maxima along the given dimensions.</summary>
    /// <param name="dims">The dimensions reduced.</param>
    /// <param name="keepDim">Whether reduced dimensions stay, with size 1.</param>
    /// <returns>The maxima.</returns>
    public Tensor Max(long[] dims, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(dims);
        return Wrap(NativeMethods.LFT_Tensor_amax(Handle, dims, dims.Length, keepDim));
    }

    /// <summary>Returns the minima along the given dimensions.</summary>
    /// <param name="dims">The dimensions reduced.</param>
    /// <param name="keepDim">Whether reduced dimensions stay, with size 1.</param>
    /// <returns>The minima.</returns>
    public Tensor Min(long[] dims, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(dims);
        return Wrap(NativeMethods.LFT_Tensor_amin(Handle, dims, dims.Length, keepDim));
    }

    /// <summary>Returns the maxima along one dimension and where they are.</summary>
    /// <param name="dim">The dimension reduced.</param>
    /// <param name="keepDim">Whether it stays, with size 1.</param>
    /// <returns>The maxima and their int64 indices; the caller owns both.</returns>
    public (Tensor Values, Tensor Indices) MaxWithIndices(long dim, bool keepDim = false)
    {
        NativeErrors.Check(NativeMethods.LFT_Tensor_max_dim(Handle, dim, keepDim, out var values, out var indices));
        return (new Tensor(values), new Tensor(indices));
    }

    /// <summary>Returns the minima along one dimension and where they are.</summary>
    /// <param name="dim">The dimension reduced.</param>
    /// <param name="keepDim">Whether it stays, with size 1.</param>
    /// <returns>The minima and their int64 indices; the caller owns both.</returns>
    public (Tensor Values, Tensor Indices) MinWithIndices(long dim, bool keepDim = false)
    {
        NativeErrors.Check(NativeMethods.LFT_Tensor_min_dim(Handle, dim, keepDim, out var values, out var indices));
        return (new Tensor(values), new Tensor(indices));
    }

    /// <summary>Returns the index of the largest element, over all elements (flattened) or along one dimension.</summary>
    /// <param name="dim">The dimension, or null for all elements.</param>
    /// <param name="keepDim">Whether the dimension stays, with size 1.</param>
    /// <returns>An int64 tensor of indices.</returns>
    public Tensor ArgMax(long? dim = null, bool keepDim = false) =>
        Wrap(NativeMethods.LFT_Tensor_argmax(Handle, dim.HasValue, dim ?? 0, keepDim));

    /// <summary>Returns the index of the smallest element, over all elements (flattened) or along one dimension.</summary>
    /// <param name="dim">The dimension, or null for all elements.</param>
    /// <param name="keepDim">Whether the dimension stays, with size 1.</param>
    /// <returns>An int64 tensor of indices.</returns>
    public Tensor ArgMin(long? dim = null, bool keepDim = false) =>
        Wrap(NativeMethods.LFT_Tensor_argmin(Handle, dim.HasValue, dim ?? 0, keepDim));

    /// <summary>Returns the variance, Σ(x − mean)² / (N − correction).</summary>
    /// <param name="dims">The dimensions reduced, or null for all.</param>
    /// <param name="correction">0 for the population variance (batch normalization's), 1 for the unbiased one.</param>
    /// <param name="keepDim">Whether reduced dimensions stay, with size 1.</param>
    /// <returns>The variance.</returns>
    public Tensor Var(long[]? dims = null, long correction = 1, bool keepDim = false) =>
        Wrap(NativeMethods.LFT_Tensor_var(Handle, dims, dims?.Length ?? -1, correction, keepDim));

    /// <summary>Returns the standard deviation, the square root of <see cref="Var"/>.</summary>
    /// <inheritdoc cref="Var"/>
    public Tensor Std(long[]? dims = null, long correction = 1, bool keepDim = false) =>
        Wrap(NativeMethods.LFT_Tensor_std(Handle, dims, dims?.Length ?? -1, correction, keepDim));

    /// <summary>Returns log Σ exp(x) along the given dimensions, computed without overflow.</summary>
    /// <param name="dims">The dimensions reduced.</param>
    /// <param name="keepDim">Whether reduced dimensions stay, with size 1.</param>
    /// <returns>The result.</returns>
    public Tensor LogSumExp(long[] dims, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(dims);
        return Wrap(NativeMethods.LFT_Tensor_logsumexp(Handle, dims, dims.Length, keepDim));
    }

    /// <summary>Returns the vector p-norm (Σ|x|ᵖ)^(1/p); p may be ±∞ (max or min of |x|) or 0 (count of non-zeros).</summary>
    /// <param name="p">The order; 2 unless given.</param>
    /// <param name="dims">The dimensions reduced, or null for all elements.</param>
    /// <param name="keepDim">Whether reduced dimensions stay, with size 1.</param>
    /// <returns>The norm.</returns>
    public Tensor Norm(double p = 2, long[]? dims = null, bool keepDim = false) =>
        Wrap(NativeMethods.LFT_linalg_vector_norm(Handle, p, dims, dims?.Length ?? -1, keepDim));
}

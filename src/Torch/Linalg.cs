// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch;

/// <summary>Linear algebra: decompositions and matrix norms (libtorch's <c>torch.linalg</c>), over the last two dimensions.</summary>
public static class Linalg
{
    /// <summary>Decomposes A = QR with Q orthonormal and R upper triangular.</summary>
    /// <param name="a">The matrix (or batch of matrices), m×n.</param>
    /// <param name="mode">"reduced" (Q is m×k, k = min(m, n)), "complete" (Q is m×m) or "r" (R only; Q is empty).</param>
    /// <returns>Q and R; the caller owns both.</returns>
    /// <exception cref="ArgumentException"><paramref name="mode"/> is not one of the three names.</exception>
    public static (Tensor Q, Tensor R) Qr(Tensor a, string mode = "reduced")
    {
        ArgumentNullException.ThrowIfNull(a);
        if (mode is not ("reduced" or "complete" or "r"))
        {
            throw new ArgumentException($"QR mode '{mode}' is not one of 'reduced', 'complete', 'r'.", nameof(mode));
        }

        NativeErrors.Check(NativeMethods.LFT_linalg_qr(a.Handle, mode, out var q, out var r));
        return (new Tensor(q), new Tensor(r));
    }

    /// <summary>Decomposes A = U·diag(S)·Vh with singular values S in descending order.</summary>
    /// <param name="a">The matrix (or batch of matrices), m×n.</param>
    /// <param name="fullMatrices">Whether U and Vh are square (m×m, n×n) rather than m×k and k×n.</param>
    /// <returns>U, S and Vh; the caller owns all three.</returns>
    public static (Tensor U, Tensor S, Tensor Vh) Svd(Tensor a, bool fullMatrices = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        NativeErrors.Check(NativeMethods.LFT_linalg_svd(a.Handle, fullMatrices, out var u, out var s, out var vh));
        return (new Tensor(u), new Tensor(s), new Tensor(vh));
    }

    /// <summary>Returns the singular values, in descending order.</summary>
    /// <param name="a">The matrix (or batch of matrices).</param>
    /// <returns>The singular values.</returns>
    public static Tensor SvdVals(Tensor a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return Tensor.Wrap(NativeMethods.LFT_linalg_svdvals(a.Handle));
    }

    /// <summary>Returns a matrix norm with a numeric order: 2 is the spectral norm (largest singular value), 1 and ∞ the max column and row sums.</summary>
    /// <param name="a">The matrix (or batch of matrices).</param>
    /// <param name="ord">±1, ±2 or ±∞.</param>
    /// <param name="keepDim">Whether the two reduced dimensions stay, with size 1.</param>
    /// <returns>The norm.</returns>
    public static Tensor MatrixNorm(Tensor a, double ord, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        return Tensor.Wrap(NativeMethods.LFT_linalg_matrix_norm(a.Handle, ord, -2, -1, keepDim));
    }

    /// <summary>Returns a matrix norm with a named order: "fro" (Frobenius) or "nuc" (nuclear, the sum of singular values).</summary>
    /// <param name="a">The matrix (or batch of matrices).</param>
    /// <param name="ord">"fro" or "nuc".</param>
    /// <param name="keepDim">Whether the two reduced dimensions stay, with size 1.</param>
    /// <returns>The norm.</returns>
    /// <exception cref="ArgumentException"><paramref name="ord"/> is not "fro" or "nuc".</exception>
    public static Tensor MatrixNorm(Tensor a, string ord = "fro", bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (ord is not ("fro" or "nuc"))
        {
            throw new ArgumentException($"Matrix norm order '{ord}' is not 'fro' or 'nuc'; numeric orders take a number.", nameof(ord));
        }

        return Tensor.Wrap(NativeMethods.LFT_linalg_matrix_norm_named(a.Handle, ord, -2, -1, keepDim));
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch;

/// <content>Matrix products.</content>
public sealed partial class Tensor
{
    /// <summary>
    /// Returns the matrix product with NumPy's rules: vector·vector is a dot product, leading dimensions
    /// broadcast as batches.
    /// </summary>
    /// <param name="other">The right operand.</param>
    /// <returns>The product.</returns>
    public Tensor Matmul(Tensor other) => Wrap(NativeMethods.LFT_matmul(Handle, other.Handle));

    /// <summary>Returns the outer product of two vectors.</summary>
    /// <param name="other">The right vector.</param>
    /// <returns>The matrix this[i]·other[j].</returns>
    public Tensor Outer(Tensor other) => Wrap(NativeMethods.LFT_outer(Handle, other.Handle));
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch;

/// <content>
/// In-place updates, as optimizers make them. On a tensor that requires grad (a weight) run them inside
/// <see cref="Autograd.NoGrad"/>; libtorch refuses them otherwise.
/// </content>
public sealed partial class Tensor
{
    /// <summary>this += alpha·other.</summary>
    /// <param name="other">The tensor added (broadcast to this shape).</param>
    /// <param name="alpha">The factor on <paramref name="other"/>.</param>
    public void AddInPlace(Tensor other, double alpha = 1) => NativeErrors.Check(NativeMethods.LFT_Tensor_add_(Handle, other.Handle, alpha));

    /// <summary>this += value.</summary>
    /// <param name="value">The number added.</param>
    public void AddInPlace(double value) => NativeErrors.Check(NativeMethods.LFT_Tensor_add_scalar_(Handle, value));

    /// <summary>this ·= other, element-wise.</summary>
    /// <param name="other">The factor (broadcast to this shape).</param>
    public void MulInPlace(Tensor other) => NativeErrors.Check(NativeMethods.LFT_Tensor_mul_(Handle, other.Handle));

    /// <summary>this ·= value.</summary>
    /// <param name="value">The factor.</param>
    public void MulInPlace(double value) => NativeErrors.Check(NativeMethods.LFT_Tensor_mul_scalar_(Handle, value));

    /// <summary>this /= other, element-wise.</summary>
    /// <param name="other">The divisor (broadcast to this shape).</param>
    public void DivInPlace(Tensor other) => NativeErrors.Check(NativeMethods.LFT_Tensor_div_(Handle, other.Handle));

    /// <summary>this /= value.</summary>
    /// <param name="value">The divisor.</param>
    public void DivInPlace(double value) => NativeErrors.Check(NativeMethods.LFT_Tensor_div_scalar_(Handle, value));

    /// <summary>this += value·a·b, element-wise (Adam's second-moment update).</summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="value">The scale.</param>
    public void AddcmulInPlace(Tensor a, Tensor b, double value = 1) =>
        NativeErrors.Check(NativeMethods.LFT_Tensor_addcmul_(Handle, a.Handle, b.Handle, value));

    /// <summary>this += value·a/b, element-wise (Adam's step).</summary>
    /// <param name="a">The numerator.</param>
    /// <param name="b">The denominator.</param>
    /// <param name="value">The scale.</param>
    public void AddcdivInPlace(Tensor a, Tensor b, double value = 1) =>
        NativeErrors.Check(NativeMethods.LFT_Tensor_addcdiv_(Handle, a.Handle, b.Handle, value));

    /// <summary>this += weight·(end − this) (exponential moving averages).</summary>
    /// <param name="end">The target.</param>
    /// <param name="weight">How far to move, in [0, 1].</param>
    public void LerpInPlace(Tensor end, double weight) => NativeErrors.Check(NativeMethods.LFT_Tensor_lerp_(Handle, end.Handle, weight));

    /// <summary>this = max(this, other), element-wise (AMSGrad's running maximum).</summary>
    /// <param name="other">The other operand.</param>
    public void MaximumInPlace(Tensor other) => NativeErrors.Check(NativeMethods.LFT_Tensor_maximum_(Handle, other.Handle));

    /// <summary>this = √this.</summary>
    public void SqrtInPlace() => NativeErrors.Check(NativeMethods.LFT_Tensor_sqrt_(Handle));

    /// <summary>Copies the values of <paramref name="source"/> (broadcast, converted to this dtype) into this tensor.</summary>
    /// <param name="source">The values.</param>
    public void CopyFrom(Tensor source) => NativeErrors.Check(NativeMethods.LFT_Tensor_copy_(Handle, source.Handle));

    /// <summary>Sets every element to zero.</summary>
    public void ZeroInPlace() => NativeErrors.Check(NativeMethods.LFT_Tensor_zero_(Handle));

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    public void FillInPlace(double value) => NativeErrors.Check(NativeMethods.LFT_Tensor_fill_(Handle, value));

    /// <summary>Limits every element to [min, max]; a null bound does not apply (constraints use this).</summary>
    /// <param name="min">The lower bound, or null.</param>
    /// <param name="max">The upper bound, or null.</param>
    public void ClampInPlace(double? min, double? max) =>
        NativeErrors.Check(NativeMethods.LFT_Tensor_clamp_(Handle, min.HasValue, min ?? 0, max.HasValue, max ?? 0));
}

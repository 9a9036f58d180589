// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch;

/// <content>Element-wise arithmetic, comparisons and functions, with broadcasting. Scalar forms take a plain number.</content>
public sealed partial class Tensor
{
    /// <summary>Returns this + alpha·other.</summary>
    /// <param name="other">The tensor added (broadcast).</param>
    /// <param name="alpha">The factor on <paramref name="other"/>.</param>
    /// <returns>The sum.</returns>
    public Tensor Add(Tensor other, double alpha = 1) => Wrap(NativeMethods.LFT_Tensor_add(Handle, other.Handle, alpha));

    /// <summary>Returns this + value.</summary>
    /// <param name="value">The number added to every element.</param>
    /// <returns>The sum.</returns>
    public Tensor Add(double value) => Wrap(NativeMethods.LFT_Tensor_add_scalar(Handle, value));

    /// <summary>Returns this − alpha·other.</summary>
    /// <param name="other">The tensor subtracted (broadcast).</param>
    /// <param name="alpha">The factor on <paramref name="other"/>.</param>
    /// <returns>The difference.</returns>
    public Tensor Sub(Tensor other, double alpha = 1) => Wrap(NativeMethods.LFT_Tensor_sub(Handle, other.Handle, alpha));

    /// <summary>Returns this − value.</summary>
    /// <param name="value">The number subtracted from every element.</param>
    /// <returns>The difference.</returns>
    public Tensor Sub(double value) => Wrap(NativeMethods.LFT_Tensor_sub_scalar(Handle, value));

    /// <summary>Returns value − this.</summary>
    /// <param name="value">The number from which every element is subtracted.</param>
    /// <returns>The difference.</returns>
    public Tensor RSub(double value) => Wrap(NativeMethods.LFT_Tensor_rsub_scalar(Handle, value));

    /// <summary>Returns this · other, element-wise.</summary>
    /// <param name="other">The other operand (broadcast).</param>
    /// <returns>The product.</returns>
    public Tensor Mul(Tensor other) => Wrap(NativeMethods.LFT_Tensor_mul(Handle, other.Handle));

    /// <summary>Returns this · value, element-wise.</summary>
    /// <param name="value">The other operand.</param>
    /// <returns>The product.</returns>
    public Tensor Mul(double value) => Wrap(NativeMethods.LFT_Tensor_mul_scalar(Handle, value));

    /// <summary>Returns this / other (true division), element-wise.</summary>
    /// <param name="other">The other operand (broadcast).</param>
    /// <returns>The quotient.</returns>
    public Tensor Div(Tensor other) => Wrap(NativeMethods.LFT_Tensor_div(Handle, other.Handle));

    /// <summary>Returns this / value (true division), element-wise.</summary>
    /// <param name="value">The other operand.</param>
    /// <returns>The quotient.</returns>
    public Tensor Div(double value) => Wrap(NativeMethods.LFT_Tensor_div_scalar(Handle, value));

    /// <summary>Returns this raised to the power other, element-wise.</summary>
    /// <param name="other">The other operand (broadcast).</param>
    /// <returns>The power.</returns>
    public Tensor Pow(Tensor other) => Wrap(NativeMethods.LFT_Tensor_pow(Handle, other.Handle));

    /// <summary>Returns this raised to the power value, element-wise.</summary>
    /// <param name="value">The other operand.</param>
    /// <returns>The power.</returns>
    public Tensor Pow(double value) => Wrap(NativeMethods.LFT_Tensor_pow_scalar(Handle, value));

    /// <summary>Returns the larger of this and other, element-wise (NaN if either is NaN).</summary>
    /// <param name="other">The other operand (broadcast).</param>
    /// <returns>The result.</returns>
    public Tensor Maximum(Tensor other) => Wrap(NativeMethods.LFT_Tensor_maximum(Handle, other.Handle));

    /// <summary>Returns the smaller of this and other, element-wise (NaN if either is NaN).</summary>
    /// <param name="other">The other operand (broadcast).</param>
    /// <returns>The result.</returns>
    public Tensor Minimum(Tensor other) => Wrap(NativeMethods.LFT_Tensor_minimum(Handle, other.Handle));

    /// <summary>Tests whether each element is equal to <paramref name="other"/>.</summary>
    /// <param name="other">The tensor compared with (broadcast).</param>
    /// <returns>A bool tensor.</returns>
    public Tensor Eq(Tensor other) => Wrap(NativeMethods.LFT_Tensor_eq(Handle, other.Handle));

    /// <summary>Tests whether each element is equal to <paramref name="value"/>.</summary>
    /// <param name="value">The number compared with.</param>
    /// <returns>A bool tensor.</returns>
    public Tensor Eq(double value) => Wrap(NativeMethods.LFT_Tensor_eq_scalar(Handle, value));

    /// <summary>Tests whether each element is not equal to <paramref name="other"/>.</summary>
    /// <param name="other">The tensor compared with (broadcast).</param>
    /// <returns>A bool tensor.</returns>
    public Tensor Ne(Tensor other) => Wrap(NativeMethods.LFT_Tensor_ne(Handle, other.Handle));

    /// <summary>Tests whether each element is not equal to <paramref name="value"/>.</summary>
    /// <param name="value">The number compared with.</param>
    /// <returns>A bool tensor.</returns>
    public Tensor Ne(double value) => Wrap(NativeMethods.LFT_Tensor_ne_scalar(Handle, value));

    /// <summary>Tests whether each element is less than <paramref name="other"/>.</summary>
    /// <param name="other">The tensor compared with (broadcast).</param>
    /// <returns>A bool tensor.</returns>
    public Tensor Lt(Tensor other) => Wrap(NativeMethods.LFT_Tensor_lt(Handle, other.Handle));

    /// <summary>Tests whether each element is less than <paramref name="value"/>.</summary>
    /// <param name="value">The number compared with.</param>
    /// <returns>A bool tensor.</returns>
    public Tensor Lt(double value) => Wrap(NativeMethods.LFT_Tensor_lt_scalar(Handle, value));

    /// <summary>Tests whether each element is less than or equal to <paramref name="other"/>.</summary>
    /// <param name="other">The tensor compared with (broadcast).</param>
    /// <returns>A bool tensor.</returns>
    public Tensor Le(Tensor other) => Wrap(NativeMethods.LFT_Tensor_le(Handle, other.Handle));

    /// <summary>Tests whether each element is less than or equal to <paramref name="value"/>.</summary>
    /// <param name="value">The number compared with.</param>
    /// <returns>A bool tensor.</returns>
    public Tensor Le(double value) => Wrap(NativeMethods.LFT_Tensor_le_scalar(Handle, value));

    /// <summary>Tests whether each element is greater than <paramref name="other"/>.</summary>
    /// <param name="other">The tensor compared with (broadcast).</param>
    /// <returns>A bool tensor.</returns>
    public Tensor Gt(Tensor other) => Wrap(NativeMethods.LFT_Tensor_gt(Handle, other.Handle));

    /// <summary>Tests whether each element is greater than <paramref name="value"/>.</summary>
    /// <param name="value">The number compared with.</param>
    /// <returns>A bool tensor.</returns>
    public Tensor Gt(double value) => Wrap(NativeMethods.LFT_Tensor_gt_scalar(Handle, value));

    /// <summary>Tests whether each element is greater than or equal to <paramref name="other"/>.</summary>
    /// <param name="other">The tensor compared with (broadcast).</param>
    /// <returns>A bool tensor.</returns>
    public Tensor Ge(Tensor other) => Wrap(NativeMethods.LFT_Tensor_ge(Handle, other.Handle));

    /// <summary>Tests whether each element is greater than or equal to <paramref name="value"/>.</summary>
    /// <param name="value">The number compared with.</param>
    /// <returns>A bool tensor.</returns>
    public Tensor Ge(double value) => Wrap(NativeMethods.LFT_Tensor_ge_scalar(Handle, value));

    /// <summary>Tests, element-wise, whether both are true (non-zero).</summary>
    /// <param name="other">The other operand (broadcast).</param>
    /// <returns>A bool tensor.</returns>
    public Tensor LogicalAnd(Tensor other) => Wrap(NativeMethods.LFT_Tensor_logical_and(Handle, other.Handle));

    /// <summary>Tests, element-wise, whether either is true (non-zero).</summary>
    /// <param name="other">The other operand (broadcast).</param>
    /// <returns>A bool tensor.</returns>
    public Tensor LogicalOr(Tensor other) => Wrap(NativeMethods.LFT_Tensor_logical_or(Handle, other.Handle));

    /// <summary>Returns −x, element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor Neg() => Wrap(NativeMethods.LFT_Tensor_neg(Handle));

    /// <summary>Returns |x|, element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor Abs() => Wrap(NativeMethods.LFT_Tensor_abs(Handle));

    /// <summary>Returns the sign of x (−1, 0 or 1), element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor Sign() => Wrap(NativeMethods.LFT_Tensor_sign(Handle));

    /// <summary>Returns √x, element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor Sqrt() => Wrap(NativeMethods.LFT_Tensor_sqrt(Handle));

    /// <summary>Returns 1/√x, element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor Rsqrt() => Wrap(NativeMethods.LFT_Tensor_rsqrt(Handle));

    /// <summary>Returns x², element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor Square() => Wrap(NativeMethods.LFT_Tensor_square(Handle));

    /// <summary>Returns 1/x, element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor Reciprocal() => Wrap(NativeMethods.LFT_Tensor_reciprocal(Handle));

    /// <summary>Returns eˣ, element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor Exp() => Wrap(NativeMethods.LFT_Tensor_exp(Handle));

    /// <summary>Returns eˣ − 1, accurate near 0, element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor Expm1() => Wrap(NativeMethods.LFT_Tensor_expm1(Handle));

    /// <summary>Returns the natural logarithm of x, element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor Log() => Wrap(NativeMethods.LFT_Tensor_log(Handle));

    /// <summary>Returns ln(1 + x), accurate near 0, element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor Log1p() => Wrap(NativeMethods.LFT_Tensor_log1p(Handle));

    /// <summary>Returns the error function of x, element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor Erf() => Wrap(NativeMethods.LFT_Tensor_erf(Handle));

    /// <summary>Returns the inverse error function of x, element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor Erfinv() => Wrap(NativeMethods.LFT_Tensor_erfinv(Handle));

    /// <summary>Returns ⌊x⌋, element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor Floor() => Wrap(NativeMethods.LFT_Tensor_floor(Handle));

    /// <summary>Returns ⌈x⌉, element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor Ceil() => Wrap(NativeMethods.LFT_Tensor_ceil(Handle));

    /// <summary>Returns x rounded half to even, element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor Round() => Wrap(NativeMethods.LFT_Tensor_round(Handle));

    /// <summary>Returns sin x, element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor Sin() => Wrap(NativeMethods.LFT_Tensor_sin(Handle));

    /// <summary>Returns cos x, element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor Cos() => Wrap(NativeMethods.LFT_Tensor_cos(Handle));

    /// <summary>Returns not x (true where x is zero), element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor LogicalNot() => Wrap(NativeMethods.LFT_Tensor_logical_not(Handle));

    /// <summary>Returns whether x is NaN, element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor IsNan() => Wrap(NativeMethods.LFT_Tensor_isnan(Handle));

    /// <summary>Returns whether x is finite, element-wise.</summary>
    /// <returns>The result.</returns>
    public Tensor IsFinite() => Wrap(NativeMethods.LFT_Tensor_isfinite(Handle));

    /// <summary>Limits every element to [min, max]; a null bound does not apply.</summary>
    /// <param name="min">The lower bound, or null.</param>
    /// <param name="max">The upper bound, or null.</param>
    /// <returns>The clamped tensor.</returns>
    public Tensor Clamp(double? min, double? max) =>
        Wrap(NativeMethods.LFT_Tensor_clamp(Handle, min.HasValue, min ?? 0, max.HasValue, max ?? 0));

    /// <summary>Limits every element to element-wise bounds; a null bound does not apply.</summary>
    /// <param name="min">The lower bounds (broadcast), or null.</param>
    /// <param name="max">The upper bounds (broadcast), or null.</param>
    /// <returns>The clamped tensor.</returns>
    public Tensor Clamp(Tensor? min, Tensor? max) =>
        Wrap(NativeMethods.LFT_Tensor_clamp_tensor(Handle, HandleOf(min), HandleOf(max)));

    /// <summary>Chooses, element-wise, from <paramref name="whereTrue"/> where <paramref name="condition"/> holds and from <paramref name="whereFalse"/> elsewhere.</summary>
    /// <param name="condition">A bool tensor (broadcast).</param>
    /// <param name="whereTrue">The values where the condition holds (broadcast).</param>
    /// <param name="whereFalse">The values elsewhere (broadcast).</param>
    /// <returns>The chosen values.</returns>
    public static Tensor Where(Tensor condition, Tensor whereTrue, Tensor whereFalse) =>
        Wrap(NativeMethods.LFT_where(condition.Handle, whereTrue.Handle, whereFalse.Handle));

    /// <summary>Chooses, element-wise, from <paramref name="whereTrue"/> where <paramref name="condition"/> holds and <paramref name="whereFalse"/> elsewhere.</summary>
    /// <param name="condition">A bool tensor (broadcast).</param>
    /// <param name="whereTrue">The values where the condition holds (broadcast).</param>
    /// <param name="whereFalse">The number used elsewhere.</param>
    /// <returns>The chosen values.</returns>
    public static Tensor Where(Tensor condition, Tensor whereTrue, double whereFalse) =>
        Wrap(NativeMethods.LFT_where_scalar(condition.Handle, whereTrue.Handle, whereFalse));

    /// <summary>Tells whether |this − other| ≤ atol + rtol·|other| everywhere.</summary>
    /// <param name="other">The tensor compared with (broadcast).</param>
    /// <param name="rtol">The relative tolerance.</param>
    /// <param name="atol">The absolute tolerance.</param>
    /// <param name="equalNan">Whether two NaNs count as equal.</param>
    /// <returns>Whether the tensors are close.</returns>
    public bool AllClose(Tensor other, double rtol = 1e-5, double atol = 1e-8, bool equalNan = false) =>
        NativeErrors.Check(NativeMethods.LFT_Tensor_allclose(Handle, other.Handle, rtol, atol, equalNan)) == 1;

    /// <summary>Tells whether the tensors have the same shape and exactly the same elements.</summary>
    /// <param name="other">The tensor compared with.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equal(Tensor other) => NativeErrors.Check(NativeMethods.LFT_Tensor_equal(Handle, other.Handle)) == 1;

    /// <summary>Returns a + b.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The sum.</returns>
    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);

    /// <summary>Returns a + b.</summary>
    /// <param name="a">The tensor.</param>
    /// <param name="b">The number.</param>
    /// <returns>The sum.</returns>
    public static Tensor operator +(Tensor a, double b) => a.Add(b);

    /// <summary>Returns a + b.</summary>
    /// <param name="a">The number.</param>
    /// <param name="b">The tensor.</param>
    /// <returns>The sum.</returns>
    public static Tensor operator +(double a, Tensor b) => b.Add(a);

    /// <summary>Returns a − b.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The difference.</returns>
    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);

    /// <summary>Returns a − b.</summary>
    /// <param name="a">The tensor.</param>
    /// <param name="b">The number.</param>
    /// <returns>The difference.</returns>
    public static Tensor operator -(Tensor a, double b) => a.Sub(b);

    /// <summary>Returns a − b.</summary>
    /// <param name="a">The number.</param>
    /// <param name="b">The tensor.</param>
    /// <returns>The difference.</returns>
    public static Tensor operator -(double a, Tensor b) => b.RSub(a);

    /// <summary>Returns −a.</summary>
    /// <param name="a">The tensor.</param>
    /// <returns>The negation.</returns>
    public static Tensor operator -(Tensor a) => a.Neg();

    /// <summary>Returns a · b, element-wise.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The product.</returns>
    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);

    /// <summary>Returns a · b.</summary>
    /// <param name="a">The tensor.</param>
    /// <param name="b">The number.</param>
    /// <returns>The product.</returns>
    public static Tensor operator *(Tensor a, double b) => a.Mul(b);

    /// <summary>Returns a · b.</summary>
    /// <param name="a">The number.</param>
    /// <param name="b">The tensor.</param>
    /// <returns>The product.</returns>
    public static Tensor operator *(double a, Tensor b) => b.Mul(a);

    /// <summary>Returns a / b, element-wise.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The quotient.</returns>
    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);

    /// <summary>Returns a / b.</summary>
    /// <param name="a">The tensor.</param>
    /// <param name="b">The number.</param>
    /// <returns>The quotient.</returns>
    public static Tensor operator /(Tensor a, double b) => a.Div(b);

    /// <summary>Returns a / b.</summary>
    /// <param name="a">The number.</param>
    /// <param name="b">The tensor.</param>
    /// <returns>The quotient.</returns>
    public static Tensor operator /(double a, Tensor b)
    {
        using var reciprocal = b.Reciprocal();
        return reciprocal.Mul(a);
    }
}

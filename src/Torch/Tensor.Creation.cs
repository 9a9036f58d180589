// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch;

/// <content>Factories: filled tensors, ranges and identity matrices.</content>
public sealed partial class Tensor
{
    /// <summary>Creates a tensor of uninitialised memory (fill it before reading it).</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <param name="dtype">The element type; float32 unless given.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor Empty(long[] shape, ScalarType dtype = ScalarType.Float32)
    {
        CheckShape(shape, nameof(shape));
        return Wrap(NativeMethods.LFT_empty(shape, shape.Length, dtype));
    }

    /// <summary>Creates a tensor of zeros.</summary>
    /// <inheritdoc cref="Empty(long[], ScalarType)"/>
    public static Tensor Zeros(long[] shape, ScalarType dtype = ScalarType.Float32)
    {
        CheckShape(shape, nameof(shape));
        return Wrap(NativeMethods.LFT_zeros(shape, shape.Length, dtype));
    }

    /// <summary>Creates a tensor of ones.</summary>
    /// <inheritdoc cref="Empty(long[], ScalarType)"/>
    public static Tensor Ones(long[] shape, ScalarType dtype = ScalarType.Float32)
    {
        CheckShape(shape, nameof(shape));
        return Wrap(NativeMethods.LFT_ones(shape, shape.Length, dtype));
    }

    /// <summary>Creates a tensor with every element equal to <paramref name="value"/>.</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <param name="value">The value of every element.</param>
    /// <param name="dtype">The element type; float32 unless given.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor Full(long[] shape, double value, ScalarType dtype = ScalarType.Float32)
    {
        CheckShape(shape, nameof(shape));
        return Wrap(NativeMethods.LFT_full(shape, shape.Length, value, dtype));
    }

    /// <summary>Creates the 1-D tensor <c>start, start + step, ...</c> of the values below <paramref name="end"/> (above it for a negative step).</summary>
    /// <param name="start">The first value.</param>
    /// <param name="end">The bound, excluded.</param>
    /// <param name="step">The difference between neighbours; not zero.</param>
    /// <param name="dtype">The element type; float32 unless given.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor Arange(double start, double end, double step = 1, ScalarType dtype = ScalarType.Float32) =>
        Wrap(NativeMethods.LFT_arange(start, end, step, dtype));

    /// <summary>Creates the 1-D tensor <c>0, 1, ..., end - 1</c>.</summary>
    /// <param name="end">The bound, excluded.</param>
    /// <param name="dtype">The element type; float32 unless given.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor Arange(double end, ScalarType dtype = ScalarType.Float32) => Arange(0, end, 1, dtype);

    /// <summary>Creates <paramref name="steps"/> evenly spaced values from <paramref name="start"/> to <paramref name="end"/>, both included.</summary>
    /// <param name="start">The first value.</param>
    /// <param name="end">The last value.</param>
    /// <param name="steps">How many values.</param>
    /// <param name="dtype">The element type; float32 unless given.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor Linspace(double start, double end, long steps, ScalarType dtype = ScalarType.Float32) =>
        Wrap(NativeMethods.LFT_linspace(start, end, steps, dtype));

    /// <summary>Creates an n-by-m matrix with ones on the diagonal and zeros elsewhere.</summary>
    /// <param name="n">The number of rows.</param>
    /// <param name="m">The number of columns; <paramref name="n"/> unless given.</param>
    /// <param name="dtype">The element type; float32 unless given.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor Eye(long n, long? m = null, ScalarType dtype = ScalarType.Float32) =>
        Wrap(NativeMethods.LFT_eye(n, m ?? n, dtype));

    /// <summary>Creates a tensor of zeros with the shape and dtype of <paramref name="like"/>.</summary>
    /// <param name="like">The tensor whose shape and dtype to take.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor ZerosLike(Tensor like) => Wrap(NativeMethods.LFT_zeros_like(like.Handle));

    /// <summary>Creates a tensor of ones with the shape and dtype of <paramref name="like"/>.</summary>
    /// <inheritdoc cref="ZerosLike(Tensor)"/>
    public static Tensor OnesLike(Tensor like) => Wrap(NativeMethods.LFT_ones_like(like.Handle));

    /// <summary>Creates a tensor filled with <paramref name="value"/> with the shape and dtype of <paramref name="like"/>.</summary>
    /// <param name="like">The tensor whose shape and dtype to take.</param>
    /// <param name="value">The value of every element.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor FullLike(Tensor like, double value) => Wrap(NativeMethods.LFT_full_like(like.Handle, value));
}

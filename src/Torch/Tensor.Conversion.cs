// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch;

/// <content>Copies between tensors and managed arrays, and dtype and layout conversions.</content>
public sealed partial class Tensor
{
    private static readonly Dictionary<Type, ScalarType> ElementTypes = new()
    {
        [typeof(float)] = ScalarType.Float32,
        [typeof(double)] = ScalarType.Float64,
        [typeof(Half)] = ScalarType.Float16,
        [typeof(long)] = ScalarType.Int64,
        [typeof(int)] = ScalarType.Int32,
        [typeof(short)] = ScalarType.Int16,
        [typeof(sbyte)] = ScalarType.Int8,
        [typeof(byte)] = ScalarType.UInt8,
        [typeof(bool)] = ScalarType.Bool,
    };

    /// <summary>Creates a float32 tensor holding a copy of <paramref name="data"/> in row-major order.</summary>
    /// <param name="data">The elements, row-major; as many as the shape holds.</param>
    /// <param name="shape">The sizes of the dimensions; empty for a scalar.</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="ArgumentException">The shape is negative somewhere or does not hold <c>data.Length</c> elements.</exception>
    public static Tensor FromArray(float[] data, params long[] shape) => FromSpan<float>(data, shape);

    /// <summary>Creates a float64 tensor holding a copy of <paramref name="data"/> in row-major order.</summary>
    /// <inheritdoc cref="FromArray(float[], long[])"/>
    public static Tensor FromArray(double[] data, params long[] shape) => FromSpan<double>(data, shape);

    /// <summary>Creates an int64 tensor (indices, class labels) holding a copy of <paramref name="data"/>.</summary>
    /// <inheritdoc cref="FromArray(float[], long[])"/>
    public static Tensor FromArray(long[] data, params long[] shape) => FromSpan<long>(data, shape);

    /// <summary>Creates an int32 tensor holding a copy of <paramref name="data"/>.</summary>
    /// <inheritdoc cref="FromArray(float[], long[])"/>
    public static Tensor FromArray(int[] data, params long[] shape) => FromSpan<int>(data, shape);

    /// <summary>Creates a bool tensor holding a copy of <paramref name="data"/>.</summary>
    /// <inheritdoc cref="FromArray(float[], long[])"/>
    public static Tensor FromArray(bool[] data, params long[] shape) => FromSpan<bool>(data, shape);

    /// <summary>Creates a uint8 tensor (for example image pixels) holding a copy of <paramref name="data"/>.</summary>
    /// <inheritdoc cref="FromArray(float[], long[])"/>
    public static Tensor FromArray(byte[] data, params long[] shape) => FromSpan<byte>(data, shape);

    /// <summary>Creates a float16 tensor holding a copy of <paramref name="data"/>.</summary>
    /// <inheritdoc cref="FromArray(float[], long[])"/>
    public static Tensor FromArray(Half[] data, params long[] shape) => FromSpan<Half>(data, shape);

    /// <summary>Creates a tensor from a span of any supported element type.</summary>
    /// <typeparam name="T">float, double, Half, long, int, short, sbyte, byte or bool.</typeparam>
    /// <inheritdoc cref="FromArray(float[], long[])"/>
    public static unsafe Tensor FromSpan<T>(ReadOnlySpan<T> data, long[] shape)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dtype = ElementTypeOf<T>();
        var count = CheckShape(shape, nameof(shape));
        if (count != data.Length)
        {
            throw new ArgumentException(
                $"The shape {Tuples.Format(shape)} holds {count} elements but {data.Length} were given; " +
                "give as many elements as the shape holds.",
                nameof(data));
        }

        fixed (T* pointer = data)
        {
            return Wrap(NativeMethods.LFT_Tensor_from_buffer(pointer, dtype, shape, shape.Length));
        }
    }

    /// <summary>Creates a zero-dimensional tensor holding one value.</summary>
    /// <param name="value">The value.</param>
    /// <param name="dtype">The element type; float32 unless given.</param>
    /// <returns>The new tensor.</returns>
    public static Tensor Scalar(double value, ScalarType dtype = ScalarType.Float32) =>
        Wrap(NativeMethods.LFT_scalar_tensor(value, dtype));

    /// <summary>
    /// Copies the elements, converted to <typeparamref name="T"/>, in row-major order of the logical shape
    /// (whatever the strides or memory format).
    /// </summary>
    /// <typeparam name="T">float, double, Half, long, int, short, sbyte, byte or bool.</typeparam>
    /// <returns>A new array of <see cref="NumElements"/> elements.</returns>
    public unsafe T[] ToArray<T>()
        where T : unmanaged
    {
        var dtype = ElementTypeOf<T>();
        var result = new T[NumElements];
        fixed (T* pointer = result)
        {
            NativeErrors.Check(NativeMethods.LFT_Tensor_copy_to_buffer(Handle, dtype, pointer, result.LongLength));
        }

        return result;
    }

    /// <summary>Reads the value of a one-element tensor.</summary>
    /// <returns>The value as a double.</returns>
    public double Item()
    {
        NativeErrors.Check(NativeMethods.LFT_Tensor_item(Handle, out var value));
        return value;
    }

    /// <summary>Converts to another element type (a copy; an alias when the type is already that).</summary>
    /// <param name="dtype">The element type wanted.</param>
    /// <returns>The converted tensor.</returns>
    public Tensor To(ScalarType dtype) => Wrap(NativeMethods.LFT_Tensor_to_dtype(Handle, dtype));

    /// <summary>Returns a tensor whose memory is laid out in <paramref name="memoryFormat"/> (an alias when it already is).</summary>
    /// <param name="memoryFormat">The layout; <see cref="MemoryFormat.ChannelsLast"/> stores NCHW as NHWC.</param>
    /// <returns>The tensor in that layout.</returns>
    public Tensor Contiguous(MemoryFormat memoryFormat = MemoryFormat.Contiguous) =>
        Wrap(NativeMethods.LFT_Tensor_contiguous(Handle, memoryFormat));

    /// <summary>Tells whether the memory is laid out densely in <paramref name="memoryFormat"/>.</summary>
    /// <param name="memoryFormat">The layout to test.</param>
    /// <returns>Whether it is.</returns>
    public bool IsContiguous(MemoryFormat memoryFormat = MemoryFormat.Contiguous) =>
        NativeErrors.Check(NativeMethods.LFT_Tensor_is_contiguous(Handle, memoryFormat)) == 1;

    /// <summary>Copies the tensor into new memory (in the autograd graph: gradients flow through the copy).</summary>
    /// <param name="memoryFormat">The layout of the copy; the source's unless given.</param>
    /// <returns>The copy.</returns>
    public Tensor Clone(MemoryFormat memoryFormat = MemoryFormat.Preserve) =>
        Wrap(NativeMethods.LFT_Tensor_clone(Handle, memoryFormat));

    /// <summary>A second handle to this very tensor (same storage and autograd identity), owned separately.</summary>
    /// <returns>The alias.</returns>
    public Tensor Alias() => Wrap(NativeMethods.LFT_Tensor_alias(Handle));

    private static ScalarType ElementTypeOf<T>()
        where T : unmanaged =>
        ElementTypes.TryGetValue(typeof(T), out var dtype)
            ? dtype
            : throw new NotSupportedException(
                $"Tensors cannot hold {typeof(T).Name} elements; use one of " +
                string.Join(", ", ElementTypes.Keys.Select(t => t.Name)) + ".");

    /// <summary>Checks that every size is non-negative and returns the element count.</summary>
    internal static long CheckShape(long[] shape, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(shape, parameterName);
        long count = 1;
        foreach (var size in shape)
        {
            if (size < 0)
            {
                throw new ArgumentOutOfRangeException(
                    parameterName,
                    Tuples.Format(shape),
                    string.Create(CultureInfo.InvariantCulture, $"Every size of a shape must be 0 or more; {Tuples.Format(shape)} has {size}."));
            }

            count *= size;
        }

        return count;
    }
}

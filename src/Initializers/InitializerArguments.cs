// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using LayersFramework.Engine;
using static TorchSharp.torch;

namespace LayersFramework.Initializers;

/// <summary>The argument checks every initializer shares, each with one message.</summary>
internal static class InitializerArguments
{
    /// <summary>Checks that a shape is given and has no negative size.</summary>
    public static void CheckShape(long[] shape, string parameterName = "shape")
    {
        ArgumentNullException.ThrowIfNull(shape, parameterName);
        foreach (var size in shape)
        {
            if (size < 0)
            {
                throw new ArgumentOutOfRangeException(
                    parameterName,
                    Tuples.Format(shape),
                    string.Create(CultureInfo.InvariantCulture, $"Every size of a shape must be 0 or more; {Tuples.Format(shape)} has {size}."));
            }
        }
    }

    /// <summary>Tells whether a dtype is a floating-point type.</summary>
    public static bool IsFloating(ScalarType dtype) =>
        dtype is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64;

    /// <summary>Checks that a random initializer is asked for a floating-point dtype (Keras: "Expected floating point type").</summary>
    public static void CheckFloating(ScalarType dtype, string className, string parameterName = "dtype")
    {
        if (!IsFloating(dtype))
        {
            throw new ArgumentException(
                $"{className} draws random values, so it needs a floating-point dtype (Float16, BFloat16, Float32 or Float64); got {dtype}.",
                parameterName);
        }
    }

    /// <summary>Checks that a number is finite.</summary>
    public static void CheckFinite(double value, string parameterName)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(parameterName, value, $"{parameterName} must be a finite number; got {Format(value)}.");
        }
    }

    /// <summary>Checks that a standard deviation is finite and 0 or more.</summary>
    public static void CheckStddev(double stddev, string parameterName = "stddev")
    {
        if (!(stddev >= 0) || double.IsPositiveInfinity(stddev))
        {
            throw new ArgumentOutOfRangeException(
                parameterName, stddev, $"{parameterName} is a standard deviation, so it must be a finite number, 0 or more; got {Format(stddev)}.");
        }
    }

    /// <summary>The product of some sizes, as Keras multiplies them.</summary>
    public static long Product(ReadOnlySpan<long> sizes)
    {
        long product = 1;
        foreach (var size in sizes)
        {
            product *= size;
        }

        return product;
    }

    /// <summary>Formats a number for messages: round-trip precision, invariant culture.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

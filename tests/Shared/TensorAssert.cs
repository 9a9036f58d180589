// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using static TorchSharp.torch;

namespace LayersFramework.Tests.Shared;

/// <summary>Assertions on tensors against expected values worked out independently.</summary>
internal static class TensorAssert
{
    /// <summary>Asserts the shape and every element (row-major) within |a − e| ≤ atol + rtol·|e|.</summary>
    public static void Close(double[] expected, long[] expectedShape, Tensor actual, double rtol = 1e-6, double atol = 1e-6)
    {
        Assert.Equal(expectedShape, actual.shape);
        Close(expected, Values(actual), rtol, atol);
    }

    /// <summary>Asserts every element within |a − e| ≤ atol + rtol·|e|, naming the first index that is not.</summary>
    public static void Close(double[] expected, double[] actual, double rtol = 1e-6, double atol = 1e-6)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var tolerance = atol + (rtol * Math.Abs(expected[i]));
            var bothNaN = double.IsNaN(expected[i]) && double.IsNaN(actual[i]);
            var sameInfinity = double.IsInfinity(expected[i]) && expected[i] == actual[i];
            if (!bothNaN && !sameInfinity && !(Math.Abs(actual[i] - expected[i]) <= tolerance))
            {
                Assert.Fail(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Element {i}: expected {expected[i]:R}, got {actual[i]:R} (tolerance {tolerance:G3})."));
            }
        }
    }

    /// <summary>The elements in row-major order of the logical shape, whatever the strides or dtype, as float64.</summary>
    public static double[] Values(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        return tensor.detach().to(ScalarType.Float64).contiguous().data<double>().ToArray();
    }
}

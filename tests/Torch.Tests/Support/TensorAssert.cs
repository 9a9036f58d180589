// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;

namespace LayersFramework.Torch.Tests.Support;

/// <summary>Assertions on tensors against expected values worked out independently.</summary>
internal static class TensorAssert
{
    /// <summary>Asserts the shape and every element (row-major) within |a − e| ≤ atol + rtol·|e|.</summary>
    public static void Close(double[] expected, long[] expectedShape, Tensor actual, double rtol = 1e-6, double atol = 1e-6)
    {
        Assert.Equal(expectedShape, actual.Shape);
        Close(expected, actual.ToArray<double>(), rtol, atol);
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
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;

namespace LayersFramework.Ops;

/// <summary>The output sizes TensorFlow accepts for a transposed convolution, per spatial dimension.</summary>
public static class TransposedOutputSizes
{
    /// <summary>
    /// The range of output sizes an input of size <paramref name="input"/> can be transposed to with "SAME" or "VALID"
    /// padding: SAME (I − 1)·s + 1 .. I·s; VALID F .. F + s − 1 with F = (I − 1)·s + (K − 1)·d + 1.
    /// </summary>
    /// <param name="input">The input's size, 1 or more.</param>
    /// <param name="kernel">The kernel's size.</param>
    /// <param name="stride">The stride.</param>
    /// <param name="dilation">The dilation.</param>
    /// <param name="padding">"SAME" or "VALID".</param>
    /// <returns>The smallest and largest valid sizes.</returns>
    /// <exception cref="ArgumentException"><paramref name="padding"/> is neither.</exception>
    public static (long Min, long Max) Range(long input, long kernel, long stride, long dilation, string padding) =>
        TransposeGeometry.ValidOutputSizes(input, kernel, stride, dilation, Padding.Parse(padding, 1), 0);
}

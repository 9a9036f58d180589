// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Constraints.Tests;

/// <summary>
/// Keras's norms computed independently of libtorch, element by element: for each element, the L2 norm of the slice
/// holding it, the slice being all elements equal to it on every axis not in <c>axes</c>.
/// </summary>
internal static class NormReference
{
    public const double Epsilon = 1e-7;

    /// <summary>One norm per element (the norm of its slice), in row-major order.</summary>
    public static double[] Norms(double[] data, long[] shape, int[] axes)
    {
        var rank = shape.Length;
        var reduced = axes.Select(a => a < 0 ? a + rank : a).ToHashSet();
        var sums = new Dictionary<string, double>();
        var keys = new string[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            var index = Unravel(i, shape);
            keys[i] = axes.Length == 0
                ? i.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : string.Join(",", Enumerable.Range(0, rank).Select(d => reduced.Contains(d) ? "*" : index[d].ToString(System.Globalization.CultureInfo.InvariantCulture)));
            sums[keys[i]] = sums.GetValueOrDefault(keys[i]) + (data[i] * data[i]);
        }

        return keys.Select(key => Math.Sqrt(sums[key])).ToArray();
    }

    public static long[] Unravel(long flat, long[] shape)
    {
        var index = new long[shape.Length];
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }

        return index;
    }
}

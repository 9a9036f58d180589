// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using LayersFramework.Engine;
using static TorchSharp.torch;

namespace LayersFramework.Constraints;

/// <summary>
/// Makes each 2-D kernel slice of a rank-4 weight constant on concentric square rings (tf-keras's
/// <c>RadialConstraint</c>, names "RadialConstraint" and "radial_constraint"; Keras 3 has no such constraint). Each
/// ring takes one value of the slice's diagonal.
/// </summary>
/// <remarks>
/// <para>
/// Input: a weight (n, n, a, b); each of the a × b slices w[:, :, i, j] is constrained on its own. Keras documents the
/// layout (rows, cols, input_depth, output_depth), so it applies as well to a transposed-convolution kernel
/// (rows, cols, filters, in_channels).
/// </para>
/// <para>
/// The values are those of tf-keras's code, which differ from its docstring. With s = n / 2 (rounded down) and
/// v_kk = w[k, k]: the centre is one element holding v_(s−1)(s−1) for odd n, or a 2 × 2 block of it for even n; then
/// ring after ring outwards, each ring holds the next diagonal value v_(s+i)(s+i) (i from 0 for odd n, from 1 for
/// even n). So a 3 × 3 slice has centre v00 and ring v11; 4 × 4, centre v11 and outer ring v33 (the docstring shows
/// the reverse: outer v11, centre v33); 5 × 5, centre v11 and rings v22, v33. A slice of width n has ⌈n / 2⌉
/// distinct values and its column 0 is constant.
/// </para>
/// <para>
/// tf-keras reads only the first dimension as the size and fails later, with a reshape error, when the kernel is not
/// square or n is 1; here those are argument errors up front. The config is empty, <c>{}</c>.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var constraint = new RadialConstraint();
/// using var w = torch.arange(16.0).reshape(4, 4, 1, 1);
/// using var constrained = constraint.Apply(w); // centre 2 × 2 = w[1, 1] = 5, outer ring = w[3, 3] = 15
/// </code>
/// </example>
public sealed class RadialConstraint : IConstraint
{
    /// <summary>Creates the constraint from its config, which is empty.</summary>
    /// <param name="config">The config, or null.</param>
    /// <returns>The constraint.</returns>
    /// <exception cref="ArgumentException">The config has a key (RadialConstraint takes none).</exception>
    public static RadialConstraint FromConfig(JsonObject? config)
    {
        new ConfigReader(config, nameof(RadialConstraint)).EnsureNoOtherKeys();
        return new RadialConstraint();
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="weight"/> does not have rank 4, its first two sizes differ, or they are less than 2.</exception>
    public Tensor Apply(Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        var shape = weight.shape;
        if (shape.Length != 4)
        {
            throw new ArgumentException(
                $"The weight tensor must have rank 4. Received weight tensor with shape: {Tuples.Format(shape)} (RadialConstraint takes kernels (rows, cols, a, b)).",
                nameof(weight));
        }

        var size = shape[0];
        if (shape[1] != size || size < 2)
        {
            throw new ArgumentException(
                $"RadialConstraint takes square kernels of 2 × 2 or more, (n, n, a, b) with n ≥ 2; received a weight of shape {Tuples.Format(shape)}.",
                nameof(weight));
        }

        using var scope = NewDisposeScope();
        var sources = tensor(SourceIndices(checked((int)size)), device: weight.device);
        var diagonal = weight.diagonal(0, 0, 1); // (a, b, n): diagonal[i, j, k] = w[k, k, i, j]
        var rings = diagonal.index_select(2, sources).reshape(shape[2], shape[3], size, size);
        return scope.MoveToOuter(rings.permute(2, 3, 0, 1).contiguous());
    }

    /// <inheritdoc/>
    public JsonObject GetConfig() => [];

    /// <summary>
    /// For each position of an n × n slice (row-major), the index k of the diagonal element w[k, k] it takes: tf-keras's
    /// algorithm, run on indices instead of values (seed block, then one padded ring per step).
    /// </summary>
    private static long[] SourceIndices(int size)
    {
        var start = size / 2;
        var odd = size % 2 == 1;
        var block = new long[odd ? 1 : 2, odd ? 1 : 2];
        Fill(block, start - 1);
        for (var i = odd ? 0 : 1; i < start; i++)
        {
            var width = block.GetLength(0);
            var padded = new long[width + 2, width + 2];
            Fill(padded, start + i);
            for (var r = 0; r < width; r++)
            {
                for (var c = 0; c < width; c++)
                {
                    padded[r + 1, c + 1] = block[r, c];
                }
            }

            block = padded;
        }

        var result = new long[size * size];
        for (var r = 0; r < size; r++)
        {
            for (var c = 0; c < size; c++)
            {
                result[(r * size) + c] = block[r, c];
            }
        }

        return result;
    }

    private static void Fill(long[,] block, long value)
    {
        for (var r = 0; r < block.GetLength(0); r++)
        {
            for (var c = 0; c < block.GetLength(1); c++)
            {
                block[r, c] = value;
            }
        }
    }
}

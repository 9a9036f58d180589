// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Engine;
using static TorchSharp.torch;

namespace LayersFramework.Initializers;

/// <summary>
/// Initializes a weight to a (scaled) orthogonal matrix (Keras's <c>Orthogonal</c>, names "orthogonal" and
/// "OrthogonalInitializer").
/// </summary>
/// <remarks>
/// <para>
/// Keras's algorithm: the shape is flattened to a matrix of rows = the product of all sizes but the last and
/// cols = the last size; a (max(rows, cols), min(rows, cols)) matrix of standard normal values is factored as QR;
/// Q's columns are multiplied by the signs of R's diagonal (so Q is uniformly distributed); Q is transposed when
/// rows &lt; cols, reshaped to the shape, and multiplied by <see cref="Gain"/>. So the flattened result W has
/// orthonormal columns (WᵀW = gain²·I) when rows ≥ cols, and orthonormal rows (WWᵀ = gain²·I) otherwise.
/// </para>
/// <para>Config: <c>{"seed", "gain"}</c>. Seeds: see <see cref="RandomInitializer"/>.</para>
/// </remarks>
/// <example>
/// <code>
/// using var recurrentKernel = new Orthogonal(gain: 1.0, seed: 3).Initialize([128, 512]); // orthonormal rows
/// </code>
/// </example>
public sealed class Orthogonal : RandomInitializer
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="gain">The factor applied to the orthogonal matrix; 1.0 unless given.</param>
    /// <param name="seed">The seed; null (libtorch's default generator) unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gain"/> is not finite.</exception>
    public Orthogonal(double gain = 1.0, long? seed = null)
        : base(seed)
    {
        InitializerArguments.CheckFinite(gain, nameof(gain));
        Gain = gain;
    }

    /// <summary>Gets the factor applied to the orthogonal matrix.</summary>
    public double Gain { get; }

    /// <inheritdoc/>
    public override JsonObject GetConfig() => new() { ["seed"] = Seed, ["gain"] = Gain };

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The shape has fewer than two dimensions.</exception>
    protected override Tensor Sample(long[] shape, ScalarType dtype, Generator? generator)
    {
        if (shape.Length < 2)
        {
            throw new ArgumentException(
                $"The tensor to initialize must be at least two-dimensional; got shape {Tuples.Format(shape)} of rank {shape.Length}. For a vector, use RandomNormal or VarianceScaling.",
                nameof(shape));
        }

        var rows = InitializerArguments.Product(shape.AsSpan(0, shape.Length - 1));
        var cols = shape[^1];
        if (rows == 0 || cols == 0)
        {
            return zeros(shape, dtype);
        }

        var random = empty([Math.Max(rows, cols), Math.Min(rows, cols)], dtype).normal_(0.0, 1.0, generator);
        var (q, r) = linalg.qr(random);
        var uniform = q * r.diagonal().sign();
        var oriented = rows < cols ? uniform.transpose(0, 1) : uniform;
        return oriented.reshape(shape) * Gain;
    }
}

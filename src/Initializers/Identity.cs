// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Engine;
using static TorchSharp.torch;

namespace LayersFramework.Initializers;

/// <summary>
/// Initializes a matrix to <see cref="Gain"/> times the identity, eye(rows, cols) (Keras's <c>Identity</c>, names
/// "identity" and "IdentityInitializer").
/// </summary>
/// <remarks>
/// Only for two-dimensional shapes, as in Keras; a non-square shape gets ones on the main diagonal and zeros
/// elsewhere. Config: <c>{"gain"}</c>. Any dtype.
/// </remarks>
/// <example>
/// <code>
/// using var kernel = new Identity(gain: 0.5).Initialize([4, 4]); // 0.5 on the diagonal
/// </code>
/// </example>
public sealed class Identity : IInitializer
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="gain">The factor applied to the identity matrix; 1.0 unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gain"/> is not finite.</exception>
    public Identity(double gain = 1.0)
    {
        InitializerArguments.CheckFinite(gain, nameof(gain));
        Gain = gain;
    }

    /// <summary>Gets the factor applied to the identity matrix.</summary>
    public double Gain { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shape"/> has a negative size.</exception>
    /// <exception cref="ArgumentException"><paramref name="shape"/> is not two-dimensional.</exception>
    public Tensor Initialize(long[] shape, ScalarType dtype = ScalarType.Float32)
    {
        InitializerArguments.CheckShape(shape);
        if (shape.Length != 2)
        {
            throw new ArgumentException(
                $"The Identity initializer can only be used for 2-D matrices; got shape {Tuples.Format(shape)} of rank {shape.Length}.",
                nameof(shape));
        }

        using var scope = NewDisposeScope();
        var scaled = eye(shape[0], shape[1], ScalarType.Float64) * Gain;
        return scope.MoveToOuter(scaled.to(dtype));
    }

    /// <inheritdoc/>
    public JsonObject GetConfig() => new() { ["gain"] = Gain };
}

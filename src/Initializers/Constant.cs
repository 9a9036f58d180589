// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace LayersFramework.Initializers;

/// <summary>Initializes every value to a constant (Keras's <c>Constant</c>, name "constant").</summary>
/// <remarks>Config: <c>{"value": v}</c>. Any dtype; an integer dtype receives the value converted by libtorch.</remarks>
/// <example>
/// <code>
/// using var bias = new Constant(0.1).Initialize([16]);
/// </code>
/// </example>
public sealed class Constant : IInitializer
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="value">The value of every element; 0.0 unless given (Keras 3's default).</param>
    public Constant(double value = 0.0)
    {
        Value = value;
    }

    /// <summary>Gets the value of every element.</summary>
    public double Value { get; }

    /// <inheritdoc/>
    /// <exception cref="System.ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="shape"/> has a negative size.</exception>
    public Tensor Initialize(long[] shape, ScalarType dtype = ScalarType.Float32)
    {
        InitializerArguments.CheckShape(shape);
        return full(shape, Value, dtype);
    }

    /// <inheritdoc/>
    public JsonObject GetConfig() => new() { ["value"] = Value };
}

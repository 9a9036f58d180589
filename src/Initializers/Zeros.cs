// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace LayersFramework.Initializers;

/// <summary>Initializes every value to 0 (Keras's <c>Zeros</c>, names "zeros" and "zero"); the default bias initializer.</summary>
/// <remarks>Config: <c>{}</c>. Any dtype.</remarks>
/// <example>
/// <code>
/// using var bias = new Zeros().Initialize([16]);
/// </code>
/// </example>
public sealed class Zeros : IInitializer
{
    /// <inheritdoc/>
    /// <exception cref="System.ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="shape"/> has a negative size.</exception>
    public Tensor Initialize(long[] shape, ScalarType dtype = ScalarType.Float32)
    {
        InitializerArguments.CheckShape(shape);
        return zeros(shape, dtype);
    }

    /// <inheritdoc/>
    public JsonObject GetConfig() => [];
}

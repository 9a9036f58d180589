// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace LayersFramework.Initializers;

/// <summary>Initializes every value to 1 (Keras's <c>Ones</c>, names "ones" and "one").</summary>
/// <remarks>Config: <c>{}</c>. Any dtype.</remarks>
/// <example>
/// <code>
/// using var gamma = new Ones().Initialize([16]);
/// </code>
/// </example>
public sealed class Ones : IInitializer
{
    /// <inheritdoc/>
    /// <exception cref="System.ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="shape"/> has a negative size.</exception>
    public Tensor Initialize(long[] shape, ScalarType dtype = ScalarType.Float32)
    {
        InitializerArguments.CheckShape(shape);
        return ones(shape, dtype);
    }

    /// <inheritdoc/>
    public JsonObject GetConfig() => [];
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace LayersFramework.Initializers;

/// <summary>
/// The He (Kaiming) uniform initializer (Keras's <c>HeUniform</c>, name "he_uniform"): <see cref="VarianceScaling"/> with scale 2.0, mode "fan_in" and
/// distribution "uniform"; values in ±√(6 / fan_in).
/// </summary>
/// <remarks>
/// Fans read Keras's layout (see <see cref="Fans"/>). Config: <c>{"seed"}</c> only, as in Keras. Seeds: see
/// <see cref="RandomInitializer"/>.
/// </remarks>
/// <example>
/// <code>
/// using var kernel = new HeUniform(seed: 42).Initialize([3, 3, 16, 32]);
/// </code>
/// </example>
public sealed class HeUniform : VarianceScaling
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="seed">The seed; null (libtorch's default generator) unless given.</param>
    public HeUniform(long? seed = null)
        : base(2.0, "fan_in", "uniform", seed)
    {
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig() => new() { ["seed"] = Seed };
}

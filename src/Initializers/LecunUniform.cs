// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace LayersFramework.Initializers;

/// <summary>
/// The LeCun uniform initializer (Keras's <c>LecunUniform</c>, name "lecun_uniform"): <see cref="VarianceScaling"/> with scale 1.0, mode "fan_in" and
/// distribution "uniform"; values in ±√(3 / fan_in).
/// </summary>
/// <remarks>
/// Fans read Keras's layout (see <see cref="Fans"/>). Config: <c>{"seed"}</c> only, as in Keras. Seeds: see
/// <see cref="RandomInitializer"/>.
/// </remarks>
/// <example>
/// <code>
/// using var kernel = new LecunUniform(seed: 42).Initialize([3, 3, 16, 32]);
/// </code>
/// </example>
public sealed class LecunUniform : VarianceScaling
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="seed">The seed; null (libtorch's default generator) unless given.</param>
    public LecunUniform(long? seed = null)
        : base(1.0, "fan_in", "uniform", seed)
    {
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig() => new() { ["seed"] = Seed };
}

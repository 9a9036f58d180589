// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace LayersFramework.Initializers;

/// <summary>
/// The He (Kaiming) normal initializer (Keras's <c>HeNormal</c>, name "he_normal"): <see cref="VarianceScaling"/> with scale 2.0, mode "fan_in" and
/// distribution "truncated_normal"; a truncated normal whose values have standard deviation √(2 / fan_in).
/// </summary>
/// <remarks>
/// Fans read Keras's layout (see <see cref="Fans"/>). Config: <c>{"seed"}</c> only, as in Keras. Seeds: see
/// <see cref="RandomInitializer"/>.
/// </remarks>
/// <example>
/// <code>
/// using var kernel = new HeNormal(seed: 42).Initialize([3, 3, 16, 32]);
/// </code>
/// </example>
public sealed class HeNormal : VarianceScaling
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="seed">The seed; null (libtorch's default generator) unless given.</param>
    public HeNormal(long? seed = null)
        : base(2.0, "fan_in", "truncated_normal", seed)
    {
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig() => new() { ["seed"] = Seed };
}

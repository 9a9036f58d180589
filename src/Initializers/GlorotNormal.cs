// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace LayersFramework.Initializers;

/// <summary>
/// The Glorot (Xavier) normal initializer (Keras's <c>GlorotNormal</c>, name "glorot_normal"): <see cref="VarianceScaling"/> with scale 1.0, mode "fan_avg" and
/// distribution "truncated_normal"; a truncated normal whose values have standard deviation √(2 / (fan_in + fan_out)).
/// </summary>
/// <remarks>
/// Fans read Keras's layout (see <see cref="Fans"/>). Config: <c>{"seed"}</c> only, as in Keras. Seeds: see
/// <see cref="RandomInitializer"/>.
/// </remarks>
/// <example>
/// <code>
/// using var kernel = new GlorotNormal(seed: 42).Initialize([3, 3, 16, 32]);
/// </code>
/// </example>
public sealed class GlorotNormal : VarianceScaling
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="seed">The seed; null (libtorch's default generator) unless given.</param>
    public GlorotNormal(long? seed = null)
        : base(1.0, "fan_avg", "truncated_normal", seed)
    {
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig() => new() { ["seed"] = Seed };
}

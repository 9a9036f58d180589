// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;

namespace LayersFramework.Layers;

/// <summary>
/// The Keras arguments of <see cref="BatchNormalization"/> that name components: each weight's initializer and
/// gamma's and beta's regularizers and constraints, each by Keras name, config or object, or null for Keras's default.
/// Its constructor and its <c>FromConfig</c> both gather them here once.
/// </summary>
/// <param name="BetaInitializer">Beta's initializer; "zeros" when null.</param>
/// <param name="GammaInitializer">Gamma's initializer; "ones" when null.</param>
/// <param name="MovingMeanInitializer">The moving mean's initializer; "zeros" when null.</param>
/// <param name="MovingVarianceInitializer">The moving variance's initializer; "ones" when null.</param>
/// <param name="BetaRegularizer">Beta's regularizer, or null.</param>
/// <param name="GammaRegularizer">Gamma's regularizer, or null.</param>
/// <param name="BetaConstraint">Beta's constraint, or null.</param>
/// <param name="GammaConstraint">Gamma's constraint, or null.</param>
public sealed record BatchNormalizationComponents(
    object? BetaInitializer,
    object? GammaInitializer,
    object? MovingMeanInitializer,
    object? MovingVarianceInitializer,
    object? BetaRegularizer,
    object? GammaRegularizer,
    object? BetaConstraint,
    object? GammaConstraint)
{
    /// <summary>Reads the components' keys of a Keras config, resolving each through the reader's catalog.</summary>
    /// <param name="reader">The config's reader.</param>
    /// <returns>The components.</returns>
    public static BatchNormalizationComponents Read(LayerConfigReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new(
            reader.Initializer("beta_initializer", "betaInitializer"),
            reader.Initializer("gamma_initializer", "gammaInitializer"),
            reader.Initializer("moving_mean_initializer", "movingMeanInitializer"),
            reader.Initializer("moving_variance_initializer", "movingVarianceInitializer"),
            reader.Regularizer("beta_regularizer", "betaRegularizer"),
            reader.Regularizer("gamma_regularizer", "gammaRegularizer"),
            reader.Constraint("beta_constraint", "betaConstraint"),
            reader.Constraint("gamma_constraint", "gammaConstraint"));
    }
}

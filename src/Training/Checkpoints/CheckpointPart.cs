// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Layers;

namespace LayersFramework.Training;

/// <summary>One model (and its optimizer) in a checkpoint that holds several, such as a GAN's generator and discriminator.</summary>
/// <param name="Name">The part's name, which prefixes its entries ("generator" gives "generator/dense/kernel"); empty for a checkpoint of one model.</param>
/// <param name="Model">The model.</param>
/// <param name="Optimizer">Its optimizer, or null.</param>
public sealed record CheckpointPart(string Name, Layer Model, Optimizer? Optimizer = null)
{
    /// <summary>Gets the prefix of the part's entries: <c>"name/"</c>, or nothing for an unnamed part.</summary>
    public string Prefix => string.IsNullOrEmpty(Name) ? string.Empty : Name + "/";

    /// <summary>Gets the model; never null.</summary>
    public Layer Model { get; } = Model ?? throw new ArgumentNullException(nameof(Model));
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Activations;
using LayersFramework.Constraints;
using LayersFramework.Initializers;
using LayersFramework.Regularizers;

namespace LayersFramework.Layers;

/// <summary>
/// An application's own initializers, regularizers, constraints, activations and layers, by family. A
/// <see cref="ComponentCatalog"/> built from these options resolves their names in configs, beside the built-ins.
/// </summary>
/// <example>
/// <code>
/// services.AddLayersFramework(options =>
/// {
///     options.Initializers.Add(ScaledInitializer.FromConfig);          // "Custom>ScaledInitializer"
///     options.Activations.AddFunction("cube", x => x.Pow(3));           // "Custom>cube"
/// });
/// </code>
/// </example>
public sealed class LayersFrameworkOptions
{
    /// <summary>Gets the application's initializers.</summary>
    public ComponentRegistrations<IInitializer> Initializers { get; } = new();

    /// <summary>Gets the application's regularizers.</summary>
    public ComponentRegistrations<IRegularizer> Regularizers { get; } = new();

    /// <summary>Gets the application's constraints.</summary>
    public ComponentRegistrations<IConstraint> Constraints { get; } = new();

    /// <summary>Gets the application's activation classes and functions (<see cref="LayersFrameworkOptionsExtensions.AddFunction"/>).</summary>
    public ComponentRegistrations<IActivation> Activations { get; } = new();

    /// <summary>Gets the application's layers.</summary>
    public ComponentRegistrations<Layer> Layers { get; } = new();

    /// <summary>Applies a configuration to these options, for building a catalog without a container.</summary>
    /// <param name="configure">The configuration.</param>
    /// <returns>These options.</returns>
    public LayersFrameworkOptions Configure(Action<LayersFrameworkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(this);
        return this;
    }
}

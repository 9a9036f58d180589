// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;

namespace LayersFramework.Layers;

/// <summary>
/// An application's own components of one family, recorded by <see cref="LayersFrameworkOptions"/> and registered
/// when a <see cref="ComponentCatalog"/> is built from them.
/// </summary>
/// <typeparam name="T">The family's interface, such as <c>IInitializer</c>.</typeparam>
public sealed class ComponentRegistrations<T>
    where T : class, IConfigurable
{
    private readonly List<Action<ComponentRegistry<T>, ComponentCatalog>> registrations = [];

    /// <summary>Gets the number of registrations recorded.</summary>
    public int Count => registrations.Count;

    /// <summary>
    /// Adds a component type under the names it serializes with: <c>"Package&gt;Name"</c> from its
    /// <see cref="KerasSerializableAttribute"/> (or <c>"Custom&gt;TypeName"</c>), the name and its snake_case.
    /// </summary>
    /// <typeparam name="TComponent">The component's type.</typeparam>
    /// <param name="fromConfig">Builds the component from its config.</param>
    /// <returns>These registrations, for chaining.</returns>
    public ComponentRegistrations<T> Add<TComponent>(Func<JsonObject, TComponent> fromConfig)
        where TComponent : T
    {
        ArgumentNullException.ThrowIfNull(fromConfig);
        registrations.Add((registry, _) => registry.RegisterCustom(fromConfig));
        return this;
    }

    /// <summary>
    /// Adds a component type whose config names further components (a layer's initializers, an initializer wrapping
    /// another): its factory gets the catalog being built, to resolve them among the application's names too.
    /// </summary>
    /// <typeparam name="TComponent">The component's type.</typeparam>
    /// <param name="fromConfig">Builds the component from its config, resolving nested components through the catalog.</param>
    /// <returns>These registrations, for chaining.</returns>
    public ComponentRegistrations<T> Add<TComponent>(Func<JsonObject, ComponentCatalog, TComponent> fromConfig)
        where TComponent : T
    {
        ArgumentNullException.ThrowIfNull(fromConfig);
        registrations.Add((registry, catalog) => registry.RegisterCustom<TComponent>(config => fromConfig(config, catalog)));
        return this;
    }

    /// <summary>
    /// Adds a factory under a name of the application's choosing (registered name <c>"package&gt;name"</c>); see
    /// <see cref="ComponentRegistry{T}.RegisterCustom{TComponent}(string, Func{JsonObject, TComponent}, string)"/>.
    /// </summary>
    /// <param name="name">The name configs use.</param>
    /// <param name="fromConfig">Builds the component from its config.</param>
    /// <param name="package">The package part of the registered name; "Custom" unless given.</param>
    /// <returns>These registrations, for chaining.</returns>
    public ComponentRegistrations<T> Add(string name, Func<JsonObject, T> fromConfig, string? package = ComponentNames.DefaultPackage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(fromConfig);
        registrations.Add((registry, _) => registry.RegisterCustom(name, fromConfig, package));
        return this;
    }

    /// <summary>Adds a registration written against the registry itself, such as a function activation.</summary>
    /// <param name="register">Registers into the catalog's registry while the catalog is built.</param>
    /// <returns>These registrations, for chaining.</returns>
    public ComponentRegistrations<T> Add(Action<ComponentRegistry<T>> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        registrations.Add((registry, _) => register(registry));
        return this;
    }

    /// <summary>Registers every recorded component into a catalog's registry, in the order they were added.</summary>
    internal void ApplyTo(ComponentRegistry<T> registry, ComponentCatalog catalog)
    {
        foreach (var register in registrations)
        {
            register(registry, catalog);
        }
    }
}

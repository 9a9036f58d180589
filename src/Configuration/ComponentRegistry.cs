// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace LayersFramework.Configuration;

/// <summary>
/// Keras's name registry for one family of components (initializers, regularizers, constraints, activations):
/// resolves a class name, its snake_case form or an alias, a serialized config in Keras's envelope (or the
/// legacy <c>{"class_name", "config"}</c> form), or an instance; and serializes a component into that envelope.
/// </summary>
/// <typeparam name="T">The family's interface.</typeparam>
public sealed class ComponentRegistry<T>
    where T : class, IConfigurable
{
    private readonly Dictionary<string, Registration> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, Registration> byType = [];

    /// <summary>Creates an empty registry.</summary>
    /// <param name="family">The family's singular noun for messages, such as "initializer".</param>
    /// <param name="module">Keras's module of the built-ins, such as "keras.initializers".</param>
    public ComponentRegistry(string family, string module)
    {
        Family = family;
        Module = module;
    }

    /// <summary>Gets the family's singular noun, such as "initializer".</summary>
    public string Family { get; }

    /// <summary>Gets Keras's module of the built-ins, such as "keras.initializers".</summary>
    public string Module { get; }

    /// <summary>Gets a value indicating whether registering is refused: the registries a catalog hands out are read-only.</summary>
    public bool IsReadOnly { get; private set; }

    /// <summary>Gets every name that resolves, sorted.</summary>
    public IReadOnlyList<string> Names => byName.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Registers a built-in component under its class name, Keras's snake_case of it, and any aliases. Names the
    /// type already has are left as they were; new names get this factory; a name taken by another type is an error.
    /// </summary>
    /// <typeparam name="TComponent">The component's type; its name is the Keras class name.</typeparam>
    /// <param name="fromConfig">Builds the component from its config.</param>
    /// <param name="aliases">Further names, such as "normal" for RandomNormal.</param>
    public void RegisterBuiltIn<TComponent>(Func<JsonObject, TComponent> fromConfig, params string[] aliases)
        where TComponent : T =>
        Add(typeof(TComponent), typeof(TComponent).Name, registeredName: null, config => fromConfig(config), aliases, nameof(fromConfig));

    /// <summary>
    /// Registers an application's own component type under the names it serializes with (see
    /// <see cref="ComponentNames.Of"/>): its <c>registered_name</c> "Package&gt;Name", the name, its snake_case form and
    /// the class name.
    /// </summary>
    /// <typeparam name="TComponent">The component's type, optionally marked <see cref="KerasSerializableAttribute"/>.</typeparam>
    /// <param name="fromConfig">Builds the component from its config.</param>
    /// <exception cref="InvalidOperationException">The registry is read-only.</exception>
    /// <exception cref="ArgumentException">One of the names is taken by another type.</exception>
    public void RegisterCustom<TComponent>(Func<JsonObject, TComponent> fromConfig)
        where TComponent : T
    {
        ArgumentNullException.ThrowIfNull(fromConfig);
        var names = ComponentNames.Of(typeof(TComponent));
        Add(typeof(TComponent), names.ClassName, names.RegisteredName, config => fromConfig(config), [names.Name, KerasNames.ToSnakeCase(names.Name), names.RegisteredName], nameof(fromConfig));
    }

    /// <summary>
    /// Registers a factory under a name of the application's choosing, serialized as Keras serializes custom objects:
    /// <c>registered_name</c> "<paramref name="package"/>&gt;<paramref name="name"/>". Use it for a factory declared
    /// to return the family's interface (the name then maps to the factory alone), or to give a registered type a
    /// further name with other defaults; a concrete type registered for the first time must be named as it
    /// serializes itself (<see cref="KerasSerializableAttribute"/>), so that its configs read back.
    /// </summary>
    /// <typeparam name="TComponent">The component's type, or the family's interface.</typeparam>
    /// <param name="name">The name configs use; its snake_case form resolves too.</param>
    /// <param name="fromConfig">Builds the component from its config.</param>
    /// <param name="package">The package part of the registered name; "Custom" unless given, as in Keras.</param>
    /// <exception cref="InvalidOperationException">The registry is read-only.</exception>
    /// <exception cref="ArgumentException">
    /// A name is taken, or <typeparamref name="TComponent"/> is a concrete type not yet registered whose own names differ.
    /// </exception>
    public void RegisterCustom<TComponent>(string name, Func<JsonObject, TComponent> fromConfig, string? package = ComponentNames.DefaultPackage)
        where TComponent : T
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(fromConfig);
        package ??= ComponentNames.DefaultPackage; // null: the default
        ArgumentException.ThrowIfNullOrWhiteSpace(package);
        var type = typeof(TComponent);
        var own = ComponentNames.Of(type);
        var registeredName = $"{package}>{name}";
        if (IsConcrete(type) && !byType.ContainsKey(type) && own.RegisteredName != registeredName)
        {
            throw new ArgumentException(
                $"{type.Name} serializes itself as '{own.RegisteredName}', so a config naming it could not be read back under '{registeredName}'; "
                + $"mark the class [KerasSerializable(Package = \"{package}\", Name = \"{name}\")], or register it with RegisterCustom<{type.Name}>(fromConfig).",
                nameof(name));
        }

        Add(type, name, registeredName, config => fromConfig(config), [registeredName], nameof(name));
    }

    /// <summary>Makes the registry read-only, so that what resolves can no longer change under its users.</summary>
    /// <returns>This registry.</returns>
    public ComponentRegistry<T> MakeReadOnly()
    {
        IsReadOnly = true;
        return this;
    }

    /// <summary>Tells whether a type is registered (its components then serialize as this registry names them).</summary>
    /// <param name="type">The component type.</param>
    /// <returns>Whether it is registered.</returns>
    public bool IsRegistered(Type type) => byType.ContainsKey(type);

    /// <summary>Tells whether a name resolves.</summary>
    /// <param name="name">The name.</param>
    /// <returns>Whether it is registered.</returns>
    public bool Contains(string name) => byName.ContainsKey(name);

    /// <summary>
    /// Resolves an identifier as Keras's <c>get()</c> does: null gives null; an instance is returned as it is; a
    /// string is a registered name; a JSON object is a serialized component.
    /// </summary>
    /// <param name="identifier">The identifier.</param>
    /// <param name="parameterName">The argument it came from, for messages.</param>
    /// <returns>The component, or null.</returns>
    /// <exception cref="ArgumentException">The identifier names nothing registered, or is of another kind; the message lists the known names.</exception>
    public T? Resolve(object? identifier, string parameterName) => identifier switch
    {
        null => null,
        T component => component,
        string name => Create(name, null, parameterName),
        JsonValue value when value.TryGetValue<string>(out var name) => Create(name, null, parameterName),
        JsonObject serialized => Deserialize(serialized, parameterName),
        _ => throw new ArgumentException(
            $"Could not interpret {Family} identifier: {identifier} (a {identifier.GetType().Name}); give a {typeof(T).Name}, a name or a serialized config.", parameterName),
    };

    /// <summary>Creates a registered component from its name and config.</summary>
    /// <param name="name">A class name, snake_case name or alias.</param>
    /// <param name="config">The config, or null for the defaults.</param>
    /// <param name="parameterName">The argument the name came from, for messages.</param>
    /// <returns>The component.</returns>
    /// <exception cref="ArgumentException">
    /// The name is unknown (the message lists the known names), a value in the config is refused, or the config nests
    /// deeper than 256 levels.
    /// </exception>
    public T Create(string name, JsonObject? config, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (!byName.TryGetValue(name, out var registration))
        {
            throw new ArgumentException(
                $"Unknown {Family} '{name}'. Known names: {string.Join(", ", Names)}.{ComponentNames.HintFor(name)}", parameterName);
        }

        using var nesting = ConfigNesting.Enter(config, parameterName);
        try
        {
            return registration.FromConfig(config ?? []);
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName != parameterName)
        {
            // A bad value inside the config is the caller's argument at fault; keep the kind of error.
            throw new ArgumentOutOfRangeException(parameterName, e.ActualValue, CouldNotCreate(name, config, e));
        }
        catch (ArgumentException e) when (e.ParamName != parameterName)
        {
            throw new ArgumentException(CouldNotCreate(name, config, e), parameterName, e);
        }
    }

    /// <summary>
    /// Serializes a component in Keras's envelope: <c>{"module", "class_name", "config", "registered_name"}</c>. A
    /// registered type is written as it was registered (a built-in with this registry's module); any other type as
    /// Keras writes a custom object, with module null and the <c>registered_name</c> of <see cref="ComponentNames.Of"/>,
    /// which a registry that registered the type (<see cref="RegisterCustom{TComponent}(Func{JsonObject, TComponent})"/>) reads back.
    /// </summary>
    /// <param name="component">The component.</param>
    /// <returns>The envelope.</returns>
    public JsonObject Serialize(T component)
    {
        ArgumentNullException.ThrowIfNull(component);
        var type = component.GetType();
        var (className, registeredName) = byType.TryGetValue(type, out var registration)
            ? (registration.ClassName, registration.RegisteredName)
            : (ComponentNames.Of(type).ClassName, ComponentNames.Of(type).RegisteredName);
        return new JsonObject
        {
            ["module"] = registeredName is null ? Module : null,
            ["class_name"] = className,
            ["config"] = component.GetConfig(),
            ["registered_name"] = registeredName,
        };
    }

    /// <summary>Says which component could not be made from what, and why (the inner message without .NET's parameter suffix).</summary>
    private string CouldNotCreate(string name, JsonObject? config, ArgumentException e)
    {
        var suffix = e.ParamName is null ? -1 : e.Message.IndexOf($" (Parameter '{e.ParamName}')", StringComparison.Ordinal);
        var reason = suffix >= 0 ? e.Message[..suffix] : e.Message;
        var source = config is null ? "from its name alone" : $"from the config {KerasJson.Write(config)}";

        // A constructor names its argument (kernelSize); the config's reader knows it as Keras's key (kernel_size).
        var key = e.ParamName is null or "config" ? null : KerasNames.ToSnakeCase(e.ParamName);
        var at = key is null || reason.Contains(key, StringComparison.Ordinal) ? string.Empty : $"the key \"{key}\": ";
        return $"Could not create the {Family} '{name}' {source}: {at}{reason}";
    }

    private T Deserialize(JsonObject serialized, string parameterName)
    {
        var key = serialized["registered_name"] is null ? "class_name" : "registered_name";
        var name = serialized[key] switch
        {
            null => throw new ArgumentException($"A serialized {Family} needs a \"class_name\"; got {serialized.ToJsonString()}.", parameterName),
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            var other => throw new ArgumentException($"A serialized {Family}'s \"{key}\" is {other.ToJsonString()}; expected a string such as \"Dense\".", parameterName),
        };
        return serialized["config"] switch
        {
            null => Create(name, null, parameterName),
            JsonObject config => Create(name, config, parameterName),
            var other => throw new ArgumentException($"The serialized {Family} '{name}': \"config\" is {other.ToJsonString()}; expected an object of its arguments.", parameterName),
        };
    }

    private void Add(Type type, string className, string? registeredName, Func<JsonObject, T> fromConfig, string[] aliases, string parameterName)
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException(
                $"This {Family} registry is read-only; register an application's own {Family}s when building a catalog (services.AddLayersFramework(options => ...)).");
        }

        var registration = new Registration(type, className, registeredName, fromConfig);
        string[] names = [className, KerasNames.ToSnakeCase(className), .. aliases];
        var fresh = new List<string>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (!byName.TryGetValue(name, out var existing))
            {
                fresh.Add(name);
            }
            else if (existing.Type != type || !IsConcrete(type))
            {
                throw new ArgumentException($"The {Family} name '{name}' is already taken by {existing.ClassName}; give the new one another name.", parameterName);
            }
        }

        // Names the type already has keep their registration (registering twice is harmless); new names, even
        // for a type registered before (tf-keras's "l1_l2" for L1L2 with other defaults), get this one.
        foreach (var name in fresh)
        {
            byName[name] = registration;
        }

        // A factory declared to return the interface serves its names alone; the objects it makes serialize by their own type.
        if (IsConcrete(type))
        {
            byType.TryAdd(type, registration);
        }
    }

    private static bool IsConcrete(Type type) => !type.IsAbstract && !type.IsInterface;

    private sealed record Registration(Type Type, string ClassName, string? RegisteredName, Func<JsonObject, T> FromConfig);
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Reflection;

namespace LayersFramework.Configuration;

/// <summary>The names an application's own component type is serialized under: its class name and Keras's "Package&gt;Name".</summary>
/// <param name="ClassName">The class name Keras's envelope carries: the type's name.</param>
/// <param name="Name">The short name configs may use: <see cref="KerasSerializableAttribute.Name"/>, or the type's name.</param>
/// <param name="Package">The package: <see cref="KerasSerializableAttribute.Package"/>, or "Custom".</param>
public sealed record ComponentNames(string ClassName, string Name, string Package)
{
    /// <summary>Keras's package for custom objects registered without one.</summary>
    public const string DefaultPackage = "Custom";

    /// <summary>Gets Keras's registered name, "Package&gt;Name".</summary>
    public string RegisteredName => $"{Package}>{Name}";

    /// <summary>Reads a type's names from its <see cref="KerasSerializableAttribute"/>, or gives the defaults.</summary>
    /// <param name="type">The component type.</param>
    /// <returns>The names.</returns>
    public static ComponentNames Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var attribute = type.GetCustomAttribute<KerasSerializableAttribute>();
        return new ComponentNames(type.Name, attribute?.Name ?? type.Name, attribute?.Package ?? DefaultPackage);
    }

    /// <summary>
    /// For an unknown name in Keras's "Package&gt;Name" form (an application's own component), says where such names
    /// are registered; for any other name, nothing.
    /// </summary>
    /// <param name="name">The unknown name.</param>
    /// <returns>The hint, with a leading space, or an empty string.</returns>
    public static string HintFor(string? name) =>
        name is not null && name.Contains('>', StringComparison.Ordinal)
            ? $" '{name}' is the name of an application's own component: load the config through a ComponentCatalog that registers it (services.AddLayersFramework(options => ...))."
            : string.Empty;
}

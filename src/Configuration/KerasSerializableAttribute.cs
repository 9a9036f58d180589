// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;

namespace LayersFramework.Configuration;

/// <summary>
/// The name an application's own component is serialized and registered under, as Keras's
/// <c>register_keras_serializable(package, name)</c> gives it: configs name it <c>"Package&gt;Name"</c>. Without the
/// attribute a component type's name is <c>"Custom&gt;TypeName"</c>, Keras's default package and the class name.
/// </summary>
/// <remarks>
/// The name belongs to the type, not to a registry, so that a layer's config names the component the same way
/// whichever registry serializes it, and <see cref="ComponentRegistry{T}.RegisterCustom{TComponent}(Func{System.Text.Json.Nodes.JsonObject, TComponent})"/>
/// registers it under exactly that name.
/// </remarks>
/// <example>
/// <code>
/// [KerasSerializable(Package = "MyApp", Name = "Scaled")]
/// public sealed class ScaledInitializer : IInitializer { ... }   // serialized with "registered_name": "MyApp>Scaled"
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class KerasSerializableAttribute : Attribute
{
    /// <summary>Gets or sets the package part of the registered name; "Custom" unless given, as in Keras.</summary>
    public string Package { get; set; } = ComponentNames.DefaultPackage;

    /// <summary>Gets or sets the name part; the type's name unless given.</summary>
    public string? Name { get; set; }
}

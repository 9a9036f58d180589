// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using System.Text.Json.Nodes;
using LayersFramework.Activations;
using LayersFramework.Configuration;
using LayersFramework.Constraints;
using LayersFramework.Initializers;
using LayersFramework.Regularizers;

namespace LayersFramework.Layers;

/// <summary>
/// The names an application's configs may use: one read-only registry per family (initializers, regularizers,
/// constraints, activations, layers), holding the built-ins and the application's own components. It is what Keras's
/// global custom-object registry is, without the global: an application builds one from
/// <see cref="LayersFrameworkOptions"/> (<c>services.AddLayersFramework(options => ...)</c> does it) and loads configs
/// through it; <see cref="BuiltIns"/> serves code without a container.
/// </summary>
/// <remarks>
/// A config is resolved through the catalog that loads it, all the way down: a layer's nested initializer, an ICNR's
/// nested initializer and an application's own layer's components all name components of the same catalog.
/// Constructors given a name (<c>kernelInitializer: "he_normal"</c>) resolve it among the built-ins; to pass an
/// application's own component to a constructor, pass the object (<c>catalog.GetInitializer("scaled")</c>).
/// </remarks>
/// <example>
/// <code>
/// var catalog = new ComponentCatalog(new LayersFrameworkOptions().Configure(o => o.Initializers.Add(ScaledInitializer.FromConfig)));
/// var layer = catalog.GetLayer(savedConfigJson);   // its "kernel_initializer" may name "Custom>ScaledInitializer"
/// </code>
/// </example>
public sealed class ComponentCatalog
{
    /// <summary>Initializes a new instance of the <see cref="ComponentCatalog"/> class with the built-ins and the options' own components.</summary>
    /// <param name="options">The application's components; none when null.</param>
    /// <exception cref="ArgumentException">A component's name is taken (by a built-in or another registration).</exception>
    public ComponentCatalog(LayersFrameworkOptions? options = null)
    {
        Initializers = InitializerRegistry.CreateRegistry();
        Regularizers = RegularizerRegistry.CreateRegistry();
        Constraints = ConstraintRegistry.CreateRegistry();
        Activations = ActivationRegistry.CreateRegistry();
        Layers = LayerRegistry.CreateRegistry(this);
        if (options is not null)
        {
            options.Initializers.ApplyTo(Initializers, this);
            options.Regularizers.ApplyTo(Regularizers, this);
            options.Constraints.ApplyTo(Constraints, this);
            options.Activations.ApplyTo(Activations, this);
            options.Layers.ApplyTo(Layers, this);
        }

        Initializers.MakeReadOnly();
        Regularizers.MakeReadOnly();
        Constraints.MakeReadOnly();
        Activations.MakeReadOnly();
        Layers.MakeReadOnly();
    }

    /// <summary>Gets the catalog of the built-ins alone, which constructors and the static registries use.</summary>
    public static ComponentCatalog BuiltIns { get; } = new();

    /// <summary>Gets the initializer names (read-only).</summary>
    public ComponentRegistry<IInitializer> Initializers { get; }

    /// <summary>Gets the regularizer names (read-only).</summary>
    public ComponentRegistry<IRegularizer> Regularizers { get; }

    /// <summary>Gets the constraint names (read-only).</summary>
    public ComponentRegistry<IConstraint> Constraints { get; }

    /// <summary>Gets the activation names (read-only).</summary>
    public ComponentRegistry<IActivation> Activations { get; }

    /// <summary>Gets the layer names (read-only).</summary>
    public ComponentRegistry<Layer> Layers { get; }

    /// <summary>Resolves an initializer as <see cref="InitializerRegistry.Get"/> does, among this catalog's names.</summary>
    /// <param name="identifier">null, an <see cref="IInitializer"/>, a name, or a serialized initializer.</param>
    /// <param name="parameterName">The argument it came from, named by exceptions.</param>
    /// <returns>The initializer, or null for null.</returns>
    /// <exception cref="ArgumentException">The name is unknown (the message lists the known names) or the config invalid.</exception>
    public IInitializer? GetInitializer(object? identifier, string parameterName = "identifier") =>
        Initializers.Resolve(identifier, parameterName);

    /// <summary>Resolves a regularizer as <see cref="RegularizerRegistry.Get"/> does, among this catalog's names.</summary>
    /// <param name="identifier">null, an <see cref="IRegularizer"/>, a name, or a serialized regularizer.</param>
    /// <param name="parameterName">The argument it came from, named by exceptions.</param>
    /// <returns>The regularizer, or null for null.</returns>
    /// <exception cref="ArgumentException">The name is unknown (the message lists the known names) or the config invalid.</exception>
    public IRegularizer? GetRegularizer(object? identifier, string parameterName = "identifier") =>
        RegularizerRegistry.Resolve(Regularizers, identifier, parameterName);

    /// <summary>Resolves a constraint as <see cref="ConstraintRegistry.Get"/> does, among this catalog's names.</summary>
    /// <param name="identifier">null, an <see cref="IConstraint"/>, a name, or a serialized constraint.</param>
    /// <param name="parameterName">The argument it came from, named by exceptions.</param>
    /// <returns>The constraint, or null for null.</returns>
    /// <exception cref="ArgumentException">The name is unknown (the message lists the known names) or the config invalid.</exception>
    public IConstraint? GetConstraint(object? identifier, string parameterName = "identifier") =>
        Constraints.Resolve(identifier, parameterName);

    /// <summary>Resolves an activation as <see cref="ActivationRegistry.Get"/> does, among this catalog's names.</summary>
    /// <param name="identifier">null (linear), an <see cref="IActivation"/>, a function, a name, or a serialized activation.</param>
    /// <param name="parameterName">The argument it came from, named by exceptions.</param>
    /// <returns>The activation.</returns>
    /// <exception cref="ArgumentException">The name is unknown (the message lists the known names) or the config invalid.</exception>
    public IActivation GetActivation(object? identifier, string parameterName = "identifier") =>
        ActivationRegistry.Resolve(Activations, identifier, parameterName);

    /// <summary>
    /// Creates a layer from its serialized envelope (ours or Keras 3's), the envelope's JSON text, or a class name,
    /// resolving every component it names through this catalog; builds it when the envelope has a <c>build_config</c>.
    /// </summary>
    /// <param name="identifier">The envelope, its text, or a class name.</param>
    /// <param name="parameterName">The argument it came from, named by exceptions.</param>
    /// <returns>The layer; the caller owns it.</returns>
    /// <exception cref="ArgumentException">The class or a component is unknown, or the config is invalid.</exception>
    public Layer GetLayer(object identifier, string parameterName = "identifier")
    {
        ArgumentNullException.ThrowIfNull(identifier, parameterName);
        var node = identifier is string text && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : identifier;
        var layer = Layers.Resolve(node, parameterName)!;
        if (node is JsonObject { } envelope && envelope["build_config"]?["input_shape"] is JsonArray inputShape)
        {
            try
            {
                layer.Build(inputShape.Select(size => size?.GetValue<long>()).ToArray());
            }
            catch
            {
                layer.Dispose();
                throw;
            }
        }

        return layer;
    }
}

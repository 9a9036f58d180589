// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Activations;
using LayersFramework.Configuration;
using LayersFramework.Constraints;
using LayersFramework.Initializers;
using LayersFramework.Regularizers;

namespace LayersFramework.Layers;

/// <summary>
/// Reads a layer's Keras config: the keys every layer has (name, trainable, dtype, which must be float32), and
/// components resolved through a catalog. Each layer's <c>FromConfig</c> reads its own keys with
/// <see cref="Values"/>, then calls <see cref="EnsureNoOtherKeys"/>.
/// </summary>
public sealed class LayerConfigReader
{
    private readonly string className;

    /// <summary>Initializes a new instance of the <see cref="LayerConfigReader"/> class and reads the common keys.</summary>
    /// <param name="config">The config (Keras 3's or tf-keras's).</param>
    /// <param name="className">The layer's class name, for messages.</param>
    /// <param name="catalog">Resolves components; the built-ins when null.</param>
    /// <exception cref="ArgumentException">The dtype is not float32, or a common key has the wrong type.</exception>
    public LayerConfigReader(JsonObject? config, string className, ComponentCatalog? catalog)
    {
        this.className = className;
        Catalog = catalog ?? ComponentCatalog.BuiltIns;
        Values = new ConfigReader(config, className, nameof(config));
        var dtype = Values.Node("dtype");
        var dtypeName = dtype switch
        {
            null => "float32",
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            JsonObject policy when policy["config"]?["name"] is null => "float32",
            JsonObject policy when policy["config"]?["name"] is JsonValue name && name.TryGetValue<string>(out var text) => text,
            _ => throw new ArgumentException(
                $"The config of {className} has dtype = {dtype.ToJsonString()}; expected \"float32\" or a DTypePolicy naming it.", nameof(config)),
        };
        if (dtypeName != "float32")
        {
            throw new ArgumentException($"The config of {className} has dtype '{dtypeName}'; layers here compute in float32.", nameof(config));
        }

        Name = Values.Node("name") is null ? null : Values.Text("name", string.Empty);
        Trainable = Values.Boolean("trainable", true);
    }

    /// <summary>Gets the reader of the layer's own keys.</summary>
    public ConfigReader Values { get; }

    /// <summary>Gets the catalog components resolve through.</summary>
    public ComponentCatalog Catalog { get; }

    /// <summary>Gets the layer's name, or null.</summary>
    public string? Name { get; }

    /// <summary>Gets whether the layer trains.</summary>
    public bool Trainable { get; }

    /// <summary>Reads an optional tuple key: null when absent or null.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The tuple, or null.</returns>
    public IntTuple? OptionalTuple(string key) => Values.Node(key) is null ? (IntTuple?)null : IntTuple.FromArray(Values.Ints(key, []));

    /// <summary>Resolves the activation a key names (linear when absent).</summary>
    /// <param name="key">The config key, such as "activation".</param>
    /// <param name="parameterName">The constructor argument, for messages.</param>
    /// <returns>The activation.</returns>
    public IActivation Activation(string key, string parameterName) => Catalog.GetActivation(Component(key), parameterName);

    /// <summary>Resolves the initializer a key names, or null when absent.</summary>
    /// <param name="key">The config key.</param>
    /// <param name="parameterName">The constructor argument, for messages.</param>
    /// <returns>The initializer, or null.</returns>
    public IInitializer? Initializer(string key, string parameterName) => Catalog.GetInitializer(Component(key), parameterName);

    /// <summary>Resolves the regularizer a key names, or null.</summary>
    /// <param name="key">The config key.</param>
    /// <param name="parameterName">The constructor argument, for messages.</param>
    /// <returns>The regularizer, or null.</returns>
    public IRegularizer? Regularizer(string key, string parameterName) => Catalog.GetRegularizer(Component(key), parameterName);

    /// <summary>Resolves the constraint a key names, or null.</summary>
    /// <param name="key">The config key.</param>
    /// <param name="parameterName">The constructor argument, for messages.</param>
    /// <returns>The constraint, or null.</returns>
    public IConstraint? Constraint(string key, string parameterName) => Catalog.GetConstraint(Component(key), parameterName);

    /// <summary>Refuses keys no read asked for.</summary>
    /// <exception cref="ArgumentException">A key is unexpected.</exception>
    public void EnsureNoOtherKeys() => Values.EnsureNoOtherKeys();

    /// <inheritdoc/>
    public override string ToString() => $"config of {className}";

    /// <summary>A serialized component as the registries take it: a name string as a string, an object as JSON.</summary>
    private object? Component(string key) => Values.Node(key) is JsonValue value && value.TryGetValue<string>(out var name) ? name : Values.Node(key);
}

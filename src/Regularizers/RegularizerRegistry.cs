// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;

namespace LayersFramework.Regularizers;

/// <summary>
/// Keras's <c>keras.regularizers.get</c> and <c>serialize</c>: resolves a regularizer from a name, a serialized config
/// or an instance, and writes one out in Keras's envelope.
/// </summary>
/// <remarks>
/// <para>
/// Names, as Keras 3 registers them (class name and its snake_case): "L1"/"l1" → <see cref="L1"/> (0.01),
/// "L2"/"l2" → <see cref="L2"/> (0.01), "L1L2"/"l1l2" → <see cref="L1L2"/> (0, 0),
/// "OrthogonalRegularizer"/"orthogonal_regularizer" → <see cref="OrthogonalRegularizer"/> (0.01, "rows"). A name
/// gives the class's defaults.
/// </para>
/// <para>
/// "l1_l2" is not a name, as in Keras 3: tf-keras resolved it to <c>L1L2(0.01, 0.01)</c>, but Keras 3's snake_case
/// of L1L2 is "l1l2" and its <c>get("l1_l2")</c> fails, while its L1L2 docstring still shows the tf-keras string.
/// Accepting it would silently give a different penalty from one of the two, so <see cref="Get"/> rejects it with a
/// message that says what to write instead (<c>new L1L2(0.01, 0.01)</c>). An application that needs tf-keras's
/// meaning can register a regularizer of its own under that name in its catalog
/// (<c>services.AddLayersFramework</c>), which then resolves it.
/// </para>
/// <para>
/// Serialized form (Keras 3): <c>{"module": "keras.regularizers", "class_name": "L2", "config": {"l2": 0.01},
/// "registered_name": null}</c>; the legacy <c>{"class_name": ..., "config": ...}</c> form is read too.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// IRegularizer? a = RegularizerRegistry.Get("l2");                                        // L2(0.01)
/// IRegularizer? b = RegularizerRegistry.Get(JsonNode.Parse("""{"class_name": "L1L2", "config": {"l1": 0.1, "l2": 0.2}}"""));
/// JsonObject? saved = RegularizerRegistry.Serialize(a);                                   // Keras's envelope
/// </code>
/// </example>
public static class RegularizerRegistry
{
    /// <summary>tf-keras's string for <c>L1L2(0.01, 0.01)</c>, which Keras 3 does not recognise.</summary>
    private const string TfKerasL1L2Name = "l1_l2";

    /// <summary>
    /// Gets the read-only registry of the built-in regularizers (module "keras.regularizers"), which <see cref="Get"/>
    /// and <see cref="Serialize"/> use. An application's own regularizers go into a catalog of its own
    /// (<c>services.AddLayersFramework</c>), built on <see cref="CreateRegistry"/>.
    /// </summary>
    public static ComponentRegistry<IRegularizer> BuiltIns { get; } = CreateRegistry().MakeReadOnly();

    /// <summary>
    /// Resolves a regularizer as Keras's <c>regularizers.get</c> does: null gives null; an <see cref="IRegularizer"/>
    /// is returned as it is; a string is a registered name (the class's defaults); a <see cref="JsonObject"/> is a
    /// serialized regularizer, in Keras 3's envelope or the legacy <c>{"class_name", "config"}</c> form.
    /// </summary>
    /// <param name="identifier">The identifier.</param>
    /// <param name="parameterName">The argument it came from, named by exceptions, such as "kernelRegularizer"; "identifier" unless given.</param>
    /// <returns>The regularizer, or null for null.</returns>
    /// <exception cref="ArgumentException">
    /// The name is unknown (the message lists the known names; for "l1_l2" it also says what to write instead), the
    /// identifier is of another kind, or a config has an unexpected key or a value of the wrong type.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A config holds a negative, infinite or NaN factor.</exception>
    public static IRegularizer? Get(object? identifier, string parameterName = "identifier") =>
        Resolve(BuiltIns, identifier, parameterName);

    /// <summary>Resolves a regularizer as <see cref="Get"/> does, through the given registry.</summary>
    /// <param name="registry">The registry, such as an application catalog's.</param>
    /// <param name="identifier">The identifier.</param>
    /// <param name="parameterName">The argument it came from, named by exceptions.</param>
    /// <returns>The regularizer, or null for null.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Get"/>.</exception>
    public static IRegularizer? Resolve(ComponentRegistry<IRegularizer> registry, object? identifier, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (identifier is TfKerasL1L2Name && !registry.Contains(TfKerasL1L2Name))
        {
            throw new ArgumentException(
                $"Unknown regularizer '{TfKerasL1L2Name}': Keras 3 does not recognise it (tf-keras read it as L1L2(l1=0.01, l2=0.01)). "
                + $"Write new L1L2(0.01, 0.01), or \"l1l2\" for L1L2(0, 0). Known names: {string.Join(", ", registry.Names)}.",
                parameterName);
        }

        return registry.Resolve(identifier, parameterName);
    }

    /// <summary>
    /// Writes a regularizer out as Keras's <c>regularizers.serialize</c> does:
    /// <c>{"module": "keras.regularizers", "class_name", "config", "registered_name": null}</c> for a built-in, and
    /// the class name with <c>registered_name</c> "Package&gt;Name" for an application's own (<see cref="KerasSerializableAttribute"/>).
    /// </summary>
    /// <param name="regularizer">The regularizer, or null.</param>
    /// <returns>The serialized regularizer, or null for null.</returns>
    [return: NotNullIfNotNull(nameof(regularizer))]
    public static JsonObject? Serialize(IRegularizer? regularizer) =>
        regularizer is null ? null : BuiltIns.Serialize(regularizer);

    /// <summary>Creates a new registry holding the built-ins, to extend with an application's own regularizers.</summary>
    /// <returns>The registry, writable.</returns>
    public static ComponentRegistry<IRegularizer> CreateRegistry()
    {
        var registry = new ComponentRegistry<IRegularizer>("regularizer", "keras.regularizers");
        registry.RegisterBuiltIn(L1.FromConfig);
        registry.RegisterBuiltIn(L2.FromConfig);
        registry.RegisterBuiltIn(L1L2.FromConfig);
        registry.RegisterBuiltIn(OrthogonalRegularizer.FromConfig);
        return registry;
    }
}

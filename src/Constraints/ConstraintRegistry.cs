// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;

namespace LayersFramework.Constraints;

/// <summary>
/// Keras's <c>keras.constraints.get</c> and <c>serialize</c>: resolves a constraint from a name, a serialized config
/// or an instance, and writes one out in Keras's envelope.
/// </summary>
/// <remarks>
/// <para>
/// Names: each class name and its snake_case — "MaxNorm"/"max_norm", "MinMaxNorm"/"min_max_norm",
/// "NonNeg"/"non_neg", "UnitNorm"/"unit_norm" (Keras 3 and tf-keras), "RadialConstraint"/"radial_constraint"
/// (tf-keras only) — and tf-keras's legacy aliases "maxnorm", "nonneg" and "unitnorm". A name gives the class's
/// defaults.
/// </para>
/// <para>
/// Serialized form (Keras 3): <c>{"module": "keras.constraints", "class_name": "MaxNorm", "config": {"max_value": 2,
/// "axis": 0}, "registered_name": null}</c>; the legacy <c>{"class_name": ..., "config": ...}</c> form is read too.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// IConstraint? a = ConstraintRegistry.Get("max_norm");                                        // MaxNorm(2, axis 0)
/// IConstraint? b = ConstraintRegistry.Get(JsonNode.Parse("""{"class_name": "UnitNorm", "config": {"axis": [0, 1, 2]}}"""));
/// JsonObject? saved = ConstraintRegistry.Serialize(b);                                        // Keras's envelope
/// </code>
/// </example>
public static class ConstraintRegistry
{
    /// <summary>
    /// Gets the read-only registry of the built-in constraints (module "keras.constraints"), which <see cref="Get"/>
    /// and <see cref="Serialize"/> use. An application's own constraints go into a catalog of its own
    /// (<c>services.AddLayersFramework</c>), built on <see cref="CreateRegistry"/>.
    /// </summary>
    public static ComponentRegistry<IConstraint> BuiltIns { get; } = CreateRegistry().MakeReadOnly();

    /// <summary>
    /// Resolves a constraint as Keras's <c>constraints.get</c> does: null gives null; an <see cref="IConstraint"/> is
    /// returned as it is; a string is a registered name (the class's defaults); a <see cref="JsonObject"/> is a
    /// serialized constraint, in Keras 3's envelope or the legacy <c>{"class_name", "config"}</c> form.
    /// </summary>
    /// <param name="identifier">The identifier.</param>
    /// <param name="parameterName">The argument it came from, named by exceptions, such as "kernelConstraint"; "identifier" unless given.</param>
    /// <returns>The constraint, or null for null.</returns>
    /// <exception cref="ArgumentException">The name is unknown (the message lists the known names), the identifier is of another kind, or a config has an unexpected key or a value of the wrong type.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A config holds an out-of-range bound or rate.</exception>
    public static IConstraint? Get(object? identifier, string parameterName = "identifier") =>
        BuiltIns.Resolve(identifier, parameterName);

    /// <summary>
    /// Writes a constraint out as Keras's <c>constraints.serialize</c> does:
    /// <c>{"module": "keras.constraints", "class_name", "config", "registered_name": null}</c> for a built-in, and the
    /// class name with <c>registered_name</c> "Package&gt;Name" for an application's own (<see cref="KerasSerializableAttribute"/>).
    /// </summary>
    /// <param name="constraint">The constraint, or null.</param>
    /// <returns>The serialized constraint, or null for null.</returns>
    [return: NotNullIfNotNull(nameof(constraint))]
    public static JsonObject? Serialize(IConstraint? constraint) =>
        constraint is null ? null : BuiltIns.Serialize(constraint);

    /// <summary>Creates a new registry holding the built-ins, to extend with an application's own constraints.</summary>
    /// <returns>The registry, writable.</returns>
    public static ComponentRegistry<IConstraint> CreateRegistry()
    {
        var registry = new ComponentRegistry<IConstraint>("constraint", "keras.constraints");
        registry.RegisterBuiltIn(MaxNorm.FromConfig, "maxnorm");
        registry.RegisterBuiltIn(MinMaxNorm.FromConfig);
        registry.RegisterBuiltIn(NonNeg.FromConfig, "nonneg");
        registry.RegisterBuiltIn(UnitNorm.FromConfig, "unitnorm");
        registry.RegisterBuiltIn(RadialConstraint.FromConfig);
        return registry;
    }
}

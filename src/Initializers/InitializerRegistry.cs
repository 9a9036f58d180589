// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;

namespace LayersFramework.Initializers;

/// <summary>
/// Keras's <c>keras.initializers.get</c>/<c>serialize</c>: resolves initializer names, serialized configs and
/// instances, and serializes initializers in Keras's envelope.
/// </summary>
/// <remarks>
/// <para>
/// Names, as in Keras 3: each class name and its snake_case form (GlorotUniform, glorot_uniform, HeNormal,
/// he_normal, VarianceScaling, variance_scaling, ...), plus the aliases "normal" (RandomNormal), "uniform"
/// (RandomUniform), "one" (Ones), "zero" (Zeros), "IdentityInitializer" (Identity) and "OrthogonalInitializer"
/// (Orthogonal).
/// </para>
/// <para>
/// <see cref="ICNR"/> and <see cref="BilinearUpsampling"/> are not Keras classes. They are registered as Keras
/// registers custom objects, with <c>registered_name</c> "LayersFramework&gt;ICNR" and
/// "LayersFramework&gt;BilinearUpsampling" (and module null), so Keras, reading such a config, asks for that
/// registration rather than looking in <c>keras.initializers</c>. "ICNR", "icnr", "BilinearUpsampling" and
/// "bilinear_upsampling" resolve too.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var initializer = InitializerRegistry.Get("he_normal")!;              // a HeNormal
/// var envelope = InitializerRegistry.Serialize(new GlorotUniform());
/// // {"module":"keras.initializers","class_name":"GlorotUniform","config":{"seed":null},"registered_name":null}
/// var again = InitializerRegistry.Get(envelope);                         // a GlorotUniform
/// </code>
/// </example>
public static class InitializerRegistry
{
    /// <summary>The package part of the registered names of the initializers beyond Keras.</summary>
    public const string Package = "LayersFramework";

    /// <summary>
    /// Gets the read-only registry of the built-in initializers, which <see cref="Get"/> and <see cref="Serialize"/>
    /// use. An application's own initializers go into a catalog of its own (<c>services.AddLayersFramework</c>), built
    /// on <see cref="CreateRegistry"/>.
    /// </summary>
    public static ComponentRegistry<IInitializer> BuiltIns { get; } = CreateRegistry().MakeReadOnly();

    /// <summary>
    /// Resolves an initializer as Keras's <c>keras.initializers.get</c> does: null gives null; an
    /// <see cref="IInitializer"/> is returned as it is; a string is a registered name; a
    /// <see cref="JsonObject"/> is a serialized initializer, in Keras 3's envelope or the legacy
    /// <c>{"class_name", "config"}</c> form.
    /// </summary>
    /// <param name="identifier">The identifier.</param>
    /// <param name="parameterName">The argument it came from, such as "kernelInitializer", named by exceptions.</param>
    /// <returns>The initializer, or null.</returns>
    /// <exception cref="ArgumentException">
    /// The name is unknown (the message lists the known names), the identifier is of another kind, or the config
    /// has an unexpected key or an invalid value.
    /// </exception>
    public static IInitializer? Get(object? identifier, string parameterName = "identifier") =>
        BuiltIns.Resolve(identifier, parameterName);

    /// <summary>Serializes an initializer in Keras's envelope: <c>{"module", "class_name", "config", "registered_name"}</c>.</summary>
    /// <param name="initializer">The initializer; an application's own is written with its registered name (<see cref="KerasSerializableAttribute"/>).</param>
    /// <returns>The envelope, a new object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="initializer"/> is null.</exception>
    public static JsonObject Serialize(IInitializer initializer) => BuiltIns.Serialize(initializer);

    /// <summary>
    /// Creates a new registry holding the built-ins, to extend with an application's own initializers; an initializer
    /// nested in a config (ICNR's) resolves through the new registry, so it may name the application's own too.
    /// </summary>
    /// <returns>The registry, writable.</returns>
    public static ComponentRegistry<IInitializer> CreateRegistry()
    {
        var registry = new ComponentRegistry<IInitializer>("initializer", "keras.initializers");
        registry.RegisterBuiltIn(config => Read(config, nameof(Zeros), _ => 0, _ => new Zeros()), "zero");
        registry.RegisterBuiltIn(config => Read(config, nameof(Ones), _ => 0, _ => new Ones()), "one");
        registry.RegisterBuiltIn(config => Read(config, nameof(Constant), reader => reader.Number("value", 0.0), value => new Constant(value)));
        registry.RegisterBuiltIn(
            config => Read(
                config,
                nameof(RandomUniform),
                reader => (Seed: reader.OptionalInteger("seed"), Minval: reader.Number("minval", -0.05), Maxval: reader.Number("maxval", 0.05)),
                a => new RandomUniform(a.Minval, a.Maxval, a.Seed)),
            "uniform");
        registry.RegisterBuiltIn(
            config => Read(config, nameof(RandomNormal), ReadMeanStddev, a => new RandomNormal(a.Mean, a.Stddev, a.Seed)),
            "normal");
        registry.RegisterBuiltIn(config => Read(config, nameof(TruncatedNormal), ReadMeanStddev, a => new TruncatedNormal(a.Mean, a.Stddev, a.Seed)));
        registry.RegisterBuiltIn(
            config => Read(
                config,
                nameof(VarianceScaling),
                reader => (Seed: reader.OptionalInteger("seed"), Scale: reader.Number("scale", 1.0), Mode: reader.Text("mode", "fan_in"), Distribution: reader.Text("distribution", "truncated_normal")),
                a => new VarianceScaling(a.Scale, a.Mode, a.Distribution, a.Seed)));
        registry.RegisterBuiltIn(config => Read(config, nameof(GlorotUniform), ReadSeed, seed => new GlorotUniform(seed)));
        registry.RegisterBuiltIn(config => Read(config, nameof(GlorotNormal), ReadSeed, seed => new GlorotNormal(seed)));
        registry.RegisterBuiltIn(config => Read(config, nameof(HeUniform), ReadSeed, seed => new HeUniform(seed)));
        registry.RegisterBuiltIn(config => Read(config, nameof(HeNormal), ReadSeed, seed => new HeNormal(seed)));
        registry.RegisterBuiltIn(config => Read(config, nameof(LecunUniform), ReadSeed, seed => new LecunUniform(seed)));
        registry.RegisterBuiltIn(config => Read(config, nameof(LecunNormal), ReadSeed, seed => new LecunNormal(seed)));
        registry.RegisterBuiltIn(
            config => Read(
                config,
                nameof(Orthogonal),
                reader => (Seed: reader.OptionalInteger("seed"), Gain: reader.Number("gain", 1.0)),
                a => new Orthogonal(a.Gain, a.Seed)),
            "OrthogonalInitializer");
        registry.RegisterBuiltIn(config => Read(config, nameof(Identity), reader => reader.Number("gain", 1.0), gain => new Identity(gain)), "IdentityInitializer");
        registry.RegisterCustom(config => ReadIcnr(config, registry));
        registry.RegisterCustom(config => Read(config, nameof(BilinearUpsampling), _ => 0, _ => new BilinearUpsampling()));
        return registry;
    }

    /// <summary>
    /// Reads a config in two steps: every value first, then the check for unexpected keys, and only then the
    /// constructor, so an unexpected key is reported before its neighbours' values are validated.
    /// </summary>
    private static TComponent Read<TArguments, TComponent>(
        JsonObject config, string className, Func<ConfigReader, TArguments> read, Func<TArguments, TComponent> create)
    {
        var reader = new ConfigReader(config, className);
        var arguments = read(reader);
        reader.EnsureNoOtherKeys();
        return create(arguments);
    }

    private static long? ReadSeed(ConfigReader reader) => reader.OptionalInteger("seed");

    private static (long? Seed, double Mean, double Stddev) ReadMeanStddev(ConfigReader reader) =>
        (reader.OptionalInteger("seed"), reader.Number("mean", 0.0), reader.Number("stddev", 0.05));

    private static ICNR ReadIcnr(JsonObject config, ComponentRegistry<IInitializer> registry)
    {
        var reader = new ConfigReader(config, nameof(ICNR));
        var stride = reader.Ints("stride", []);
        var initializer = reader.Node("initializer");
        reader.EnsureNoOtherKeys();
        if (stride.Length == 0)
        {
            throw new ArgumentException(
                $"The config of ICNR needs \"stride\", one stride per spatial dimension (or one for all); got {config.ToJsonString()}.", nameof(config));
        }

        // Keras writes a nested initializer as its envelope, or as a bare name such as "he_normal".
        object? identifier = initializer is JsonValue value && value.TryGetValue<string>(out var name) ? (object)name : initializer;
        return new ICNR(stride, registry.Resolve(identifier, "initializer"));
    }
}

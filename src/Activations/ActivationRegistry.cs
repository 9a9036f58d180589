// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>
/// Keras's <c>keras.activations</c> module: resolves an activation identifier (<see cref="Get"/>), writes an activation
/// in Keras's serialized form (<see cref="Serialize"/>), and registers an application's own activation functions by
/// name in a registry of its own (<see cref="RegisterFunction"/>).
/// </summary>
/// <remarks>
/// <para>Built-in names are Keras 3's function names: relu, leaky_relu, relu6, softmax, celu, elu, selu, softplus,
/// softsign, squareplus, soft_shrink, sparse_plus, silu (alias swish), gelu, glu, tanh, tanh_shrink, threshold,
/// sigmoid, sparse_sigmoid, exponential, hard_sigmoid, hard_silu (alias hard_swish), hard_tanh, hard_shrink, linear,
/// mish, log_softmax, log_sigmoid and sparsemax. The class names (<c>Relu</c>, <c>HardSilu</c>, ...) resolve too.</para>
/// <para>Serialized form. Keras writes a built-in activation as its name string ("relu"), since Keras activations are
/// plain functions without options. Here an activation can carry options (<c>new Relu(maxValue: 6)</c>), which a name
/// cannot express, so <see cref="Serialize"/> writes the name string when the activation has its default config, and
/// Keras's envelope <c>{"module": "keras.activations", "class_name": "Relu", "config": {...}, "registered_name": null}</c>
/// otherwise. A string is what Keras itself writes and reads for the defaults; the envelope is the form Keras uses for
/// configurable objects, so both read back with <see cref="Get"/>.</para>
/// </remarks>
/// <example>
/// <code>
/// IActivation relu = ActivationRegistry.Get("relu");
/// IActivation linear = ActivationRegistry.Get(null);                     // Keras: None -> linear
/// JsonNode name = ActivationRegistry.Serialize(relu);                    // "relu"
/// JsonNode envelope = ActivationRegistry.Serialize(new Relu(maxValue: 6)); // {"module": "keras.activations", "class_name": "Relu", ...}
/// IActivation back = ActivationRegistry.Get(envelope);
/// </code>
/// </example>
public static class ActivationRegistry
{
    private const string FunctionClassName = "function";
    private const string AnonymousName = "lambda";

    /// <summary>The config each built-in activation has when made from its name alone (null for those without defaults).</summary>
    private static readonly Dictionary<Type, JsonObject?> DefaultConfigs = [];

    /// <summary>
    /// Gets the read-only registry of the built-in activations, under their Keras names, class names and aliases,
    /// which <see cref="Get"/> uses. An application's own activation classes and functions go into a catalog of its own
    /// (<c>services.AddLayersFramework</c>), built on <see cref="CreateRegistry"/>.
    /// </summary>
    public static ComponentRegistry<IActivation> BuiltIns { get; } = CreateBuiltIns(DefaultConfigs).MakeReadOnly();

    /// <summary>Resolves an activation identifier as Keras's <c>keras.activations.get</c> does.</summary>
    /// <param name="identifier">
    /// null (gives <see cref="Linear"/>, as Keras maps None to linear); an <see cref="IActivation"/> (returned as it is);
    /// a <c>Func&lt;Tensor, Tensor&gt;</c> (the registered activation with that function if there is one, else wrapped in a
    /// <see cref="DelegateActivation"/> named after its method, or "lambda" for an anonymous function); a name (a
    /// Keras name such as "leaky_relu", a class name such as "LeakyRelu", an alias such as "swish", or a registered
    /// function's name); or a serialized activation as <see cref="Serialize"/> writes it: a JSON string, Keras's
    /// envelope <c>{"class_name", "config", ...}</c>, or Keras's form for functions <c>{"class_name": "function",
    /// "config": "relu", ...}</c>.
    /// </param>
    /// <param name="parameterName">The argument the identifier came from, named by exceptions (a layer passes "activation").</param>
    /// <returns>The activation.</returns>
    /// <exception cref="ArgumentException">
    /// The name is unknown (the message lists the known names), the serialized form is malformed or its config is
    /// invalid, or the identifier is of another kind; ParamName is <paramref name="parameterName"/>.
    /// </exception>
    public static IActivation Get(object? identifier, string parameterName = "identifier") => Resolve(BuiltIns, identifier, parameterName);

    /// <summary>Resolves an activation identifier as <see cref="Get"/> does, through the given registry.</summary>
    /// <param name="registry">The registry, such as an application catalog's.</param>
    /// <param name="identifier">The identifier, as for <see cref="Get"/>.</param>
    /// <param name="parameterName">The argument the identifier came from, named by exceptions.</param>
    /// <returns>The activation.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Get"/>.</exception>
    public static IActivation Resolve(ComponentRegistry<IActivation> registry, object? identifier, string parameterName) => identifier switch
    {
        _ when registry is null => throw new ArgumentNullException(nameof(registry)),
        null => new Linear(),
        IActivation activation => activation,
        Func<Tensor, Tensor> function => Wrap(function),
        string name => Create(registry, name, null, parameterName),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => Create(registry, value.GetValue<string>(), null, parameterName),
        JsonObject serialized => Deserialize(registry, serialized, parameterName),
        _ => throw new ArgumentException(
            $"Could not interpret activation identifier: {(identifier is JsonNode node ? node.ToJsonString() : identifier)} (a {identifier.GetType().Name}); give an IActivation, a Func<Tensor, Tensor>, a name such as \"relu\", or a serialized activation.",
            parameterName),
    };

    /// <summary>
    /// Serializes an activation: its Keras name as a JSON string when it is a built-in with its default config (as
    /// Keras writes activations); Keras's envelope <c>{"module", "class_name", "config", "registered_name"}</c> when it
    /// carries options or is an application's own class; Keras's custom-function form
    /// <c>{"module": null, "class_name": "function", "config": "Custom&gt;cube", "registered_name": "Custom&gt;cube"}</c>
    /// for a <see cref="DelegateActivation"/>. <see cref="Get"/> reads the built-ins back; a catalog that registered
    /// the application's own ones reads those.
    /// </summary>
    /// <param name="activation">The activation.</param>
    /// <returns>A JSON string or object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="activation"/> is null.</exception>
    /// <exception cref="ArgumentException">The activation is an anonymous function, which no name could read back.</exception>
    public static JsonNode Serialize(IActivation activation)
    {
        ArgumentNullException.ThrowIfNull(activation);
        if (activation is DelegateActivation function)
        {
            if (function.Name == AnonymousName)
            {
                throw new ArgumentException(
                    "An anonymous activation function could not be read back from a config; give it a name (new DelegateActivation(\"cube\", function)) and register that name in the catalog that loads the config (options.AddActivationFunction).",
                    nameof(activation));
            }

            return new JsonObject
            {
                ["module"] = null,
                ["class_name"] = FunctionClassName,
                ["config"] = function.RegisteredName,
                ["registered_name"] = function.RegisteredName,
            };
        }

        if (DefaultConfigs.TryGetValue(activation.GetType(), out var defaults)
            && defaults is not null
            && JsonNode.DeepEquals(defaults, activation.GetConfig()))
        {
            return JsonValue.Create(activation.Name);
        }

        return BuiltIns.Serialize(activation);
    }

    /// <summary>Wraps a function as an activation, without registering it (see <see cref="RegisterFunction"/>).</summary>
    /// <param name="name">The activation's name.</param>
    /// <param name="function">The function; it must return a new tensor.</param>
    /// <param name="package">The package part of its registered name; "Custom" by default, as in Keras.</param>
    /// <returns>The activation.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="package"/> is empty or white space.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DelegateActivation FromDelegate(string name, Func<Tensor, Tensor> function, string? package = ComponentNames.DefaultPackage) =>
        new(name, function, package);

    /// <summary>
    /// Registers a function as an activation, as Keras's <c>register_keras_serializable(package)</c> does for a custom
    /// function: the registry then resolves <paramref name="name"/> and "<paramref name="package"/>&gt;<paramref name="name"/>"
    /// to the returned activation, which serializes under that registered name.
    /// </summary>
    /// <param name="registry">The registry to extend (an application catalog's; the built-ins are read-only).</param>
    /// <param name="name">The name, such as "cube".</param>
    /// <param name="function">The function; it must return a new tensor and should be differentiable.</param>
    /// <param name="package">The package part of the registered name; "Custom" by default, as in Keras.</param>
    /// <returns>The registered activation.</returns>
    /// <exception cref="ArgumentException">A name is empty, or already taken (a built-in's, or another function's).</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">The registry is read-only.</exception>
    public static DelegateActivation RegisterFunction(this ComponentRegistry<IActivation> registry, string name, Func<Tensor, Tensor> function, string? package = ComponentNames.DefaultPackage)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var activation = new DelegateActivation(name, function, package);
        registry.RegisterCustom<IActivation>(
            name,
            config => config.Count == 0
                ? activation
                : throw new ArgumentException($"The activation function '{name}' takes no config, but got {config.ToJsonString()}.", nameof(config)),
            package);
        return activation;
    }

    /// <summary>Creates a new registry holding the built-ins, to extend with an application's own activations.</summary>
    /// <returns>The registry, writable.</returns>
    public static ComponentRegistry<IActivation> CreateRegistry() => CreateBuiltIns(defaults: null);

    private static ComponentRegistry<IActivation> CreateBuiltIns(Dictionary<Type, JsonObject?>? defaults)
    {
        var registry = new ComponentRegistry<IActivation>("activation", "keras.activations");

        // Keras 3's order (keras/src/activations/__init__.py).
        Add(Relu.FromConfig);
        Add(LeakyRelu.FromConfig);
        Add(Relu6.FromConfig);
        Add(Softmax.FromConfig);
        Add(Celu.FromConfig);
        Add(Elu.FromConfig);
        Add(Selu.FromConfig);
        Add(Softplus.FromConfig);
        Add(Softsign.FromConfig);
        Add(Squareplus.FromConfig);
        Add(SoftShrink.FromConfig);
        Add(SparsePlus.FromConfig);
        Add(Silu.FromConfig, "swish");
        Add(Gelu.FromConfig);
        Add(Glu.FromConfig);
        Add(Tanh.FromConfig);
        Add(TanhShrink.FromConfig);
        registry.RegisterBuiltIn(Threshold.FromConfig);
        defaults?.Add(typeof(Threshold), null); // threshold(x, threshold, default_value) has no defaults
        Add(Sigmoid.FromConfig);
        Add(SparseSigmoid.FromConfig);
        Add(Exponential.FromConfig);
        Add(HardSigmoid.FromConfig);
        Add(HardSilu.FromConfig, "hard_swish");
        Add(HardTanh.FromConfig);
        Add(HardShrink.FromConfig);
        Add(Linear.FromConfig);
        Add(Mish.FromConfig);
        Add(LogSoftmax.FromConfig);
        Add(LogSigmoid.FromConfig);
        Add(Sparsemax.FromConfig);
        return registry;

        void Add<TActivation>(Func<JsonObject, TActivation> fromConfig, params string[] aliases)
            where TActivation : IActivation
        {
            registry.RegisterBuiltIn(fromConfig, aliases);
            defaults?.Add(typeof(TActivation), fromConfig([]).GetConfig());
        }
    }

    private static IActivation Create(ComponentRegistry<IActivation> registry, string name, JsonObject? config, string parameterName)
    {
        if (registry.Contains(name))
        {
            return registry.Create(name, config, parameterName);
        }

        var names = registry.Names;
        var snakeCase = KerasNames.ToSnakeCase(name);
        var suggestion = names.FirstOrDefault(known => string.Equals(known, snakeCase, StringComparison.Ordinal))
            ?? names.Where(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
                .OrderBy(known => string.Equals(known, known.ToLowerInvariant(), StringComparison.Ordinal) ? 0 : 1)
                .FirstOrDefault();
        var hint = suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?";
        throw new ArgumentException($"Unknown activation '{name}'.{hint} Known names: {string.Join(", ", names)}.{ComponentNames.HintFor(name)}", parameterName);
    }

    private static IActivation Deserialize(ComponentRegistry<IActivation> registry, JsonObject serialized, string parameterName)
    {
        var className = TextOf(serialized, "class_name", parameterName);
        var registeredName = TextOf(serialized, "registered_name", parameterName);
        var config = serialized["config"];
        if (className == FunctionClassName)
        {
            // Keras's form for a function: {"class_name": "function", "config": "relu", "registered_name": "relu"}.
            var functionName = registeredName ?? TextOf(serialized, "config", parameterName) ?? throw new ArgumentException(
                $"A serialized activation function needs its name in \"config\" or \"registered_name\"; got {serialized.ToJsonString()}.", parameterName);
            return Create(registry, functionName, null, parameterName);
        }

        var name = registeredName ?? className ?? throw new ArgumentException(
            $"A serialized activation needs a \"class_name\"; got {serialized.ToJsonString()}.", parameterName);
        if (config is not null and not JsonObject)
        {
            throw new ArgumentException(
                $"The \"config\" of a serialized activation must be an object; got {serialized.ToJsonString()}.", parameterName);
        }

        return Create(registry, name, config as JsonObject, parameterName);
    }

    private static string? TextOf(JsonObject serialized, string key, string parameterName)
    {
        var node = serialized[key];
        return node switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            _ => throw new ArgumentException(
                $"The \"{key}\" of a serialized activation must be a string; got {serialized.ToJsonString()}.", parameterName),
        };
    }

    private static DelegateActivation Wrap(Func<Tensor, Tensor> function)
    {
        // Keras names a function activation by its __name__; a C# lambda's compiler-generated name is not one.
        var methodName = function.Method.Name;
        var name = methodName.Contains('<', StringComparison.Ordinal) || methodName.Contains('>', StringComparison.Ordinal) ? AnonymousName : methodName;
        return new DelegateActivation(name, function);
    }
}

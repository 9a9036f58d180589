// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using LayersFramework.Configuration;
using LayersFramework.Torch;

namespace LayersFramework.Activations;

/// <summary>
/// Keras's <c>keras.activations</c> module: resolves an activation identifier (<see cref="Get"/>), writes an activation
/// in Keras's serialized form (<see cref="Serialize"/>), and registers an application's own activation functions by
/// name (<see cref="Register"/>).
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
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, CustomFunction> CustomFunctions = new(StringComparer.Ordinal);
    private static readonly BuiltIns Known = CreateBuiltIns();

    /// <summary>
    /// Gets the registry of built-in activation classes, under their Keras names, class names and aliases; an
    /// application can add its own configurable <see cref="IActivation"/> types with
    /// <see cref="ComponentRegistry{T}.RegisterCustom"/>. Delegate-backed activations are registered with
    /// <see cref="Register"/> instead (the registry keys registrations by type, and they all share one type).
    /// </summary>
    public static ComponentRegistry<IActivation> Registry => Known.Registry;

    /// <summary>Gets every name <see cref="Get"/> resolves: the registry's and the registered functions', sorted.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (Gate)
            {
                return Registry.Names.Concat(CustomFunctions.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            }
        }
    }

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
    public static IActivation Get(object? identifier, string parameterName = "identifier") => identifier switch
    {
        null => new Linear(),
        IActivation activation => activation,
        Func<Tensor, Tensor> function => Wrap(function),
        string name => Create(name, null, parameterName),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => Create(value.GetValue<string>(), null, parameterName),
        JsonObject serialized => Deserialize(serialized, parameterName),
        _ => throw new ArgumentException(
            $"Could not interpret activation identifier: {(identifier is JsonNode node ? node.ToJsonString() : identifier)} (a {identifier.GetType().Name}); give an IActivation, a Func<Tensor, Tensor>, a name such as \"relu\", or a serialized activation.",
            parameterName),
    };

    /// <summary>
    /// Serializes an activation: its Keras name as a JSON string when it is a built-in with its default config (as
    /// Keras writes activations); Keras's envelope <c>{"module", "class_name", "config", "registered_name"}</c> when it
    /// carries options or is an application's registered class; Keras's custom-function form for a registered
    /// <see cref="DelegateActivation"/>. <see cref="Get"/> reads every form back.
    /// </summary>
    /// <param name="activation">The activation.</param>
    /// <returns>A JSON string or object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="activation"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The activation could not be read back: a <see cref="DelegateActivation"/> that is not registered under its name
    /// with that function, or an <see cref="IActivation"/> type the registry does not know.
    /// </exception>
    public static JsonNode Serialize(IActivation activation)
    {
        ArgumentNullException.ThrowIfNull(activation);
        if (activation is DelegateActivation function)
        {
            var registeredName = RegisteredNameOf(function) ?? throw new ArgumentException(
                $"The activation function '{function.Name}' is not registered, so it could not be read back; register it first with ActivationRegistry.Register(\"{function.Name}\", function).",
                nameof(activation));
            return new JsonObject
            {
                ["module"] = null,
                ["class_name"] = FunctionClassName,
                ["config"] = registeredName,
                ["registered_name"] = registeredName,
            };
        }

        if (Known.DefaultConfigs.TryGetValue(activation.GetType(), out var defaults)
            && defaults is not null
            && JsonNode.DeepEquals(defaults, activation.GetConfig()))
        {
            return JsonValue.Create(activation.Name);
        }

        try
        {
            return Registry.Serialize(activation);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(ReasonOf(e), nameof(activation), e);
        }
    }

    /// <summary>Wraps a function as an activation, without registering it (see <see cref="Register"/>).</summary>
    /// <param name="name">The activation's name.</param>
    /// <param name="function">The function; it must return a new tensor.</param>
    /// <returns>The activation.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="function"/> is null.</exception>
    public static DelegateActivation FromDelegate(string name, Func<Tensor, Tensor> function) => new(name, function);

    /// <summary>
    /// Registers a function as an activation, as Keras's <c>register_keras_serializable(package)</c> does for a custom
    /// function: <see cref="Get"/> then resolves <paramref name="name"/>, "<paramref name="package"/>&gt;<paramref name="name"/>"
    /// and the function itself to the returned activation, and <see cref="Serialize"/> writes it. Registering the same
    /// name with the same function and package again returns the first registration.
    /// </summary>
    /// <param name="name">The name, such as "cube".</param>
    /// <param name="function">The function; it must return a new tensor and should be differentiable.</param>
    /// <param name="package">The package part of the registered name; "Custom" by default, as in Keras.</param>
    /// <returns>The registered activation.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="name"/> or <paramref name="package"/> is empty, <paramref name="name"/> is a built-in name, or it is
    /// already registered with another function.
    /// </exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DelegateActivation Register(string name, Func<Tensor, Tensor> function, string package = "Custom")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentException.ThrowIfNullOrWhiteSpace(package);
        var registeredName = $"{package}>{name}";
        foreach (var key in new[] { name, registeredName })
        {
            if (Registry.Contains(key))
            {
                throw new ArgumentException($"'{key}' is already the name of the activation class {Registry.Create(key, null, nameof(name)).GetType().Name}; give the function another name.", nameof(name));
            }
        }

        lock (Gate)
        {
            if (CustomFunctions.TryGetValue(name, out var existing) || CustomFunctions.TryGetValue(registeredName, out existing))
            {
                if (existing.Activation.Name == name && existing.RegisteredName == registeredName && existing.Activation.Function.Equals(function))
                {
                    return existing.Activation;
                }

                throw new ArgumentException(
                    $"An activation function is already registered as '{existing.Activation.Name}' ('{existing.RegisteredName}'); give '{name}' another name.", nameof(name));
            }

            var entry = new CustomFunction(new DelegateActivation(name, function), registeredName);
            CustomFunctions[name] = entry;
            CustomFunctions[registeredName] = entry;
            return entry.Activation;
        }
    }

    private static BuiltIns CreateBuiltIns()
    {
        var registry = new ComponentRegistry<IActivation>("activation", "keras.activations");
        var defaults = new Dictionary<Type, JsonObject?>();

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
        defaults[typeof(Threshold)] = null; // threshold(x, threshold, default_value) has no defaults
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
        return new BuiltIns(registry, defaults);

        void Add<TActivation>(Func<JsonObject, TActivation> fromConfig, params string[] aliases)
            where TActivation : IActivation
        {
            registry.RegisterBuiltIn(fromConfig, aliases);
            defaults[typeof(TActivation)] = fromConfig([]).GetConfig();
        }
    }

    private static IActivation Create(string name, JsonObject? config, string parameterName)
    {
        if (Registry.Contains(name))
        {
            return Registry.Create(name, config, parameterName);
        }

        lock (Gate)
        {
            if (CustomFunctions.TryGetValue(name, out var entry))
            {
                return config is null || config.Count == 0
                    ? entry.Activation
                    : throw new ArgumentException(
                        $"The activation function '{name}' takes no config, but got {config.ToJsonString()}.", parameterName);
            }
        }

        var names = Names;
        var snakeCase = KerasNames.ToSnakeCase(name);
        var suggestion = names.FirstOrDefault(known => string.Equals(known, snakeCase, StringComparison.Ordinal))
            ?? names.Where(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
                .OrderBy(known => string.Equals(known, known.ToLowerInvariant(), StringComparison.Ordinal) ? 0 : 1)
                .FirstOrDefault();
        var hint = suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?";
        throw new ArgumentException($"Unknown activation '{name}'.{hint} Known names: {string.Join(", ", names)}.", parameterName);
    }

    private static IActivation Deserialize(JsonObject serialized, string parameterName)
    {
        var className = TextOf(serialized, "class_name", parameterName);
        var registeredName = TextOf(serialized, "registered_name", parameterName);
        var config = serialized["config"];
        if (className == FunctionClassName)
        {
            // Keras's form for a function: {"class_name": "function", "config": "relu", "registered_name": "relu"}.
            var functionName = registeredName ?? TextOf(serialized, "config", parameterName) ?? throw new ArgumentException(
                $"A serialized activation function needs its name in \"config\" or \"registered_name\"; got {serialized.ToJsonString()}.", parameterName);
            return Create(functionName, null, parameterName);
        }

        var name = registeredName ?? className ?? throw new ArgumentException(
            $"A serialized activation needs a \"class_name\"; got {serialized.ToJsonString()}.", parameterName);
        if (config is not null and not JsonObject)
        {
            throw new ArgumentException(
                $"The \"config\" of a serialized activation must be an object; got {serialized.ToJsonString()}.", parameterName);
        }

        return Create(name, config as JsonObject, parameterName);
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
        lock (Gate)
        {
            var registered = CustomFunctions.Values.FirstOrDefault(entry => entry.Activation.Function.Equals(function));
            if (registered is not null)
            {
                return registered.Activation;
            }
        }

        // Keras names a function activation by its __name__; a C# lambda's compiler-generated name is not one.
        var methodName = function.Method.Name;
        var name = methodName.Contains('<', StringComparison.Ordinal) || methodName.Contains('>', StringComparison.Ordinal) ? "lambda" : methodName;
        return new DelegateActivation(name, function);
    }

    private static string? RegisteredNameOf(DelegateActivation activation)
    {
        lock (Gate)
        {
            return CustomFunctions.TryGetValue(activation.Name, out var entry) && entry.Activation.Function.Equals(activation.Function)
                ? entry.RegisteredName
                : null;
        }
    }

    private static string ReasonOf(ArgumentException exception)
    {
        var message = exception.Message;
        if (exception.ParamName is null)
        {
            return message;
        }

        var suffix = $" (Parameter '{exception.ParamName}')";
        var index = message.IndexOf(suffix, StringComparison.Ordinal);
        return index < 0 ? message : message.Remove(index, suffix.Length);
    }

    private sealed record BuiltIns(ComponentRegistry<IActivation> Registry, Dictionary<Type, JsonObject?> DefaultConfigs);

    private sealed record CustomFunction(DelegateActivation Activation, string RegisteredName);
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LayersFramework.Configuration;

/// <summary>
/// Reads a Keras config with defaults and checks that it has no keys the component does not take (Keras refuses
/// unexpected arguments). Errors name the component, the key and the value.
/// </summary>
public sealed class ConfigReader
{
    private readonly JsonObject config;
    private readonly string className;
    private readonly HashSet<string> read = new(StringComparer.Ordinal);
    private readonly string parameterName;

    /// <summary>Creates a reader.</summary>
    /// <param name="config">The config, or null for an empty one.</param>
    /// <param name="className">The component's class name, for messages.</param>
    /// <param name="parameterName">The argument the config came from, named by exceptions.</param>
    public ConfigReader(JsonObject? config, string className, string parameterName = "config")
    {
        this.config = config ?? [];
        this.className = className;
        this.parameterName = parameterName;
    }

    /// <summary>Reads a number; <paramref name="defaultValue"/> when absent.</summary>
    /// <param name="key">The snake_case key.</param>
    /// <param name="defaultValue">The value when the key is absent.</param>
    /// <returns>The value.</returns>
    public double Number(string key, double defaultValue) => Get(key, As<double>, defaultValue, "a number");

    /// <summary>Reads a whole number; <paramref name="defaultValue"/> when absent.</summary>
    /// <param name="key">The snake_case key.</param>
    /// <param name="defaultValue">The value when the key is absent.</param>
    /// <returns>The value.</returns>
    public long WholeNumber(string key, long defaultValue) => Get(key, As<long>, defaultValue, "an integer");

    /// <summary>Reads true or false; <paramref name="defaultValue"/> when absent.</summary>
    /// <param name="key">The snake_case key.</param>
    /// <param name="defaultValue">The value when the key is absent.</param>
    /// <returns>The value.</returns>
    public bool Boolean(string key, bool defaultValue) => Get(key, As<bool>, defaultValue, "true or false");

    /// <summary>Reads an optional number; null when absent or null.</summary>
    /// <param name="key">The snake_case key.</param>
    /// <returns>The value, or null.</returns>
    public double? OptionalNumber(string key) => Get<double?>(key, node => As<double>(node), null, "a number or null");

    /// <summary>Reads an optional integer (a seed); null when absent or null.</summary>
    /// <param name="key">The snake_case key.</param>
    /// <returns>The value, or null.</returns>
    public long? OptionalInteger(string key) => Get<long?>(key, node => As<long>(node), null, "an integer or null");

    /// <summary>Reads a 32-bit integer (a count, an axis); <paramref name="defaultValue"/> when absent. A value out of range is refused, never wrapped.</summary>
    /// <param name="key">The snake_case key.</param>
    /// <param name="defaultValue">The value when the key is absent.</param>
    /// <returns>The value.</returns>
    public int SmallWholeNumber(string key, int defaultValue) => Get(key, As<int>, defaultValue, "an integer from -2147483648 to 2147483647");

    /// <summary>Reads a list of 64-bit integers; null when absent or null.</summary>
    /// <param name="key">The snake_case key.</param>
    /// <returns>The values, or null.</returns>
    public long[]? OptionalWholeNumbers(string key) => Get<long[]?>(
        key,
        node => node is JsonArray array ? array.Select(item => As<long>(item ?? throw new FormatException("null in a list of integers"))).ToArray() : throw new FormatException("not a list"),
        null,
        "a list of integers or null");

    /// <summary>Reads a string; <paramref name="defaultValue"/> when absent.</summary>
    /// <param name="key">The snake_case key.</param>
    /// <param name="defaultValue">The value when the key is absent.</param>
    /// <returns>The value.</returns>
    public string Text(string key, string defaultValue) => Get(key, As<string>, defaultValue, "a string")!;

    /// <summary>Reads an integer or a list of integers as an array; <paramref name="defaultValue"/> when absent.</summary>
    /// <param name="key">The snake_case key.</param>
    /// <param name="defaultValue">The value when the key is absent.</param>
    /// <returns>The values.</returns>
    public int[] Ints(string key, int[] defaultValue) => Get(
        key,
        node => node is JsonArray array ? array.Select(item => As<int>(item ?? throw new FormatException("null in a list of integers"))).ToArray() : [As<int>(node)],
        defaultValue,
        "an integer or a list of integers");

    /// <summary>Reads a nested node (a serialized component) as it is; null when absent or null.</summary>
    /// <param name="key">The snake_case key.</param>
    /// <returns>A copy of the node, or null.</returns>
    public JsonNode? Node(string key)
    {
        read.Add(key);
        return config.TryGetPropertyValue(key, out var node) ? node?.DeepClone() : null;
    }

    /// <summary>
    /// Reads a nested node without copying it, for a caller that only reads it: a model's list of layers, whose copy
    /// at every level of nesting made deep configs cost the cube of their depth.
    /// </summary>
    /// <param name="key">The snake_case key.</param>
    /// <returns>The node itself (do not change it), or null.</returns>
    public JsonNode? NodeToRead(string key)
    {
        read.Add(key);
        return config.TryGetPropertyValue(key, out var node) ? node : null;
    }

    /// <summary>Throws if the config has keys that were not read.</summary>
    /// <exception cref="ArgumentException">An unexpected key, naming it and the keys the component takes.</exception>
    public void EnsureNoOtherKeys()
    {
        var unexpected = config.Select(pair => pair.Key).Where(key => !read.Contains(key)).ToList();
        if (unexpected.Count > 0)
        {
            throw new ArgumentException(
                $"The config of {className} has unexpected key(s) {string.Join(", ", unexpected.Select(k => $"'{k}'"))}; it takes {(read.Count == 0 ? "no keys" : string.Join(", ", read.Select(k => $"'{k}'")))}.",
                parameterName);
        }
    }

    /// <summary>A value as <typeparamref name="TValue"/>: directly when the node holds one (a config built in code may hold
    /// NaN or an int), otherwise through JSON, so 2 reads as 2.0 and "NaN" as NaN.</summary>
    private static TValue As<TValue>(JsonNode node) =>
        node is JsonValue value && value.TryGetValue<TValue>(out var direct) ? direct : node.Deserialize<TValue>(KerasJson.ReaderOptions)!;

    private TValue Get<TValue>(string key, Func<JsonNode, TValue> convert, TValue defaultValue, string expected)
    {
        read.Add(key);
        if (!config.TryGetPropertyValue(key, out var node) || node is null)
        {
            return defaultValue;
        }

        try
        {
            return convert(node);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The config of {className} has {key} = {node.ToJsonString()}; expected {expected}."), parameterName, e);
        }
    }
}

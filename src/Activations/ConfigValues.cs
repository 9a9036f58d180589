// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;

namespace LayersFramework.Activations;

/// <summary>
/// Config values <see cref="ConfigReader"/> has no reader for: booleans, integers, optional and required numbers, and
/// numbers held as .NET integers.
/// Built on <see cref="ConfigReader.Node"/>, so unexpected-key checks still see the keys; messages follow
/// ConfigReader's ("The config of X has key = value; expected ...").
/// </summary>
internal static class ConfigValues
{
    /// <summary>
    /// Reads a number; <paramref name="defaultValue"/> when absent or null. Unlike <see cref="ConfigReader.Number"/> it
    /// also takes integers put in a <see cref="JsonObject"/> by code (<c>["alpha"] = 2</c>), not only parsed JSON.
    /// </summary>
    public static double Number(ConfigReader reader, string className, string key, double defaultValue)
    {
        var node = reader.Node(key);
        return node is null ? defaultValue : ToNumber(node, className, key, "a number");
    }

    /// <summary>Reads a number that may be null (Keras's None); null when absent.</summary>
    public static double? OptionalNumber(ConfigReader reader, string className, string key)
    {
        var node = reader.Node(key);
        return node is null ? null : ToNumber(node, className, key, "a number or null");
    }

    /// <summary>Reads a number the component cannot do without.</summary>
    /// <exception cref="ArgumentException">The key is absent or null, or not a number.</exception>
    public static double RequiredNumber(ConfigReader reader, string className, string key, string parameterName = "config")
    {
        var node = reader.Node(key) ?? throw new ArgumentException(
            $"The config of {className} has no {key}; {className} takes {key} as a required argument (it has no default in Keras either).",
            parameterName);
        return ToNumber(node, className, key, "a number");
    }

    /// <summary>Reads a boolean; <paramref name="defaultValue"/> when absent or null.</summary>
    public static bool Boolean(ConfigReader reader, string className, string key, bool defaultValue)
    {
        var node = reader.Node(key);
        return node is null ? defaultValue : node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(className, key, node, "true or false"),
        };
    }

    /// <summary>Reads an integer; <paramref name="defaultValue"/> when absent or null.</summary>
    public static int Integer(ConfigReader reader, string className, string key, int defaultValue)
    {
        var node = reader.Node(key);
        if (node is null)
        {
            return defaultValue;
        }

        var value = ToNumber(node, className, key, "an integer");
        return value == Math.Floor(value) && value >= int.MinValue && value <= int.MaxValue
            ? (int)value
            : throw Invalid(className, key, node, "an integer");
    }

    private static double ToNumber(JsonNode node, string className, string key, string expected) =>
        node.GetValueKind() == JsonValueKind.Number
            && double.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid(className, key, node, expected);

    private static ArgumentException Invalid(string className, string key, JsonNode node, string expected, string parameterName = "config") =>
        new($"The config of {className} has {key} = {node.ToJsonString()}; expected {expected}.", parameterName);
}

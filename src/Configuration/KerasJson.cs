// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LayersFramework.Configuration;

/// <summary>
/// Writes configs as Keras writes them: characters such as '&gt;' in "Custom&gt;Name" stay as they are. NaN and
/// Infinity are written as the strings "NaN" and "Infinity" (System.Text.Json's named literals; Python writes
/// them bare) and read back in either form.
/// </summary>
public static class KerasJson
{
    // A config built in code may hold NaN or Infinity (to be refused by the component, with this text in the message).
    private static readonly JsonSerializerOptions Compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly JsonSerializerOptions Indented = new(Compact) { WriteIndented = true };

    /// <summary>Gets the options configs are read with: numbers may be written as strings ("NaN", "2") as well.</summary>
    internal static JsonSerializerOptions ReaderOptions { get; } = new(Compact) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.AllowReadingFromString };

    /// <summary>Writes a config or envelope as JSON text.</summary>
    /// <param name="node">The JSON.</param>
    /// <param name="indented">Whether to indent, for files people read.</param>
    /// <returns>The text; null becomes "null".</returns>
    public static string Write(JsonNode? node, bool indented = false) =>
        node?.ToJsonString(indented ? Indented : Compact) ?? "null";
}

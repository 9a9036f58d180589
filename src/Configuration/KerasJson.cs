// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LayersFramework.Configuration;

/// <summary>Writes configs as Keras writes them: characters such as '&gt;' in "Custom&gt;Name" stay as they are.</summary>
public static class KerasJson
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    /// <summary>Writes a config or envelope as JSON text.</summary>
    /// <param name="node">The JSON.</param>
    /// <param name="indented">Whether to indent, for files people read.</param>
    /// <returns>The text; null becomes "null".</returns>
    public static string Write(JsonNode? node, bool indented = false) =>
        node?.ToJsonString(indented ? Indented : Compact) ?? "null";
}

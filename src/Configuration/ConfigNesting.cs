// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace LayersFramework.Configuration;

/// <summary>
/// Bounds how deep a config may nest. Reading a config recurses once per nested component, so a config built in code
/// 10,000 levels deep would overflow the stack, which no handler can catch. The outermost read on a thread measures
/// the whole tree (without recursing) and refuses it before anything is built; the reads it starts are not measured again.
/// </summary>
internal static class ConfigNesting
{
    /// <summary>
    /// The deepest a config may nest, in JSON objects and arrays. A Sequential inside a Sequential takes four levels,
    /// so this allows 64 nested models; System.Text.Json refuses text deeper than 64 levels unless told otherwise.
    /// </summary>
    public const int MaxDepth = 256;

    [ThreadStatic]
    private static int reading;

    /// <summary>Starts reading a config: the outermost read on this thread checks its depth first.</summary>
    /// <param name="config">The config about to be read.</param>
    /// <param name="parameterName">The argument it came from, for the message.</param>
    /// <returns>Ends the read when disposed.</returns>
    /// <exception cref="ArgumentException">The config nests deeper than <see cref="MaxDepth"/>; the message names the key.</exception>
    public static Reading Enter(JsonObject? config, string parameterName)
    {
        if (reading == 0 && config is not null)
        {
            Check(config, parameterName);
        }

        reading++;
        return default;
    }

    private static void Check(JsonObject config, string parameterName)
    {
        var pending = new Stack<(JsonNode Node, int Depth, string Key)>();
        pending.Push((config, 1, "config"));
        while (pending.TryPop(out var item))
        {
            if (item.Depth > MaxDepth)
            {
                throw new ArgumentException(
                    $"The config nests deeper than {MaxDepth} levels (JSON objects and arrays) at the key \"{item.Key}\"; "
                    + $"a config that deep is refused before anything is built.", parameterName);
            }

            switch (item.Node)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj)
                    {
                        if (child is JsonObject or JsonArray)
                        {
                            pending.Push((child, item.Depth + 1, key));
                        }
                    }

                    break;
                case JsonArray array:
                    for (var index = 0; index < array.Count; index++)
                    {
                        if (array[index] is JsonObject or JsonArray)
                        {
                            pending.Push((array[index]!, item.Depth + 1, $"{item.Key}[{index}]"));
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>One read in progress on this thread.</summary>
    public readonly struct Reading : IDisposable
    {
        /// <inheritdoc/>
        public void Dispose() => reading--;
    }
}

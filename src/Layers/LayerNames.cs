// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Collections.Generic;
using System.Globalization;
using System.Threading;

namespace LayersFramework.Layers;

/// <summary>Keras's unique default layer names: the snake_case class name, then _1, _2, ... for later layers of the same kind.</summary>
internal static class LayerNames
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, int> Counts = [];

    /// <summary>The next unique name for a base name: "conv2d_transpose", "conv2d_transpose_1", ...</summary>
    public static string Next(string baseName)
    {
        lock (Gate)
        {
            Counts.TryGetValue(baseName, out var count);
            Counts[baseName] = count + 1;
            return count == 0 ? baseName : string.Create(CultureInfo.InvariantCulture, $"{baseName}_{count}");
        }
    }
}

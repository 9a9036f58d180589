// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LayersFramework.Engine;

/// <summary>Formats shapes and tuples for people, as Python prints them: <c>(2, 3)</c>, <c>(5,)</c>, <c>()</c>.</summary>
public static class Tuples
{
    /// <summary>Formats a sequence of integers as a tuple.</summary>
    /// <param name="values">The values, for example a shape.</param>
    /// <returns>The text, such as <c>(2, 3)</c>.</returns>
    public static string Format(IEnumerable<long> values)
    {
        var items = values.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToList();
        return items.Count == 1 ? $"({items[0]},)" : $"({string.Join(", ", items)})";
    }

    /// <inheritdoc cref="Format(IEnumerable{long})"/>
    public static string Format(IEnumerable<int> values) => Format(values.Select(v => (long)v));
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.RegularExpressions;

namespace LayersFramework.Configuration;

/// <summary>Keras's naming rules.</summary>
public static partial class KerasNames
{
    /// <summary>
    /// Keras's <c>to_snake_case</c> (keras/src/utils/naming.py): drop non-word characters, put an underscore before
    /// each capitalised word and between a lower-case letter and a capital, then lower-case. So GlorotUniform →
    /// glorot_uniform, MinMaxNorm → min_max_norm, L1L2 → l1l2, ICNR → icnr.
    /// </summary>
    /// <param name="name">A class name.</param>
    /// <returns>The snake_case name.</returns>
    public static string ToSnakeCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var result = NonWord().Replace(name, string.Empty);
        result = CapitalisedWord().Replace(result, "$1_$2");
        result = LowerThenUpper().Replace(result, "$1_$2");
        return result.ToLowerInvariant();
    }

    [GeneratedRegex(@"\W+")]
    private static partial Regex NonWord();

    [GeneratedRegex("(.)([A-Z][a-z]+)")]
    private static partial Regex CapitalisedWord();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex LowerThenUpper();
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;

namespace LayersFramework.NativeCompat;

/// <summary>What <see cref="LibstdcxxCompat.Apply"/> did to a library.</summary>
public enum CompatOutcome
{
    /// <summary>The library does not need the version: nothing to do.</summary>
    NotNeeded,

    /// <summary>The need was weak already (an earlier run): nothing written.</summary>
    AlreadyWeak,

    /// <summary>The need was marked weak.</summary>
    MarkedWeak,
}

/// <summary>
/// Lets a library built with GCC 13 load against GCC 12's libstdc++ (Debian 12) when the only thing it needs from
/// GCC 13 is the <c>GLIBCXX_3.4.32</c> version tag of <c>std::ios_base_library_init()</c>.
/// </summary>
/// <remarks>
/// GCC 13's <c>&lt;iostream&gt;</c> names that function with a bare <c>.globl</c> so that linking pulls in a libstdc++
/// new enough to initialise the standard streams itself; nothing calls it, so no relocation refers to it and the
/// dynamic loader never looks it up. What stops the load is only the version check, and a need flagged
/// <c>VER_FLG_WEAK</c> lets the loader go on when that version is missing. The change is refused when any other
/// symbol uses that version, or when that symbol is relocated, because then the version would really be needed.
/// </remarks>
public static class LibstdcxxCompat
{
    /// <summary>The version Debian 12's libstdc++ (3.4.30) lacks.</summary>
    public const string MissingVersion = "GLIBCXX_3.4.32";

    /// <summary>The library the version is needed from.</summary>
    public const string LibraryName = "libstdc++.so.6";

    /// <summary>The symbols that may carry the version without being used: <c>std::ios_base_library_init()</c>.</summary>
    public static readonly IReadOnlySet<string> UnusedSymbols = new HashSet<string>(StringComparer.Ordinal) { "_ZSt21ios_base_library_initv" };

    /// <summary>Marks the library's need of <see cref="MissingVersion"/> weak, in <paramref name="image"/>'s bytes.</summary>
    /// <param name="image">The library.</param>
    /// <returns>What was done.</returns>
    /// <exception cref="InvalidOperationException">A symbol the library really uses carries the version; nothing is changed.</exception>
    /// <exception cref="FormatException">The library's version tables are corrupt; nothing is changed.</exception>
    public static CompatOutcome Apply(ElfImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var need = image.VersionNeeds.FirstOrDefault(n => n.File == LibraryName && n.Version == MissingVersion);
        if (need is null)
        {
            return CompatOutcome.NotNeeded;
        }

        if (need.IsWeak)
        {
            return CompatOutcome.AlreadyWeak;
        }

        var reasons = image.SymbolsOfVersion(need.Index)
            .Select(symbol => !UnusedSymbols.Contains(symbol) ? $"{symbol} (which the library uses)"
                : image.IsRelocated(symbol) ? $"{symbol} (a relocation refers to it, so the loader looks it up)"
                : null)
            .OfType<string>()
            .ToList();
        if (reasons.Count > 0)
        {
            throw new InvalidOperationException(
                $"{MissingVersion} is needed for {string.Join(", ", reasons)}; marking that need weak would fail at run time. " +
                $"Use a system whose {LibraryName} provides {MissingVersion} (GCC 13 or later).");
        }

        image.MarkWeak(need);
        return CompatOutcome.MarkedWeak;
    }
}

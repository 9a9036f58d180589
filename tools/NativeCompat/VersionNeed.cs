// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.NativeCompat;

/// <summary>One version a library needs from another (a <c>Vernaux</c> entry of <c>.gnu.version_r</c>).</summary>
/// <param name="File">The library it is needed from, such as <c>libstdc++.so.6</c>.</param>
/// <param name="Version">The version name, such as <c>GLIBCXX_3.4.32</c>.</param>
/// <param name="Flags">The entry's <c>vna_flags</c>.</param>
/// <param name="Index">The version index symbols use to name it (<c>vna_other</c>).</param>
/// <param name="EntryOffset">Where the entry starts in the file.</param>
public sealed record VersionNeed(string File, string Version, int Flags, int Index, int EntryOffset)
{
    /// <summary><c>VER_FLG_WEAK</c>: the loader warns instead of failing when the version is missing.</summary>
    public const int WeakFlag = 0x2;

    /// <summary>Gets a value indicating whether the need is weak.</summary>
    public bool IsWeak => (Flags & WeakFlag) != 0;
}

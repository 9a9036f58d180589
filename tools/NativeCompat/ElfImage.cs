// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace LayersFramework.NativeCompat;

/// <summary>
/// The parts of a 64-bit little-endian ELF shared library that symbol versioning uses: its version needs
/// (<c>.gnu.version_r</c>), version definitions (<c>.gnu.version_d</c>) and the version index of each dynamic symbol
/// (<c>.gnu.version</c>). Layouts are the System V gABI's and the LSB's "Symbol Versioning" chapter.
/// </summary>
/// <remarks>
/// Every offset read from the file is checked before use: a truncated or corrupt file raises a
/// <see cref="FormatException"/> that says what is wrong, never another exception and never a write.
/// </remarks>
public sealed class ElfImage
{
    private const uint StringTableType = 3;            // SHT_STRTAB
    private const uint RelocationsWithAddendType = 4;  // SHT_RELA
    private const uint NoBitsType = 8;                 // SHT_NOBITS: occupies no file space
    private const uint RelocationsType = 9;            // SHT_REL
    private const uint SymbolTableType = 11;           // SHT_DYNSYM
    private const uint VersionDefinitionsType = 0x6ffffffd; // SHT_GNU_verdef
    private const uint VersionNeedsType = 0x6ffffffe;  // SHT_GNU_verneed
    private const uint SymbolVersionsType = 0x6fffffff; // SHT_GNU_versym

    private const int SymbolSize = 24;          // Elf64_Sym
    private const int VersionEntrySize = 16;    // Elf64_Verneed and Elf64_Vernaux
    private const int DefinitionEntrySize = 20; // Elf64_Verdef
    private const int DefinitionNameSize = 8;   // Elf64_Verdaux

    private readonly byte[] bytes;
    private readonly List<Section> sections = [];

    /// <summary>Initializes a new instance of the <see cref="ElfImage"/> class over a file's bytes (not copied).</summary>
    /// <param name="bytes">The whole file.</param>
    /// <exception cref="FormatException">The bytes are not a 64-bit little-endian ELF file with well-formed section headers.</exception>
    public ElfImage(byte[] bytes)
    {
        this.bytes = bytes ?? throw new ArgumentNullException(nameof(bytes));
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
        {
            throw new FormatException($"not an ELF file (no \\x7fELF magic in its {bytes.Length} bytes)");
        }

        if (bytes[4] != 2 || bytes[5] != 1)
        {
            throw new FormatException($"only 64-bit little-endian ELF files are handled (class {bytes[4]}, data {bytes[5]})");
        }

        var headerOffset = ReadU64(0x28);
        var headerSize = ReadU16(0x3a);
        var count = ReadU16(0x3c);
        if (count > 0 && (headerSize < 64 || !Fits(headerOffset, (ulong)headerSize * count)))
        {
            throw new FormatException($"section headers ({count} of {headerSize} bytes at {headerOffset}) run past the end of the file ({bytes.Length} bytes)");
        }

        for (var i = 0; i < count; i++)
        {
            var at = (int)headerOffset + (i * headerSize);
            var section = new Section(i, ReadU32(at + 4), ReadU64(at + 24), ReadU64(at + 32), ReadU32(at + 40), ReadU32(at + 44));
            if (section.Type != NoBitsType && !Fits(section.Offset, section.Size))
            {
                throw new FormatException($"section {i} ({section.Size} bytes at {section.Offset}) runs past the end of the file ({bytes.Length} bytes)");
            }

            sections.Add(section);
        }
    }

    /// <summary>Gets the version names this library defines (a libstdc++ defines <c>GLIBCXX_3.4</c> and later).</summary>
    /// <exception cref="FormatException">The version definitions are corrupt.</exception>
    public IReadOnlyList<string> DefinedVersions
    {
        get
        {
            var names = new List<string>();
            foreach (var section in sections.FindAll(s => s.Type == VersionDefinitionsType && s.Info > 0))
            {
                var at = EntryAt(section, 0, DefinitionEntrySize, "a version definition");
                for (var i = 0; i < section.Info; i++)
                {
                    var auxiliary = EntryAt(section, (ulong)(at - (int)section.Offset) + ReadU32(at + 12), DefinitionNameSize, "a version definition's name");
                    names.Add(ReadString(section.Link, ReadU32(auxiliary)));
                    var next = ReadU32(at + 16);
                    if (next == 0)
                    {
                        break;
                    }

                    at = EntryAt(section, (ulong)(at - (int)section.Offset) + next, DefinitionEntrySize, "a version definition");
                }
            }

            return names;
        }
    }

    /// <summary>Gets the versions this library needs from others: one entry per (file, version) pair, with its place in the file.</summary>
    /// <exception cref="FormatException">The version needs are corrupt.</exception>
    public IReadOnlyList<VersionNeed> VersionNeeds
    {
        get
        {
            var needs = new List<VersionNeed>();
            foreach (var section in sections.FindAll(s => s.Type == VersionNeedsType && s.Info > 0))
            {
                var at = EntryAt(section, 0, VersionEntrySize, "a version need");
                for (var i = 0; i < section.Info; i++)
                {
                    var file = ReadString(section.Link, ReadU32(at + 4));
                    var auxiliary = EntryAt(section, (ulong)(at - (int)section.Offset) + ReadU32(at + 8), VersionEntrySize, "a needed version");
                    for (var j = 0; j < ReadU16(at + 2); j++)
                    {
                        needs.Add(new VersionNeed(file, ReadString(section.Link, ReadU32(auxiliary + 8)), ReadU16(auxiliary + 4), ReadU16(auxiliary + 6), auxiliary));
                        var nextAuxiliary = ReadU32(auxiliary + 12);
                        if (nextAuxiliary == 0)
                        {
                            break;
                        }

                        auxiliary = EntryAt(section, (ulong)(auxiliary - (int)section.Offset) + nextAuxiliary, VersionEntrySize, "a needed version");
                    }

                    var next = ReadU32(at + 12);
                    if (next == 0)
                    {
                        break;
                    }

                    at = EntryAt(section, (ulong)(at - (int)section.Offset) + next, VersionEntrySize, "a version need");
                }
            }

            return needs;
        }
    }

    /// <summary>Returns the names of the dynamic symbols bound to a version index (a <see cref="VersionNeed.Index"/>).</summary>
    /// <param name="versionIndex">The index, as <c>vna_other</c> holds it.</param>
    /// <returns>The symbol names, in symbol-table order.</returns>
    /// <exception cref="FormatException">The symbol table or its names are corrupt.</exception>
    public IReadOnlyList<string> SymbolsOfVersion(int versionIndex)
    {
        var names = new List<string>();
        var symbols = sections.Find(s => s.Type == SymbolTableType);
        var versions = sections.Find(s => s.Type == SymbolVersionsType);
        if (symbols is null || versions is null)
        {
            return names;
        }

        var count = (int)Math.Min(symbols.Size / SymbolSize, versions.Size / 2);
        for (var i = 0; i < count; i++)
        {
            if ((ReadU16((int)versions.Offset + (i * 2)) & 0x7fff) == versionIndex)
            {
                names.Add(ReadString(symbols.Link, ReadU32((int)symbols.Offset + (i * SymbolSize))));
            }
        }

        return names;
    }

    /// <summary>
    /// Returns whether any relocation (an <c>Elf64_Rela</c> or <c>Elf64_Rel</c> of a section linked to the dynamic
    /// symbols) refers to a named symbol.
    /// </summary>
    /// <param name="symbolName">The symbol's name in the dynamic symbol table.</param>
    /// <returns>True when the loader would have to look the symbol up.</returns>
    /// <exception cref="FormatException">The symbol table or its names are corrupt.</exception>
    public bool IsRelocated(string symbolName)
    {
        var symbols = sections.Find(s => s.Type == SymbolTableType);
        if (symbols is null)
        {
            return false;
        }

        var indices = new HashSet<ulong>();
        for (var i = 0; i < (int)(symbols.Size / SymbolSize); i++)
        {
            if (ReadString(symbols.Link, ReadU32((int)symbols.Offset + (i * SymbolSize))) == symbolName)
            {
                indices.Add((ulong)i);
            }
        }

        foreach (var relocations in sections.FindAll(s => (s.Type is RelocationsWithAddendType or RelocationsType) && s.Link == symbols.Index))
        {
            var entrySize = relocations.Type == RelocationsWithAddendType ? 24 : 16;
            for (var i = 0; i < (int)(relocations.Size / (ulong)entrySize); i++)
            {
                if (indices.Contains(ReadU64((int)relocations.Offset + (i * entrySize) + 8) >> 32)) // ELF64_R_SYM(r_info)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Sets the weak flag (<c>VER_FLG_WEAK</c>, 0x2) of one version need, in the bytes this image reads.</summary>
    /// <param name="need">A need from <see cref="VersionNeeds"/> of this image.</param>
    public void MarkWeak(VersionNeed need)
    {
        ArgumentNullException.ThrowIfNull(need);
        var flags = ReadU16(need.EntryOffset + 4);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(need.EntryOffset + 4), (ushort)(flags | VersionNeed.WeakFlag));
    }

    /// <summary>Whether <paramref name="length"/> bytes at <paramref name="offset"/> lie inside the file (without overflow).</summary>
    private bool Fits(ulong offset, ulong length) => offset <= (ulong)bytes.Length && length <= (ulong)bytes.Length - offset;

    /// <summary>The file offset of an entry at <paramref name="offset"/> within a section, checked to lie wholly inside it.</summary>
    private static int EntryAt(Section section, ulong offset, int size, string what) =>
        offset <= section.Size && (ulong)size <= section.Size - offset
            ? (int)(section.Offset + offset)
            : throw new FormatException($"{what} at offset {offset} lies outside its section {section.Index} ({section.Size} bytes)");

    private string ReadString(uint tableIndex, uint offset)
    {
        if (tableIndex >= sections.Count || sections[(int)tableIndex].Type != StringTableType)
        {
            throw new FormatException($"section {tableIndex}, named as a string table, is not one");
        }

        var table = sections[(int)tableIndex];
        if (offset >= table.Size)
        {
            throw new FormatException($"a name at offset {offset} lies outside its string table ({table.Size} bytes)");
        }

        var start = (int)(table.Offset + offset);
        var end = Array.IndexOf(bytes, (byte)0, start, (int)(table.Size - offset));
        if (end < 0)
        {
            throw new FormatException($"a name at offset {offset} is not terminated inside its string table");
        }

        return Encoding.ASCII.GetString(bytes, start, end - start);
    }

    private ushort ReadU16(int at) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(at, 2));

    private uint ReadU32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(at, 4));

    private ulong ReadU64(int at) => BinaryPrimitives.ReadUInt64LittleEndian(Slice(at, 8));

    private ReadOnlySpan<byte> Slice(int at, int length) =>
        at >= 0 && (long)at + length <= bytes.Length ? bytes.AsSpan(at, length) : throw new FormatException($"a field at offset {at} lies past the end of the file ({bytes.Length} bytes)");

    private sealed record Section(int Index, uint Type, ulong Offset, ulong Size, uint Link, uint Info);
}

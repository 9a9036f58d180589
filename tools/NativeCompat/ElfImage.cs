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
public sealed class ElfImage
{
    private const uint RelocationsType = 4;            // SHT_RELA
    private const uint SymbolTableType = 11;           // SHT_DYNSYM
    private const uint VersionDefinitionsType = 0x6ffffffd; // SHT_GNU_verdef
    private const uint VersionNeedsType = 0x6ffffffe;  // SHT_GNU_verneed
    private const uint SymbolVersionsType = 0x6fffffff; // SHT_GNU_versym

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
            throw new FormatException("not an ELF file (no \\x7fELF magic)");
        }

        if (bytes[4] != 2 || bytes[5] != 1)
        {
            throw new FormatException($"only 64-bit little-endian ELF files are handled (class {bytes[4]}, data {bytes[5]})");
        }

        var headerOffset = ReadU64(0x28);
        var headerSize = ReadU16(0x3a);
        var count = ReadU16(0x3c);
        if (headerSize < 64 || headerOffset + ((ulong)headerSize * count) > (ulong)bytes.Length)
        {
            throw new FormatException($"section headers ({count} of {headerSize} bytes at {headerOffset}) run past the end of the file ({bytes.Length} bytes)");
        }

        for (var i = 0; i < count; i++)
        {
            var at = checked((int)headerOffset + (i * headerSize));
            var section = new Section(ReadU32(at + 4), ReadU64(at + 24), ReadU64(at + 32), ReadU32(at + 40), ReadU32(at + 44));
            if (section.Type != 8 && section.Offset + section.Size > (ulong)bytes.Length)
            {
                throw new FormatException($"section {i} ({section.Size} bytes at {section.Offset}) runs past the end of the file");
            }

            sections.Add(section);
        }
    }

    /// <summary>Gets the version names this library defines (a libstdc++ defines <c>GLIBCXX_3.4</c> and later).</summary>
    public IReadOnlyList<string> DefinedVersions
    {
        get
        {
            var names = new List<string>();
            foreach (var section in sections.FindAll(s => s.Type == VersionDefinitionsType))
            {
                var at = (int)section.Offset;
                for (var i = 0; i < section.Info; i++)
                {
                    var auxiliary = at + (int)ReadU32(at + 12);
                    names.Add(ReadString(section.Link, ReadU32(auxiliary)));
                    var next = ReadU32(at + 16);
                    if (next == 0)
                    {
                        break;
                    }

                    at += (int)next;
                }
            }

            return names;
        }
    }

    /// <summary>Gets the versions this library needs from others: one entry per (file, version) pair, with its place in the file.</summary>
    public IReadOnlyList<VersionNeed> VersionNeeds
    {
        get
        {
            var needs = new List<VersionNeed>();
            foreach (var section in sections.FindAll(s => s.Type == VersionNeedsType))
            {
                var at = (int)section.Offset;
                for (var i = 0; i < section.Info; i++)
                {
                    var file = ReadString(section.Link, ReadU32(at + 4));
                    var auxiliary = at + (int)ReadU32(at + 8);
                    for (var j = 0; j < ReadU16(at + 2); j++)
                    {
                        needs.Add(new VersionNeed(file, ReadString(section.Link, ReadU32(auxiliary + 8)), ReadU16(auxiliary + 4), ReadU16(auxiliary + 6), auxiliary));
                        var nextAuxiliary = ReadU32(auxiliary + 12);
                        if (nextAuxiliary == 0)
                        {
                            break;
                        }

                        auxiliary += (int)nextAuxiliary;
                    }

                    var next = ReadU32(at + 12);
                    if (next == 0)
                    {
                        break;
                    }

                    at += (int)next;
                }
            }

            return needs;
        }
    }

    /// <summary>Returns the names of the dynamic symbols bound to a version index (a <see cref="VersionNeed.Index"/>).</summary>
    /// <param name="versionIndex">The index, as <c>vna_other</c> holds it.</param>
    /// <returns>The symbol names, in symbol-table order.</returns>
    public IReadOnlyList<string> SymbolsOfVersion(int versionIndex)
    {
        var names = new List<string>();
        var symbols = sections.Find(s => s.Type == SymbolTableType);
        var versions = sections.Find(s => s.Type == SymbolVersionsType);
        if (symbols is null || versions is null)
        {
            return names;
        }

        var count = (int)(symbols.Size / 24);
        for (var i = 0; i < count && (ulong)(i * 2) < versions.Size; i++)
        {
            if ((ReadU16((int)versions.Offset + (i * 2)) & 0x7fff) == versionIndex)
            {
                names.Add(ReadString(symbols.Link, ReadU32((int)symbols.Offset + (i * 24))));
            }
        }

        return names;
    }

    /// <summary>Returns whether any relocation (an <c>Elf64_Rela</c> of a section linked to the dynamic symbols) refers to a named symbol.</summary>
    /// <param name="symbolName">The symbol's name in the dynamic symbol table.</param>
    /// <returns>True when the loader would have to look the symbol up.</returns>
    public bool IsRelocated(string symbolName)
    {
        var symbolsIndex = sections.FindIndex(s => s.Type == SymbolTableType);
        if (symbolsIndex < 0)
        {
            return false;
        }

        var symbols = sections[symbolsIndex];
        var indices = new HashSet<ulong>();
        for (var i = 0; i < (int)(symbols.Size / 24); i++)
        {
            if (ReadString(symbols.Link, ReadU32((int)symbols.Offset + (i * 24))) == symbolName)
            {
                indices.Add((ulong)i);
            }
        }

        foreach (var relocations in sections.FindAll(s => s.Type == RelocationsType && s.Link == symbolsIndex))
        {
            for (var at = (int)relocations.Offset; at + 24 <= (int)(relocations.Offset + relocations.Size); at += 24)
            {
                if (indices.Contains(ReadU64(at + 8) >> 32))
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

    private string ReadString(uint tableIndex, uint offset)
    {
        if (tableIndex >= sections.Count)
        {
            throw new FormatException($"a string table index {tableIndex} names no section");
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
        at >= 0 && at + length <= bytes.Length ? bytes.AsSpan(at, length) : throw new FormatException($"a field at offset {at} lies past the end of the file ({bytes.Length} bytes)");

    private sealed record Section(uint Type, ulong Offset, ulong Size, uint Link, uint Info);
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.Text;

namespace LayersFramework.NativeCompat.Tests;

/// <summary>
/// Builds a minimal 64-bit little-endian ELF shared library with the sections symbol versioning uses: .dynstr,
/// .dynsym, .gnu.version, .gnu.version_r, and optionally .gnu.version_d and .rela.dyn. Layouts are the gABI's and
/// the LSB's (Elf64_Shdr, Elf64_Sym, Elf64_Verneed/Vernaux, Elf64_Verdef/Verdaux, Elf64_Rela).
/// </summary>
internal sealed class SyntheticElf
{
    private readonly List<(string File, List<(string Version, int Index, int Flags)> Versions)> needs = [];
    private readonly List<(string Name, int VersionIndex)> symbols = [];
    private readonly List<string> definitions = [];
    private readonly List<string> relocated = [];

    /// <summary>Where the version needs start in the file, once built.</summary>
    public int VersionNeedsOffset { get; private set; }

    /// <summary>TorchSharp's case: libstdc++.so.6 needed at GLIBCXX_3.4.30 (index 2, bound to a used symbol) and
    /// GLIBCXX_3.4.32 (index 3, bound only to <c>std::ios_base_library_init()</c>); libc at GLIBC_2.2.5.</summary>
    public static SyntheticElf LikeTorchSharp() => new SyntheticElf()
        .Need("libstdc++.so.6", ("GLIBCXX_3.4.30", 2, 0), ("GLIBCXX_3.4.32", 3, 0))
        .Need("libc.so.6", ("GLIBC_2.2.5", 4, 0))
        .Symbol("_ZNSt8ios_base4InitC1Ev", 2)
        .Symbol("_ZSt21ios_base_library_initv", 3)
        .Symbol("malloc", 4)
        .Relocate("_ZNSt8ios_base4InitC1Ev")
        .Relocate("malloc");

    /// <summary>A libstdc++ that defines the given versions.</summary>
    public static SyntheticElf Libstdcxx(params string[] versions)
    {
        var image = new SyntheticElf();
        image.definitions.Add("libstdc++.so.6");
        image.definitions.AddRange(versions);
        return image;
    }

    public SyntheticElf Need(string file, params (string Version, int Index, int Flags)[] versions)
    {
        needs.Add((file, versions.ToList()));
        return this;
    }

    public SyntheticElf Symbol(string name, int versionIndex)
    {
        symbols.Add((name, versionIndex));
        return this;
    }

    public SyntheticElf Relocate(string name)
    {
        relocated.Add(name);
        return this;
    }

    /// <summary>The SysV ELF hash (vna_hash, vd_hash).</summary>
    public static uint ElfHash(string name)
    {
        uint h = 0;
        foreach (var c in Encoding.ASCII.GetBytes(name))
        {
            h = (h << 4) + c;
            var g = h & 0xf0000000;
            if (g != 0)
            {
                h ^= g >> 24;
            }

            h &= ~g;
        }

        return h;
    }

    public byte[] Build()
    {
        // .dynstr: offset 0 is the empty name.
        var strings = new MemoryStream();
        strings.WriteByte(0);
        var offsets = new Dictionary<string, uint>();
        uint Str(string s)
        {
            if (!offsets.TryGetValue(s, out var at))
            {
                at = (uint)strings.Length;
                strings.Write(Encoding.ASCII.GetBytes(s));
                strings.WriteByte(0);
                offsets[s] = at;
            }

            return at;
        }

        // .dynsym and .gnu.version: symbol 0 is the null symbol, version 0 (local).
        var symbolTable = new byte[24 * (symbols.Count + 1)];
        var versionTable = new byte[2 * (symbols.Count + 1)];
        for (var i = 0; i < symbols.Count; i++)
        {
            var at = 24 * (i + 1);
            BinaryPrimitives.WriteUInt32LittleEndian(symbolTable.AsSpan(at), Str(symbols[i].Name));
            symbolTable[at + 4] = 0x12; // STB_GLOBAL, STT_FUNC; undefined (st_shndx 0)
            BinaryPrimitives.WriteUInt16LittleEndian(versionTable.AsSpan(2 * (i + 1)), (ushort)symbols[i].VersionIndex);
        }

        // .gnu.version_r: each Elf64_Verneed (16 bytes) followed by its Elf64_Vernaux entries (16 bytes each).
        var needTable = new MemoryStream();
        for (var n = 0; n < needs.Count; n++)
        {
            var (library, versions) = needs[n];
            var entry = new byte[16 + (16 * versions.Count)];
            BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(0), 1); // vn_version
            BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(2), (ushort)versions.Count);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(4), Str(library));
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(8), 16); // vn_aux
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(12), n + 1 < needs.Count ? (uint)entry.Length : 0);
            for (var v = 0; v < versions.Count; v++)
            {
                var at = 16 + (16 * v);
                BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(at), ElfHash(versions[v].Version));
                BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(at + 4), (ushort)versions[v].Flags);
                BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(at + 6), (ushort)versions[v].Index);
                BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(at + 8), Str(versions[v].Version));
                BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(at + 12), v + 1 < versions.Count ? 16u : 0);
            }

            needTable.Write(entry);
        }

        // .gnu.version_d: each Elf64_Verdef (20 bytes) followed by one Elf64_Verdaux (8 bytes); the first is the file's own name.
        var definitionTable = new byte[28 * definitions.Count];
        for (var d = 0; d < definitions.Count; d++)
        {
            var at = 28 * d;
            BinaryPrimitives.WriteUInt16LittleEndian(definitionTable.AsSpan(at), 1); // vd_version
            BinaryPrimitives.WriteUInt16LittleEndian(definitionTable.AsSpan(at + 2), (ushort)(d == 0 ? 1 : 0)); // VER_FLG_BASE
            BinaryPrimitives.WriteUInt16LittleEndian(definitionTable.AsSpan(at + 4), (ushort)(d + 1)); // vd_ndx
            BinaryPrimitives.WriteUInt16LittleEndian(definitionTable.AsSpan(at + 6), 1); // vd_cnt
            BinaryPrimitives.WriteUInt32LittleEndian(definitionTable.AsSpan(at + 8), ElfHash(definitions[d]));
            BinaryPrimitives.WriteUInt32LittleEndian(definitionTable.AsSpan(at + 12), 20); // vd_aux
            BinaryPrimitives.WriteUInt32LittleEndian(definitionTable.AsSpan(at + 16), d + 1 < definitions.Count ? 28u : 0);
            BinaryPrimitives.WriteUInt32LittleEndian(definitionTable.AsSpan(at + 20), Str(definitions[d]));
        }

        // .rela.dyn: R_X86_64_GLOB_DAT (6) against each relocated symbol.
        var relocationTable = new byte[24 * relocated.Count];
        for (var r = 0; r < relocated.Count; r++)
        {
            var symbol = symbols.FindIndex(s => s.Name == relocated[r]) + 1;
            BinaryPrimitives.WriteUInt64LittleEndian(relocationTable.AsSpan((24 * r) + 8), ((ulong)symbol << 32) | 6);
        }

        var dynstr = strings.ToArray();
        var sectionNames = Encoding.ASCII.GetBytes("\0.dynstr\0.dynsym\0.gnu.version\0.gnu.version_r\0.gnu.version_d\0.rela.dyn\0.shstrtab\0");

        // Sections: 0 null, 1 .dynstr, 2 .dynsym, 3 .gnu.version, 4 .gnu.version_r, 5 .gnu.version_d, 6 .rela.dyn, 7 .shstrtab.
        var file = new MemoryStream();
        file.Write(new byte[64]);
        var placed = new List<(uint Name, uint Type, long Offset, long Size, uint Link, uint Info, ulong EntrySize)>();
        void Place(uint name, uint type, byte[] data, uint link, uint info, ulong entrySize)
        {
            while (file.Length % 8 != 0)
            {
                file.WriteByte(0);
            }

            placed.Add((name, type, file.Length, data.Length, link, info, entrySize));
            file.Write(data);
        }

        Place(1, 3, dynstr, 0, 0, 0);
        Place(9, 11, symbolTable, 1, 1, 24);
        Place(17, 0x6fffffff, versionTable, 2, 0, 2);
        VersionNeedsOffset = (int)((file.Length + 7) / 8 * 8);
        Place(30, 0x6ffffffe, needTable.ToArray(), 1, (uint)needs.Count, 0);
        Place(45, 0x6ffffffd, definitionTable, 1, (uint)definitions.Count, 0);
        Place(60, 4, relocationTable, 2, 0, 24);
        Place(70, 3, sectionNames, 0, 0, 0);

        while (file.Length % 8 != 0)
        {
            file.WriteByte(0);
        }

        var headersAt = file.Length;
        file.Write(new byte[64]); // section 0
        foreach (var (name, type, offset, size, link, info, entrySize) in placed)
        {
            var header = new byte[64];
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0), name);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), type);
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8), 2); // SHF_ALLOC
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(24), (ulong)offset);
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(32), (ulong)size);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), link);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(44), info);
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(48), 8);
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(56), entrySize);
            file.Write(header);
        }

        var bytes = file.ToArray();
        "\u007fELF"u8.CopyTo(bytes);
        bytes[4] = 2; // ELFCLASS64
        bytes[5] = 1; // ELFDATA2LSB
        bytes[6] = 1; // EV_CURRENT
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x10), 3);    // ET_DYN
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x12), 0x3e); // EM_X86_64
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(0x14), 1);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(0x28), (ulong)headersAt);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x34), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x3a), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x3c), (ushort)(placed.Count + 1));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x3e), 7);
        return bytes;
    }
}

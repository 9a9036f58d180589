// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Buffers.Binary;

namespace LayersFramework.NativeCompat.Tests;

/// <summary>Truncated and corrupt files raise a FormatException that says what is wrong, and are never written.</summary>
public sealed class CorruptElfTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(63)]
    public void TooShort_IsNotAnElfFile(int length)
    {
        var bytes = SyntheticElf.LikeTorchSharp().Build()[..length];

        var error = Assert.Throws<FormatException>(() => new ElfImage(bytes));

        Assert.StartsWith("not an ELF file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoMagic_IsNotAnElfFile()
    {
        var bytes = SyntheticElf.LikeTorchSharp().Build();
        bytes[1] = (byte)'X';

        var error = Assert.Throws<FormatException>(() => new ElfImage(bytes));

        Assert.StartsWith("not an ELF file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, 1, "class 1, data 1")]
    [InlineData(5, 2, "class 2, data 2")]
    public void Not64BitLittleEndian_IsRefused(int at, byte value, string expected)
    {
        var bytes = SyntheticElf.LikeTorchSharp().Build();
        bytes[at] = value;

        var error = Assert.Throws<FormatException>(() => new ElfImage(bytes));

        Assert.Equal($"only 64-bit little-endian ELF files are handled ({expected})", error.Message);
    }

    [Fact]
    public void Truncated_SectionHeadersRunPastTheEnd()
    {
        var bytes = SyntheticElf.LikeTorchSharp().Build();

        var error = Assert.Throws<FormatException>(() => new ElfImage(bytes[..^10]));

        Assert.Contains("section headers (8 of 64 bytes at", error.Message, StringComparison.Ordinal);
        Assert.Contains("run past the end of the file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SectionHeaderOffset_NearTheTopOfTheRange_DoesNotOverflow()
    {
        var bytes = SyntheticElf.LikeTorchSharp().Build();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(0x28), ulong.MaxValue - 100);

        var error = Assert.Throws<FormatException>(() => new ElfImage(bytes));

        Assert.Contains("run past the end of the file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SectionSize_PastTheEnd_IsRefused()
    {
        var bytes = SyntheticElf.LikeTorchSharp().Build();
        SetSectionField(bytes, section: 4, field: 32, ulong.MaxValue - 8); // .gnu.version_r's size, so big it would wrap

        var error = Assert.Throws<FormatException>(() => new ElfImage(bytes));

        Assert.StartsWith("section 4 (", error.Message, StringComparison.Ordinal);
        Assert.Contains("runs past the end of the file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionNeed_PointingOutsideItsSection_IsRefused()
    {
        var elf = SyntheticElf.LikeTorchSharp();
        var bytes = elf.Build();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(elf.VersionNeedsOffset + 8), 0x7fff_fff0); // vn_aux

        var error = Assert.Throws<FormatException>(() => LibstdcxxCompat.Apply(new ElfImage(bytes)));

        Assert.StartsWith("a needed version at offset", error.Message, StringComparison.Ordinal);
        Assert.Contains("lies outside its section 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionName_OutsideTheStringTable_IsRefused()
    {
        var elf = SyntheticElf.LikeTorchSharp();
        var bytes = elf.Build();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(elf.VersionNeedsOffset + 16 + 8), 1_000_000); // vna_name

        var error = Assert.Throws<FormatException>(() => LibstdcxxCompat.Apply(new ElfImage(bytes)));

        Assert.StartsWith("a name at offset 1000000 lies outside its string table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StringTableLink_ToANonStringSection_IsRefused()
    {
        var bytes = SyntheticElf.LikeTorchSharp().Build();
        SetSectionField(bytes, section: 4, field: 40, 2); // .gnu.version_r's sh_link names .dynsym

        var error = Assert.Throws<FormatException>(() => LibstdcxxCompat.Apply(new ElfImage(bytes)));

        Assert.Equal("section 2, named as a string table, is not one", error.Message);
    }

    [Fact]
    public void EveryTruncation_FailsWithAFormatException_OrReadsWhatRemains()
    {
        var whole = SyntheticElf.LikeTorchSharp().Build();
        for (var length = 0; length < whole.Length; length++)
        {
            var bytes = whole[..length];
            var copy = bytes.ToArray();
            try
            {
                LibstdcxxCompat.Apply(new ElfImage(bytes));
            }
            catch (FormatException error)
            {
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
                Assert.Equal(copy, bytes);
            }
        }
    }

    [Fact]
    public void RandomCorruption_FailsOnlyWithFormatOrRefusal()
    {
        var whole = SyntheticElf.LikeTorchSharp().Build();
        var random = new Random(20260204);
        for (var trial = 0; trial < 20_000; trial++)
        {
            var bytes = whole.ToArray();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var exception = Record.Exception(() => LibstdcxxCompat.Apply(new ElfImage(bytes)));

            Assert.True(
                exception is null or FormatException or InvalidOperationException,
                $"trial {trial}: {exception?.GetType().Name}: {exception?.Message}");
        }
    }

    /// <summary>Writes one 8-byte (offset 24, size 32) or 4-byte (link 40, info 44) field of a section header.</summary>
    private static void SetSectionField(byte[] bytes, int section, int field, ulong value)
    {
        var at = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0x28)) + (64 * section) + field;
        if (field is 40 or 44)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), (uint)value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at), value);
        }
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace LayersFramework.Training.Tests;

/// <summary>
/// Writes <c>.pt</c> files by hand with the entries torch.save writes (<c>archive/version</c>,
/// <c>archive/data.pkl</c>, <c>archive/data/0</c>, ...), and edits what a zip archive declares, so that tests can feed
/// the reader pickles and archives no writer makes.
/// </summary>
internal static class TorchSaveZip
{
    /// <summary>The pickle's entry name.</summary>
    public const string PickleEntry = "archive/data.pkl";

    /// <summary>Writes the archive: the version, the pickle, then each storage as data/0, data/1, ...</summary>
    public static void Write(string path, byte[] pickle, params byte[][] storages) =>
        File.WriteAllBytes(path, Archive(pickle, CompressionLevel.NoCompression, storages));

    /// <summary>The archive's bytes, each entry compressed at <paramref name="level"/>.</summary>
    public static byte[] Archive(byte[] pickle, CompressionLevel level, params byte[][] storages)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, "archive/version", "3\n"u8.ToArray(), level);
            Add(archive, PickleEntry, pickle, level);
            for (var i = 0; i < storages.Length; i++)
            {
                Add(archive, $"archive/data/{i}", storages[i], level);
            }
        }

        return memory.ToArray();
    }

    /// <summary>
    /// Rewrites the uncompressed size an entry declares, in its local header and in the central directory, leaving its
    /// data and CRC as they were.
    /// </summary>
    public static void DeclareSize(byte[] zip, string entry, uint size)
    {
        var name = Encoding.UTF8.GetBytes(entry);
        var found = 0;
        for (var i = 0; i + 46 <= zip.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            var (sizeAt, nameLengthAt, nameAt) = signature switch
            {
                0x04034b50 => (22, 26, 30), // local file header
                0x02014b50 => (24, 28, 46), // central directory header
                _ => (-1, -1, -1),
            };
            if (sizeAt >= 0
                && BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + nameLengthAt)) == name.Length
                && zip.AsSpan(i + nameAt, name.Length).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + sizeAt), size);
                found++;
            }
        }

        Assert.Equal(2, found);
    }

    private static void Add(ZipArchive archive, string name, byte[] content, CompressionLevel level)
    {
        using var stream = archive.CreateEntry(name, level).Open();
        stream.Write(content);
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace LayersFramework.Examples;

/// <summary>
/// Writes 8-bit grayscale or RGB PNG files (PNG 1.2: signature, IHDR, one zlib-compressed IDAT, IEND, each chunk with
/// its CRC-32). Written here because the registry copy has no image library; .NET's ZLibStream does the compression.
/// </summary>
public static class Png
{
    private static readonly uint[] CrcTable = CreateCrcTable();

    /// <summary>Writes an image, atomically (a temporary file renamed over the destination).</summary>
    /// <param name="path">The destination.</param>
    /// <param name="pixels">Row-major pixels: one byte each for grayscale, three (R, G, B) for colour.</param>
    /// <param name="width">The width.</param>
    /// <param name="height">The height.</param>
    /// <param name="rgb">Whether the pixels are RGB.</param>
    public static void Write(string path, byte[] pixels, int width, int height, bool rgb)
    {
        var channels = rgb ? 3 : 1;
        if (pixels.Length != width * height * channels)
        {
            throw new ArgumentException($"{width}x{height} {(rgb ? "RGB" : "grayscale")} needs {width * height * channels} bytes; received {pixels.Length}.", nameof(pixels));
        }

        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0); // filter: none
                zlib.Write(pixels, y * width * channels, width * channels);
            }
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;                      // bit depth
        header[9] = (byte)(rgb ? 2 : 0);    // colour type: truecolour or grayscale
        var temporary = path + ".partial";
        using (var file = File.Create(temporary))
        {
            file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
            WriteChunk(file, "IHDR", header);
            WriteChunk(file, "IDAT", raw.ToArray());
            WriteChunk(file, "IEND", []);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        stream.Write(buffer);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        stream.Write(typeBytes);
        stream.Write(data);
        var crc = 0xFFFFFFFFu;
        foreach (var b in typeBytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        BinaryPrimitives.WriteUInt32BigEndian(buffer, crc ^ 0xFFFFFFFFu);
        stream.Write(buffer);
    }

    private static uint[] CreateCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}

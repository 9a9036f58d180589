// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using LayersFramework.Engine;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace LayersFramework.Training;

/// <summary>
/// Safetensors files (Hugging Face's format: an 8-byte little-endian header length, a JSON header
/// <c>{"name": {"dtype", "shape", "data_offsets"}, "__metadata__": {...}}</c>, then the tensors' bytes) through
/// TorchSharp.PyBridge, with what PyBridge leaves out: string metadata, a checksum, and a header checked whole before a
/// tensor is made.
/// </summary>
/// <remarks>
/// PyBridge writes the header and the data; the header is then rewritten with <c>"__metadata__"</c> first (PyBridge
/// writes none) holding the caller's entries and a SHA-256 of the data section under <see cref="ChecksumKey"/>, padded
/// with spaces to 8 bytes as the format recommends. The data section is PyBridge's, byte for byte.
/// </remarks>
internal static class SafetensorsFormat
{
    /// <summary>The metadata key of the data section's SHA-256, in lowercase hex; other tools ignore it.</summary>
    public const string ChecksumKey = "layersframework.sha256";

    /// <summary>The safetensors library's own limit on the header, so a hostile length cannot make us read gigabytes.</summary>
    private const long MaxHeaderBytes = 100_000_000;

    private static readonly Dictionary<string, int> ElementSizes = new(StringComparer.Ordinal)
    {
        ["F64"] = 8,
        ["F32"] = 4,
        ["F16"] = 2,
        ["BF16"] = 2,
        ["I64"] = 8,
        ["I32"] = 4,
        ["I16"] = 2,
        ["I8"] = 1,
        ["U8"] = 1,
        ["BOOL"] = 1,
    };

    /// <summary>Writes the tensors (contiguous, on the CPU, in the order given) and the metadata to <paramref name="destination"/>.</summary>
    /// <param name="destination">A seekable stream at its start.</param>
    /// <param name="tensors">The tensors by name.</param>
    /// <param name="metadata">String metadata.</param>
    /// <param name="destinationPath">
    /// The file being written. PyBridge's file is written beside it before the header is rewritten, so no other disk
    /// fills, and named as its temporary files are, so a killed writer's is cleaned up like theirs.
    /// </param>
    public static void Write(Stream destination, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata, string destinationPath)
    {
        var scratchPath = TemporaryFiles.NewPath(destinationPath);
        using var scratch = new FileStream(scratchPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        Safetensors.SaveStateDict(scratch, tensors.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), leaveOpen: true);

        scratch.Position = 0;
        var indexLength = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(ReadExactly(scratch, 8)));
        var index = JsonNode.Parse(ReadExactly(scratch, indexLength))!.AsObject();
        var dataStart = scratch.Position;
        var meta = new JsonObject();
        foreach (var (key, value) in metadata)
        {
            meta[key] = value;
        }

        meta[ChecksumKey] = Convert.ToHexStringLower(SHA256.HashData(scratch));
        var header = new JsonObject { ["__metadata__"] = meta };
        foreach (var (name, entry) in index)
        {
            header[name] = entry!.DeepClone();
        }

        var headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = headerBytes.Length + ((8 - (headerBytes.Length % 8)) % 8);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        destination.Write(length);
        destination.Write(headerBytes);
        destination.Write(Enumerable.Repeat((byte)' ', padded - headerBytes.Length).ToArray());
        scratch.Position = dataStart;
        scratch.CopyTo(destination);
    }

    /// <summary>Reads every tensor and the metadata, after checking the header and the checksum.</summary>
    /// <param name="stream">The file, seekable, at its start.</param>
    /// <param name="path">The file's name, for messages.</param>
    /// <returns>The tensors (in the current dispose scope) and the metadata.</returns>
    /// <exception cref="InvalidDataException">The file is truncated, corrupted or not safetensors; the message names the file and says how.</exception>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Read(Stream stream, string path)
    {
        var (metadata, dataStart) = CheckHeader(stream, path);
        if (metadata.TryGetValue(ChecksumKey, out var expected))
        {
            stream.Position = dataStart;
            var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                throw new FileFaultException($"{path}: the data section's SHA-256 is {actual} but the header says {expected}: the file is corrupted.");
            }
        }

        stream.Position = 0;
        return (Safetensors.LoadStateDict(stream, leaveOpen: true), metadata);
    }

    /// <summary>
    /// Checks what PyBridge does not: the length prefix against the file, the JSON, names given once, known dtypes,
    /// shapes whose byte counts fit the offsets, and offsets that tile the data section without gaps or overlaps (as
    /// the format requires). So every tensor PyBridge then allocates is backed by bytes of the file.
    /// </summary>
    private static (Dictionary<string, string> Metadata, long DataStart) CheckHeader(Stream stream, string path)
    {
        var fileLength = stream.Length;
        if (fileLength < 8)
        {
            throw new FileFaultException($"{path}: {fileLength} bytes is too short for a safetensors file (an 8-byte header length comes first): the file is truncated or not safetensors.");
        }

        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(ReadExactly(stream, 8));
        if (headerLength > (ulong)Math.Min(MaxHeaderBytes, fileLength - 8))
        {
            throw new FileFaultException(
                $"{path}: the header claims {headerLength} bytes but the file has {fileLength - 8} after the length{(headerLength > MaxHeaderBytes ? $" (and headers are limited to {MaxHeaderBytes})" : string.Empty)}: the file is truncated or not safetensors.");
        }

        using var document = ParseHeader(ReadExactly(stream, (int)headerLength), path);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FileFaultException($"{path}: the header is a JSON {document.RootElement.ValueKind}, not an object: the file is not safetensors.");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var spans = new List<(string Name, long Begin, long End)>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                throw new FileFaultException($"{path}: the header names \"{property.Name}\" twice: the file is corrupted.");
            }

            if (property.Name == "__metadata__")
            {
                ReadMetadata(property.Value, metadata, path);
            }
            else
            {
                spans.Add(CheckEntry(property.Name, property.Value, path));
            }
        }

        var dataLength = fileLength - 8 - (long)headerLength;
        long expectedBegin = 0;
        foreach (var span in spans.OrderBy(s => s.Begin).ThenBy(s => s.End))
        {
            if (span.Begin != expectedBegin)
            {
                throw new FileFaultException($"{path}: tensor \"{span.Name}\" starts at byte {span.Begin} of the data but {expectedBegin} was expected (the format allows no gaps or overlaps).");
            }

            expectedBegin = span.End;
        }

        if (expectedBegin != dataLength)
        {
            throw new FileFaultException(
                $"{path}: the tensors need {expectedBegin} bytes of data but the file has {dataLength}: the file is {(expectedBegin > dataLength ? "truncated" : "corrupted (trailing bytes)")}.");
        }

        return (metadata, 8 + (long)headerLength);
    }

    private static JsonDocument ParseHeader(byte[] header, string path)
    {
        try
        {
            // JsonDocument checks the UTF-8 of a string only when the string is read, so a bad byte in a name surfaced
            // later as an InvalidOperationException; check it here, with the rest of the header.
            if (!Utf8.IsValid(header))
            {
                throw new FileFaultException($"{path}: the header is not valid UTF-8 text, so not valid JSON: the file is corrupted or not safetensors.");
            }

            return JsonDocument.Parse(header);
        }
        catch (JsonException e)
        {
            throw new FileFaultException($"{path}: the header is not valid JSON ({e.Message}): the file is corrupted or not safetensors.", e);
        }
    }

    private static void ReadMetadata(JsonElement node, Dictionary<string, string> metadata, string path)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            throw new FileFaultException($"{path}: \"__metadata__\" is a JSON {node.ValueKind}, not an object of strings.");
        }

        foreach (var entry in node.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String || !metadata.TryAdd(entry.Name, entry.Value.GetString()!))
            {
                throw new FileFaultException($"{path}: metadata \"{entry.Name}\" is {(entry.Value.ValueKind == JsonValueKind.String ? "given twice" : $"a JSON {entry.Value.ValueKind}, not a string")}.");
            }
        }
    }

    private static (string Name, long Begin, long End) CheckEntry(string name, JsonElement node, string path)
    {
        string Malformed(string what) => $"{path}: the header entry of \"{name}\" ({Shorten(node.GetRawText())}) {what}.";

        if (node.ValueKind != JsonValueKind.Object
            || !node.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String
            || !node.TryGetProperty("shape", out var shapeNode) || shapeNode.ValueKind != JsonValueKind.Array
            || !node.TryGetProperty("data_offsets", out var offsetsNode) || offsetsNode.ValueKind != JsonValueKind.Array)
        {
            throw new FileFaultException(Malformed("needs \"dtype\" (a string), \"shape\" and \"data_offsets\" (arrays)"));
        }

        if (!ElementSizes.TryGetValue(dtype.GetString()!, out var elementSize))
        {
            throw new FileFaultException(Malformed($"has dtype {dtype.GetString()}, which is not read here (known: {string.Join(", ", ElementSizes.Keys)})"));
        }

        var shape = Integers(shapeNode) ?? throw new FileFaultException(Malformed("has a shape that is not a list of sizes ≥ 0"));
        var offsets = Integers(offsetsNode) ?? throw new FileFaultException(Malformed("has offsets that are not integers ≥ 0"));
        if (offsets.Length != 2 || offsets[1] < offsets[0])
        {
            throw new FileFaultException(Malformed("needs two offsets, begin ≤ end"));
        }

        long bytes;
        try
        {
            bytes = checked(shape.Aggregate(1L, (product, size) => product * size) * elementSize);
        }
        catch (OverflowException)
        {
            throw new FileFaultException(Malformed("has a shape whose byte count overflows 64 bits"));
        }

        if (offsets[1] - offsets[0] != bytes)
        {
            throw new FileFaultException(Malformed($"needs {bytes} bytes for shape {Tuples.Format(shape)} but its offsets span {offsets[1] - offsets[0]}"));
        }

        return (name, offsets[0], offsets[1]);
    }

    /// <summary>The array's values as non-negative 64-bit integers, or null when one is anything else.</summary>
    private static long[]? Integers(JsonElement array)
    {
        var values = new List<long>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var value) || value < 0)
            {
                return null;
            }

            values.Add(value);
        }

        return [.. values];
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";

    private static byte[] ReadExactly(Stream stream, int count)
    {
        var buffer = new byte[count];
        stream.ReadExactly(buffer);
        return buffer;
    }
}

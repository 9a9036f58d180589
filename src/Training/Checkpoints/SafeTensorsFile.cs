// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LayersFramework.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Training;

/// <summary>
/// The safetensors format (Hugging Face's, read by PyTorch, JAX, TensorFlow and Keras 3 tools): an 8-byte
/// little-endian header length, a JSON header <c>{"name": {"dtype", "shape", "data_offsets"}, "__metadata__": {...}}</c>,
/// then the tensors' bytes, contiguous and in order.
/// </summary>
/// <remarks>
/// <para>
/// Writes are atomic: the file is written beside its destination under a temporary name, flushed to disk, then
/// renamed over the destination, so a crash mid-save leaves the previous file as it was. A SHA-256 of the data
/// section goes into the metadata (<c>"layersframework.sha256"</c>, a plain string entry other tools ignore).
/// </para>
/// <para>
/// Reads check everything before creating a tensor: the length prefix against the file's size, the header's JSON,
/// each entry's dtype, shape and offsets (inside the data section, of the right size, without gaps or overlaps, as
/// the format requires), and the checksum when present. A truncated or corrupted file raises
/// <see cref="InvalidDataException"/> naming the file and the fault; nothing is half-loaded.
/// </para>
/// <para>
/// Element types: F32, F64, F16, BF16, I64, I32, I16, I8, U8 and BOOL. The bytes are little-endian, as the format
/// requires and as every platform .NET and libtorch run on stores them; a tensor is written from its CPU copy in
/// row-major order of its logical shape, whatever its strides or device.
/// </para>
/// </remarks>
public static class SafeTensorsFile
{
    /// <summary>The metadata key of the data section's SHA-256, in lowercase hex.</summary>
    public const string ChecksumKey = "layersframework.sha256";

    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>Gets or sets a hook the tests use to interrupt a save after the data is written and before it replaces the destination.</summary>
    internal static Action<string>? BeforeCommit { get; set; }

    private static readonly (ScalarType Type, string Name, int Size)[] Types =
    [
        (ScalarType.Float32, "F32", 4), (ScalarType.Float64, "F64", 8), (ScalarType.Float16, "F16", 2), (ScalarType.BFloat16, "BF16", 2), (ScalarType.Int64, "I64", 8),
        (ScalarType.Int32, "I32", 4), (ScalarType.Int16, "I16", 2), (ScalarType.Int8, "I8", 1), (ScalarType.Byte, "U8", 1), (ScalarType.Bool, "BOOL", 1),
    ];

    /// <summary>Writes tensors (and string metadata) to a safetensors file, atomically.</summary>
    /// <param name="path">The destination; an existing file is replaced only once the new one is complete.</param>
    /// <param name="tensors">The tensors by name.</param>
    /// <param name="metadata">String metadata, or null.</param>
    /// <exception cref="ArgumentException">A name is empty or "__metadata__", or a dtype is not supported.</exception>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var names = tensors.Keys.Order(StringComparer.Ordinal).ToList();
        var blobs = new List<byte[]>();
        var header = new JsonObject();
        long offset = 0;
        foreach (var name in names)
        {
            if (string.IsNullOrEmpty(name) || name == "__metadata__")
            {
                throw new ArgumentException($"\"{name}\" cannot name a tensor in a safetensors file.", nameof(tensors));
            }

            var tensor = tensors[name];
            var type = Types.FirstOrDefault(t => t.Type == tensor.dtype);
            if (type.Name is null)
            {
                throw new ArgumentException($"The tensor \"{name}\" has dtype {tensor.dtype}, which is not saved here; convert it to float32 or float64 first.", nameof(tensors));
            }

            var bytes = BytesOf(tensor);
            blobs.Add(bytes);
            header[name] = new JsonObject
            {
                ["dtype"] = type.Name,
                ["shape"] = new JsonArray(tensor.shape.Select(size => (JsonNode?)size).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes.Length),
            };
            offset += bytes.Length;
        }

        var meta = new JsonObject();
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            meta[key] = value;
        }

        meta[ChecksumKey] = Checksum(blobs);
        var ordered = new JsonObject { ["__metadata__"] = meta };
        foreach (var (key, value) in header)
        {
            ordered[key] = value!.DeepClone();
        }

        var headerBytes = Encoding.UTF8.GetBytes(ordered.ToJsonString());
        var padded = headerBytes.Length + ((8 - (headerBytes.Length % 8)) % 8); // the format recommends 8-byte alignment, padded with spaces

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Span<byte> length = stackalloc byte[8];
                BitConverter.TryWriteBytes(length, (ulong)padded);
                if (!BitConverter.IsLittleEndian)
                {
                    length.Reverse();
                }

                stream.Write(length);
                stream.Write(headerBytes);
                stream.Write(Enumerable.Repeat((byte)' ', padded - headerBytes.Length).ToArray());
                foreach (var blob in blobs)
                {
                    stream.Write(blob);
                }

                stream.Flush(flushToDisk: true);
            }

            BeforeCommit?.Invoke(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Reads every tensor and the metadata of a safetensors file, after checking the whole file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The tensors by name (owned by the current dispose scope, or the caller) and the metadata.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is truncated, corrupted or not safetensors; the message says how.</exception>
    public static (IReadOnlyDictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata) Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = File.ReadAllBytes(path);
        var (entries, metadata, dataStart) = ReadHeader(file, path);
        var data = file.AsSpan(checked((int)dataStart));
        if (metadata.TryGetValue(ChecksumKey, out var expected))
        {
            var actual = Convert.ToHexStringLower(SHA256.HashData(data));
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{path}: the data section's SHA-256 is {actual} but the header says {expected}: the file is corrupted.");
            }
        }

        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            tensors[entry.Name] = TensorOf(data.Slice(checked((int)entry.Begin), checked((int)(entry.End - entry.Begin))), entry.Type, entry.Shape);
        }

        return (tensors, metadata);
    }

    private static (List<Entry> Entries, Dictionary<string, string> Metadata, long DataStart) ReadHeader(byte[] file, string path)
    {
        if (file.Length < 8)
        {
            throw new InvalidDataException($"{path}: {file.Length} bytes is too short for a safetensors file (8-byte header length first): the file is truncated or not safetensors.");
        }

        var headerLength = (long)BitConverter.ToUInt64(BitConverter.IsLittleEndian ? file.AsSpan(0, 8) : file.AsSpan(0, 8).ToArray().Reverse().ToArray());
        if (headerLength > MaxHeaderBytes || headerLength > file.Length - 8)
        {
            throw new InvalidDataException($"{path}: the header claims {headerLength} bytes but the file has {file.Length - 8} after the length: the file is truncated or not safetensors.");
        }

        JsonObject header;
        try
        {
            header = JsonNode.Parse(file.AsSpan(8, (int)headerLength)) as JsonObject ?? throw new InvalidDataException($"{path}: the header is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: the header is not valid JSON ({e.Message}): the file is corrupted or not safetensors.", e);
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<Entry>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                foreach (var (key, value) in node as JsonObject ?? [])
                {
                    metadata[key] = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : throw new InvalidDataException($"{path}: metadata \"{key}\" is not a string.");
                }

                continue;
            }

            entries.Add(EntryOf(name, node, path));
        }

        var dataLength = file.Length - 8 - headerLength;
        long expectedBegin = 0;
        foreach (var entry in entries.OrderBy(e => e.Begin))
        {
            if (entry.Begin != expectedBegin)
            {
                throw new InvalidDataException($"{path}: tensor \"{entry.Name}\" starts at byte {entry.Begin} of the data but {expectedBegin} was expected (the format allows no gaps or overlaps).");
            }

            expectedBegin = entry.End;
        }

        if (expectedBegin != dataLength)
        {
            throw new InvalidDataException(
                $"{path}: the tensors need {expectedBegin} bytes of data but the file has {dataLength}: the file is {(expectedBegin > dataLength ? "truncated" : "corrupted (trailing bytes)")}.");
        }

        return (entries, metadata, 8 + headerLength);
    }

    private static Entry EntryOf(string name, JsonNode? node, string path)
    {
        try
        {
            var dtype = node!["dtype"]!.GetValue<string>();
            var type = Types.FirstOrDefault(t => t.Name == dtype);
            if (type.Name is null)
            {
                throw new InvalidDataException($"{path}: tensor \"{name}\" has dtype {dtype}, which is not read here (known: {string.Join(", ", Types.Select(t => t.Name))}).");
            }

            var shape = node["shape"]!.AsArray().Select(size => size!.GetValue<long>()).ToArray();
            var offsets = node["data_offsets"]!.AsArray().Select(o => o!.GetValue<long>()).ToArray();
            var elements = shape.Aggregate(1L, (product, size) => size < 0 ? -1 : checked(product * size));
            if (elements < 0 || offsets.Length != 2 || offsets[0] < 0 || offsets[1] - offsets[0] != elements * type.Size)
            {
                throw new InvalidDataException(
                    $"{path}: tensor \"{name}\" of shape {Tuples.Format(shape)} and dtype {dtype} needs {elements * type.Size} bytes but its offsets are {Tuples.Format(offsets)}.");
            }

            return new Entry(name, type.Type, shape, offsets[0], offsets[1]);
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException or OverflowException)
        {
            throw new InvalidDataException($"{path}: the header entry of \"{name}\" is malformed ({node?.ToJsonString()}).", e);
        }
    }

    private static byte[] BytesOf(Tensor tensor)
    {
        using var scope = torch.NewDisposeScope();
        return tensor.detach().cpu().contiguous().bytes.ToArray();
    }

    private static Tensor TensorOf(ReadOnlySpan<byte> bytes, ScalarType type, long[] shape)
    {
        var tensor = torch.empty(shape, type);
        bytes.CopyTo(tensor.bytes);
        return tensor;
    }

    private static string Checksum(List<byte[]> blobs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var blob in blobs)
        {
            hash.AppendData(blob);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private sealed record Entry(string Name, ScalarType Type, long[] Shape, long Begin, long End);
}

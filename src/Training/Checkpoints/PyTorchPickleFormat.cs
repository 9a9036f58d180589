// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.IO.Hashing;
using System.Linq;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace LayersFramework.Training;

/// <summary>
/// PyTorch's <c>torch.save</c> files (<c>.pt</c>, <c>.pth</c>: a zip archive holding a pickled dict and one entry of
/// bytes per tensor) through TorchSharp.PyBridge. What PyTorch's <c>torch.load(path, weights_only=True)</c> reads
/// back: a dict of tensors, plus, when there is metadata, a <c>"__metadata__"</c> entry holding a dict of strings.
/// </summary>
/// <remarks>
/// PyBridge's unpickler builds only what its registered constructors name (tensors, <c>OrderedDict</c>); other globals
/// become inert placeholders, so no code in the file runs. What comes back is then checked here: string keys, tensor
/// values, string metadata. Each zip entry's CRC-32 is checked first.
/// </remarks>
internal static class PyTorchPickleFormat
{
    /// <summary>The dict key that holds string metadata, as in safetensors.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>Writes the tensors (contiguous, on the CPU) and the metadata to <paramref name="destination"/>.</summary>
    /// <param name="destination">The stream.</param>
    /// <param name="tensors">The tensors by name.</param>
    /// <param name="metadata">String metadata; no "__metadata__" entry is written when it is empty.</param>
    public static void Write(Stream destination, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        // Razorvine's pickler writes any IDictionary as a Python dict, in its order (so not a Hashtable's).
        var state = new OrderedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors)
        {
            state[name] = tensor;
        }

        if (metadata.Count > 0)
        {
            state[MetadataKey] = new OrderedDictionary<string, string>(metadata.OrderBy(p => p.Key, StringComparer.Ordinal), StringComparer.Ordinal);
        }

        PyTorchPickler.PickleStateDict(destination, state, leaveOpen: true);
    }

    /// <summary>Reads every tensor and the metadata.</summary>
    /// <param name="stream">The file, seekable, at its start.</param>
    /// <param name="path">The file's name, for messages.</param>
    /// <returns>The tensors (in the current dispose scope) and the metadata.</returns>
    /// <exception cref="InvalidDataException">The file is truncated, corrupted, not a <c>torch.save</c> zip archive, or holds something other than a dict of tensors.</exception>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Read(Stream stream, string path)
    {
        Span<byte> signature = stackalloc byte[4];
        if (stream.Length < 4 || stream.Read(signature) < 4 || !signature.SequenceEqual("PK\u0003\u0004"u8))
        {
            throw new FileFaultException(
                $"{path}: not a zip archive, so not a PyTorch file written by torch.save since PyTorch 1.6 (the legacy format and TorchScript archives are not read here): the file is truncated, corrupted or another format.");
        }

        stream.Position = 0;
        CheckEntries(stream, path);
        stream.Position = 0;
        var state = PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: true);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in state)
        {
            switch (entry.Key, entry.Value)
            {
                case (MetadataKey, IDictionary values):
                    foreach (DictionaryEntry item in values)
                    {
                        metadata[item.Key as string ?? throw Unexpected(path, $"metadata key {item.Key}")] =
                            item.Value as string ?? throw Unexpected(path, $"metadata \"{item.Key}\", a {item.Value?.GetType().Name ?? "None"}");
                    }

                    break;
                case (string name, Tensor tensor):
                    tensors[name] = tensor;
                    break;
                default:
                    throw Unexpected(path, $"\"{entry.Key}\", a {entry.Value?.GetType().Name ?? "None"}");
            }
        }

        return (tensors, metadata);
    }

    /// <summary>Checks each entry's CRC-32 against the archive's record of it: .NET's zip reader does not, and PyBridge reads only the bytes a tensor needs.</summary>
    private static void CheckEntries(Stream stream, string path)
    {
        using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var crc = new Crc32();
        foreach (var entry in archive.Entries)
        {
            using (var content = entry.Open())
            {
                crc.Append(content);
            }

            var actual = crc.GetCurrentHashAsUInt32();
            crc.Reset();
            if (actual != entry.Crc32)
            {
                throw new FileFaultException($"{path}: the CRC-32 of entry {entry.FullName} is {actual:x8} but the archive records {entry.Crc32:x8}: the file is corrupted.");
            }
        }
    }

    private static FileFaultException Unexpected(string path, string what) =>
        new($"{path}: holds {what}, where a state dict holds only tensors by name (and string metadata under \"{MetadataKey}\").");
}

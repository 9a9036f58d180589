// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.IO.Hashing;
using System.Linq;
using LayersFramework.Engine;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace LayersFramework.Training;

/// <summary>
/// PyTorch's <c>torch.save</c> files (<c>.pt</c>, <c>.pth</c>: a zip archive holding a pickled dict and one entry of
/// bytes per tensor) through TorchSharp.PyBridge. What PyTorch's <c>torch.load(path, weights_only=True)</c> reads
/// back: a dict of tensors, plus, when there is metadata, a <c>"__metadata__"</c> entry holding a dict of strings.
/// </summary>
/// <remarks>
/// <para>
/// A file from anyone can be read: before PyBridge's unpickler sees a byte, every zip entry is checked (its declared
/// size against <see cref="MemoryBudget.CurrentMaxTensorBytes"/>, or <see cref="MaxPickleBytes"/> for the pickle, and its
/// bytes against that size and its CRC-32), and the pickle is walked opcode by opcode against an allowlist
/// (<see cref="PickleAllowlist"/>): the opcodes <c>torch.save</c> and PyBridge write for a state dict, the globals
/// <c>collections.OrderedDict</c>, <c>torch._utils._rebuild_tensor_v2</c> and <c>torch.*Storage</c>, and lengths within
/// the pickle. What PyBridge then builds is checked too: string keys, tensor values, string metadata. Safetensors
/// remains the format to prefer for files from others: it has no pickle to walk.
/// </para>
/// <para>
/// PyBridge finds each tensor's entry by scanning the archive, so its reading time grows with tensors × entries: 10,000
/// tensors in 10,000 entries took 4.7 s. Files beyond <see cref="MaxLookupSteps"/> of those steps are refused.
/// </para>
/// </remarks>
internal static class PyTorchPickleFormat
{
    /// <summary>The dict key that holds string metadata, as in safetensors.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>The largest pickle read, as safetensors limits its header: a state dict's pickle takes about 100 bytes per tensor.</summary>
    public const long MaxPickleBytes = 100_000_000;

    /// <summary>The most tensors × archive entries PyBridge may scan to find the tensors' bytes: 16,384 tensors in as many entries, about 13 s.</summary>
    public const long MaxLookupSteps = 1L << 28;

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
        CheckArchive(stream, path);
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

    /// <summary>
    /// Checks the archive before PyBridge reads any of it: the pickle first (its entry, then its opcodes), then every
    /// other entry, then that PyBridge's lookups of the tensors' entries stay within <see cref="MaxLookupSteps"/>.
    /// </summary>
    private static void CheckArchive(Stream stream, string path)
    {
        using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        // PyBridge unpickles the first entry whose name ends with "data.pkl" by string.EndsWith(string), a culture comparison: this picks the same one.
        var pickleEntry = archive.Entries.FirstOrDefault(e => e.Name.EndsWith("data.pkl", StringComparison.CurrentCulture))
            ?? throw new FileFaultException($"{path}: the archive holds no data.pkl, so it is not a file of torch.save: the file is corrupted or another format.");
        var buffer = new byte[1 << 16];
        using var pickle = new MemoryStream();
        CheckEntry(pickleEntry, path, buffer, pickle);
        var storageLoads = PickleAllowlist.Check(pickle.GetBuffer().AsSpan(0, (int)pickle.Length), path, pickleEntry.FullName);
        foreach (var entry in archive.Entries.Where(e => e != pickleEntry))
        {
            CheckEntry(entry, path, buffer, pickle: null);
        }

        var entries = archive.Entries.Count;
        if ((long)storageLoads * entries > MaxLookupSteps)
        {
            throw new FileFaultException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: holds {storageLoads:N0} tensors in an archive of {entries:N0} entries; PyBridge scans the archive for each tensor, and more than {MaxLookupSteps:N0} such steps are refused (see README, \"Untrusted .pt files\"): save this model as safetensors."));
        }
    }

    /// <summary>
    /// Checks one entry, since .NET's zip reader checks neither sizes nor CRCs and PyBridge reads only the bytes a tensor
    /// needs: its declared size against the limit (<see cref="MaxPickleBytes"/> for the pickle, else
    /// <see cref="MemoryBudget.CurrentMaxTensorBytes"/>) before reading, then its bytes, counted while their CRC-32 is computed,
    /// against that size (reading stops one byte past it) and the CRC the archive records.
    /// </summary>
    /// <param name="entry">The entry.</param>
    /// <param name="path">The file's name, for messages.</param>
    /// <param name="buffer">Where to read.</param>
    /// <param name="pickle">Where to copy the bytes when the entry is the pickle; null for the other entries.</param>
    private static void CheckEntry(ZipArchiveEntry entry, string path, byte[] buffer, Stream? pickle)
    {
        var limit = pickle is null ? MemoryBudget.CurrentMaxTensorBytes : MaxPickleBytes;
        if (entry.Length > limit)
        {
            throw new FileFaultException(pickle is not null
                ? string.Create(CultureInfo.InvariantCulture, $"{path}: the pickle {entry.FullName} declares {entry.Length:N0} bytes, more than the {limit:N0} read (a state dict's pickle takes about 100 bytes per tensor): the file is corrupted or not a state dict.")
                : string.Create(CultureInfo.InvariantCulture, $"{path}: entry {entry.FullName} declares {entry.Length:N0} bytes, more than the memory budget ({limit:N0} bytes, MemoryBudget); nothing was read. Raise the limit if this file is meant."));
        }

        var crc = new Crc32();
        long count = 0;
        using (var content = entry.Open())
        {
            int read;
            while ((read = content.Read(buffer, 0, (int)Math.Min(buffer.Length, entry.Length - count + 1))) > 0)
            {
                count += read;
                if (count > entry.Length)
                {
                    throw new FileFaultException(string.Create(CultureInfo.InvariantCulture, $"{path}: entry {entry.FullName} holds more than the {entry.Length:N0} bytes the archive declares: the file is corrupted."));
                }

                crc.Append(buffer.AsSpan(0, read));
                pickle?.Write(buffer, 0, read);
            }
        }

        if (count != entry.Length)
        {
            throw new FileFaultException(string.Create(CultureInfo.InvariantCulture, $"{path}: entry {entry.FullName} holds {count:N0} bytes but the archive declares {entry.Length:N0}: the file is truncated or corrupted."));
        }

        var actual = crc.GetCurrentHashAsUInt32();
        if (actual != entry.Crc32)
        {
            throw new FileFaultException($"{path}: the CRC-32 of entry {entry.FullName} is {actual:x8} but the archive records {entry.Crc32:x8}: the file is corrupted.");
        }
    }

    private static FileFaultException Unexpected(string path, string what) =>
        new($"{path}: holds {what}, where a state dict holds only tensors by name (and string metadata under \"{MetadataKey}\").");
}

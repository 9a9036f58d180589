// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Training;

/// <summary>
/// Named tensors and string metadata in a file PyTorch reads, through TorchSharp.PyBridge: safetensors
/// (<c>.safetensors</c>) or PyTorch's <c>torch.save</c> format (<c>.pt</c>, <c>.pth</c>, <c>.bin</c>), chosen by the
/// file's extension. Writes are atomic; reads are checked and fail whole.
/// </summary>
/// <remarks>
/// <para>
/// Writes go to a temporary file beside the destination, flushed to disk, then renamed over it
/// (<see cref="AtomicFile"/>): a crash or a full disk mid-save leaves the previous file as it was. Tensors are
/// written from a contiguous CPU copy in row-major order of their shape; names are written in ordinal order.
/// </para>
/// <para>
/// Reads raise <see cref="InvalidDataException"/> naming the file and the fault for anything that is not a whole,
/// well-formed file: a safetensors header is checked entirely (length, JSON, names given once, dtypes, shapes against
/// offsets, offsets tiling the data) before a tensor is allocated, and its SHA-256 (which this framework writes
/// into the metadata) is checked when present; a <c>.pt</c> file must be a zip archive holding a dict of tensors.
/// </para>
/// <para>
/// Safetensors is the format to trust with files from others: it is data only. A <c>.pt</c> file is a Python pickle,
/// a format made to run code: its archive and its pickle are checked against an allowlist before PyBridge reads them
/// (see the README, "Untrusted .pt files"), and nothing in it runs, but prefer safetensors for untrusted files (as
/// PyTorch's own documentation does).
/// </para>
/// </remarks>
public static class TensorFile
{
    private static readonly string[] PickleExtensions = [".pt", ".pth", ".bin"];

    /// <summary>Writes tensors (and string metadata) to <paramref name="path"/>, atomically, in the format its extension names.</summary>
    /// <param name="path">A <c>.safetensors</c>, <c>.pt</c>, <c>.pth</c> or <c>.bin</c> file; an existing file is replaced only once the new one is complete.</param>
    /// <param name="tensors">The tensors by name; any dtype PyTorch stores, any device, any strides.</param>
    /// <param name="metadata">String metadata, or null.</param>
    /// <exception cref="ArgumentException">The extension is none of those, or a name is empty or "__metadata__".</exception>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var pickle = IsPickle(path);
        var bad = tensors.Keys.FirstOrDefault(name => string.IsNullOrEmpty(name) || name == "__metadata__");
        if (bad is not null)
        {
            throw new ArgumentException($"\"{bad}\" cannot name a tensor in a file: names are non-empty and \"__metadata__\" holds the metadata.", nameof(tensors));
        }

        using var scope = torch.NewDisposeScope();
        var ordered = tensors.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value.detach().cpu().contiguous(), StringComparer.Ordinal);
        var meta = metadata ?? new Dictionary<string, string>();
        var full = Path.GetFullPath(path);
        AtomicFile.Write(full, stream =>
        {
            if (pickle)
            {
                PyTorchPickleFormat.Write(stream, ordered, meta);
            }
            else
            {
                SafetensorsFormat.Write(stream, ordered, meta, full);
            }
        });
    }

    /// <summary>Reads every tensor and the metadata of a file, in the format its extension names, after checking it.</summary>
    /// <param name="path">A <c>.safetensors</c>, <c>.pt</c>, <c>.pth</c> or <c>.bin</c> file.</param>
    /// <returns>The tensors by name (owned by the current dispose scope, or by the caller) and the metadata.</returns>
    /// <exception cref="ArgumentException">The extension is none of those.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is truncated, corrupted or not in that format; the message names the file and the fault.</exception>
    public static (IReadOnlyDictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata) Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var pickle = IsPickle(path);
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"{path} is a folder, not a {(pickle ? "PyTorch" : "safetensors")} file.");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var scope = torch.NewDisposeScope();
        Dictionary<string, Tensor> tensors;
        Dictionary<string, string> metadata;
        try
        {
            (tensors, metadata) = pickle ? PyTorchPickleFormat.Read(stream, path) : SafetensorsFormat.Read(stream, path);
        }
        catch (FileFaultException fault)
        {
            throw new InvalidDataException(fault.Message, fault.InnerException);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PyBridge and the zip and pickle readers under it signal a bad file with many exception types, none naming it.
            throw new InvalidDataException($"{path}: cannot be read as a {(pickle ? "PyTorch state dict" : "safetensors file")}: {e.GetType().Name}: {e.Message}", e);
        }

        foreach (var tensor in tensors.Values)
        {
            scope.MoveToOuter(tensor);
        }

        return (tensors, metadata);
    }

    private static bool IsPickle(string path)
    {
        var extension = Path.GetExtension(path);
        if (extension.Equals(".safetensors", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return PickleExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase)
            ? true
            : throw new ArgumentException($"\"{path}\" has the extension \"{extension}\"; the format is chosen by it: .safetensors, or .pt, .pth or .bin for PyTorch's torch.save format.", nameof(path));
    }
}

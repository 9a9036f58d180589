// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using static TorchSharp.torch;

namespace LayersFramework.Examples;

/// <summary>
/// Reads Fashion-MNIST from Debian's <c>dataset-fashion-mnist</c> package: gzip-compressed IDX files
/// (big-endian magic 0x00000803 for images, 0x00000801 for labels, then the sizes and the bytes).
/// </summary>
public static class FashionMnist
{
    /// <summary>Where Debian installs the data set.</summary>
    public const string DefaultFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>The classes, in label order.</summary>
    public static readonly string[] Classes = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Loads a split's images as a float tensor (count, 28, 28, 1) scaled to [−1, 1].</summary>
    /// <param name="folder">The data set's folder.</param>
    /// <param name="train">The training split (60,000 images) or the test split (10,000).</param>
    /// <param name="limit">Read at most this many images, or all.</param>
    /// <returns>The images, owned by the current dispose scope or, outside one, by the caller.</returns>
    /// <exception cref="DataSetMissingException">The files are not there.</exception>
    /// <exception cref="InvalidDataException">A file is not an IDX image file.</exception>
    public static Tensor LoadImages(string folder, bool train, int? limit = null)
    {
        var path = Path.Combine(folder, train ? "train-images-idx3-ubyte.gz" : "t10k-images-idx3-ubyte.gz");
        var bytes = ReadGzip(path);
        if (bytes.Length < 16 || BinaryPrimitives.ReadInt32BigEndian(bytes) != 0x803)
        {
            throw new InvalidDataException($"{path} is not an IDX image file (magic 0x00000803).");
        }

        var count = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
        var rows = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8));
        var columns = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(12));
        var take = Math.Min(count, limit ?? count);
        if (bytes.Length < 16 + ((long)count * rows * columns))
        {
            throw new InvalidDataException($"{path} is truncated: {count} images of {rows}x{columns} need {16 + ((long)count * rows * columns)} bytes, it has {bytes.Length}.");
        }

        var pixels = new float[take * rows * columns];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (bytes[16 + i] / 127.5f) - 1;
        }

        return tensor(pixels, [take, rows, columns, 1]);
    }

    private static byte[] ReadGzip(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataSetMissingException(path);
        }

        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }
}

/// <summary>The data set is not installed; the message gives the command that installs it.</summary>
/// <param name="path">The file that is missing.</param>
public sealed class DataSetMissingException(string path)
    : Exception($"Fashion-MNIST was not found ({path} is missing). Install it with `sudo ./scripts/setup.sh` (or `sudo apt-get install dataset-fashion-mnist`), or give its folder with --data.");

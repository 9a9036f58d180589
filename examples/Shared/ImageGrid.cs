// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.IO;
using System.Runtime.InteropServices;
using LayersFramework.Training;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Examples;

/// <summary>
/// Lays out a batch of grayscale images, values in [−1, 1], as a grid in one 8-bit grayscale PNG (SkiaSharp
/// encodes it): each tile scaled up by whole pixels (nearest neighbour, so no pixel is invented) with dark gutters
/// between the tiles, so that 28-pixel garments can be told apart at a glance.
/// </summary>
public static class ImageGrid
{
    /// <summary>The gutters' gray level: mid-gray, apart from both the black background and the white garments.</summary>
    private const byte GutterLevel = 110;

    /// <summary>Saves images (count, height, width, 1) as a grid; the file is written whole or not at all.</summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="images">The images, NHWC with one channel, values in [−1, 1] (clamped outside).</param>
    /// <param name="columns">Images per row.</param>
    /// <param name="scale">Screen pixels per image pixel, 1 or more.</param>
    /// <param name="gutter">Screen pixels between tiles and around the grid.</param>
    /// <exception cref="ArgumentException">The images are not (count, height, width, 1), or columns, scale or gutter are out of range.</exception>
    public static void Save(string path, Tensor images, int columns, int scale = 3, int gutter = 4)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.size(3) != 1 || images.size(0) < 1)
        {
            throw new ArgumentException($"images must be (count, height, width, 1) with count of 1 or more; received ({string.Join(", ", images.shape)}).", nameof(images));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(gutter);
        var (count, height, width) = ((int)images.size(0), (int)images.size(1), (int)images.size(2));
        byte[] levels;
        using (var scope = NewDisposeScope())
        {
            // [−1, 1] → 0..255, rounded; then each pixel repeated scale × scale times.
            var gray = images.detach().cpu().to(ScalarType.Float64).add(1).mul(127.5).round().clamp(0, 255).to(ScalarType.Byte);
            levels = gray.squeeze(3).repeat_interleave(scale, 1).repeat_interleave(scale, 2).contiguous().data<byte>().ToArray();
        }

        var (tileHeight, tileWidth) = (height * scale, width * scale);
        var rows = (count + columns - 1) / columns;
        var gridWidth = (Math.Min(columns, count) * (tileWidth + gutter)) + gutter;
        var gridHeight = (rows * (tileHeight + gutter)) + gutter;
        var pixels = new byte[gridWidth * gridHeight];
        Array.Fill(pixels, GutterLevel);
        for (var n = 0; n < count; n++)
        {
            var (top, left) = (gutter + ((n / columns) * (tileHeight + gutter)), gutter + ((n % columns) * (tileWidth + gutter)));
            for (var y = 0; y < tileHeight; y++)
            {
                Array.Copy(levels, ((n * tileHeight) + y) * tileWidth, pixels, ((top + y) * gridWidth) + left, tileWidth);
            }
        }

        WriteGrayPng(path, pixels, gridWidth, gridHeight);
    }

    /// <summary>Encodes 8-bit gray levels, row by row, as a grayscale PNG, through a temporary file renamed over the target.</summary>
    private static void WriteGrayPng(string path, byte[] pixels, int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new IOException($"SkiaSharp could not encode the {width}x{height} image for {path}.");
        AtomicFile.Write(path, stream => data.SaveTo(stream));
    }
}

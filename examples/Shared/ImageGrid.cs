// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Examples;

/// <summary>Lays out a batch of grayscale images, values in [−1, 1], as a grid in one PNG.</summary>
public static class ImageGrid
{
    /// <summary>Saves images (count, height, width, 1) as a grid of <paramref name="columns"/> columns with a 2-pixel gap.</summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="images">The images, NHWC with one channel, values in [−1, 1].</param>
    /// <param name="columns">Images per row.</param>
    public static void Save(string path, Tensor images, int columns)
    {
        ArgumentNullException.ThrowIfNull(images);
        var (count, height, width) = ((int)images.size(0), (int)images.size(1), (int)images.size(2));
        float[] values;
        using (var scope = NewDisposeScope())
        {
            values = images.detach().cpu().to(ScalarType.Float32).contiguous().data<float>().ToArray();
        }
        const int gap = 2;
        var rows = (count + columns - 1) / columns;
        var gridWidth = (columns * (width + gap)) + gap;
        var gridHeight = (rows * (height + gap)) + gap;
        var pixels = new byte[gridWidth * gridHeight];
        Array.Fill(pixels, (byte)64);
        for (var n = 0; n < count; n++)
        {
            var (top, left) = (gap + ((n / columns) * (height + gap)), gap + ((n % columns) * (width + gap)));
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var value = values[(((n * height) + y) * width) + x];
                    pixels[((top + y) * gridWidth) + left + x] = (byte)Math.Clamp(Math.Round((value + 1) * 127.5), 0, 255);
                }
            }
        }

        Png.Write(path, pixels, gridWidth, gridHeight, rgb: false);
    }
}

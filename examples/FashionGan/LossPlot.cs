// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;

namespace LayersFramework.Examples.FashionGan;

/// <summary>
/// Draws the loss curves as a PNG: one line per series over the steps (a running mean, so the trend shows through
/// the noise), on a light grid with a horizontal line at every 0.5 of loss and a vertical one at every epoch.
/// </summary>
internal static class LossPlot
{
    private const int Width = 800;
    private const int Height = 400;
    private const int Margin = 20;

    /// <summary>Saves the plot.</summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="series">Each series' colour (R, G, B) and values, one per step.</param>
    /// <param name="stepsPerEpoch">Steps per epoch, for the vertical lines.</param>
    public static void Save(string path, IReadOnlyList<((byte R, byte G, byte B) Colour, IReadOnlyList<double> Values)> series, int stepsPerEpoch)
    {
        var pixels = new byte[Width * Height * 3];
        Array.Fill(pixels, (byte)255);
        var steps = Math.Max(2, series.Max(s => s.Values.Count));
        var smoothed = series.Select(s => (s.Colour, Values: RunningMean(s.Values, Math.Max(1, steps / 100)))).ToList();
        var top = Math.Max(0.5, Math.Ceiling(smoothed.SelectMany(s => s.Values).DefaultIfEmpty(1).Max() * 2) / 2);
        int X(double step) => Margin + (int)Math.Round((Width - (2 * Margin) - 1) * step / (steps - 1));
        int Y(double loss) => Height - Margin - 1 - (int)Math.Round((Height - (2 * Margin) - 1) * Math.Clamp(loss / top, 0, 1));

        for (var level = 0.0; level <= top + 1e-9; level += 0.5)
        {
            Line(pixels, X(0), Y(level), X(steps - 1), Y(level), (220, 220, 220));
        }

        for (var epoch = stepsPerEpoch; epoch < steps; epoch += stepsPerEpoch)
        {
            Line(pixels, X(epoch), Y(0), X(epoch), Y(top), (220, 220, 220));
        }

        Line(pixels, X(0), Y(0), X(steps - 1), Y(0), (0, 0, 0));
        Line(pixels, X(0), Y(0), X(0), Y(top), (0, 0, 0));
        foreach (var (colour, values) in smoothed)
        {
            for (var i = 1; i < values.Count; i++)
            {
                Line(pixels, X(i - 1), Y(values[i - 1]), X(i), Y(values[i]), colour);
            }
        }

        Png.Write(path, pixels, Width, Height, rgb: true);
    }

    private static List<double> RunningMean(IReadOnlyList<double> values, int window)
    {
        var result = new List<double>(values.Count);
        double sum = 0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += values[i];
            if (i >= window)
            {
                sum -= values[i - window];
            }

            result.Add(sum / Math.Min(i + 1, window));
        }

        return result;
    }

    /// <summary>Bresenham's line.</summary>
    private static void Line(byte[] pixels, int x0, int y0, int x1, int y1, (byte R, byte G, byte B) colour)
    {
        int dx = Math.Abs(x1 - x0), dy = -Math.Abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, error = dx + dy;
        while (true)
        {
            if (x0 is >= 0 and < Width && y0 is >= 0 and < Height)
            {
                var i = ((y0 * Width) + x0) * 3;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = colour;
            }

            if (x0 == x1 && y0 == y1)
            {
                return;
            }

            var twice = 2 * error;
            if (twice >= dy)
            {
                error += dy;
                x0 += sx;
            }

            if (twice <= dx)
            {
                error += dx;
                y0 += sy;
            }
        }
    }
}

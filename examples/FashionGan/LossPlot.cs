// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LayersFramework.Training;
using ScottPlot;

namespace LayersFramework.Examples.FashionGan;

/// <summary>
/// Draws the loss curves with ScottPlot: a title, axis labels (step, loss), tick labels, a legend naming the
/// discriminator and the generator, each curve as a running mean (so the trend shows through the noise) with a
/// marker at the end of every epoch, and a dashed line at each epoch boundary.
/// </summary>
/// <remarks>
/// Text needs a font file: ScottPlot draws lines but no text, without any error, when the font it asks for is
/// missing. So the plot names its sans font explicitly (DejaVu Sans, Debian's <c>fonts-dejavu-core</c>) and is drawn
/// only when <see cref="FindFont"/> found its file.
/// </remarks>
internal static class LossPlot
{
    /// <summary>The font family the plot's text is set in.</summary>
    public const string FontFamily = "DejaVu Sans";

    /// <summary>The font's file name.</summary>
    public const string FontFile = "DejaVuSans.ttf";

    /// <summary>The font files registered with ScottPlot so far: it keeps every registration, so each file is registered once.</summary>
    private static readonly HashSet<string> RegisteredFonts = [];

    /// <summary>Where Debian (and most Linux systems) keep font files.</summary>
    public static readonly IReadOnlyList<string> FontFolders = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts", "/usr/local/share/fonts"];

    /// <summary>The message when <see cref="FindFont"/> finds nothing: what is missing, what it means, and the command that installs it.</summary>
    public static string NoFontMessage =>
        $"No {FontFamily} font ({FontFile}) was found in {string.Join(", ", FontFolders)}, so losses.png is not drawn (a plot without a font would have no text); " +
        "the losses still go to losses.csv. Install the font with: sudo apt-get install fonts-dejavu-core (./run.sh does this).";

    /// <summary>Finds the plot's font file in the folders (and their subfolders).</summary>
    /// <param name="folders">The folders to look in, in order.</param>
    /// <returns>The file's path, or null when none of the folders has it.</returns>
    public static string? FindFont(IEnumerable<string> folders) =>
        folders.Where(Directory.Exists)
            .Select(folder => Directory.EnumerateFiles(folder, FontFile, new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }).FirstOrDefault())
            .FirstOrDefault(path => path is not null);

    /// <summary>Saves the plot as an 800 × 450 PNG, whole or not at all.</summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="series">Each curve's name, colour and values, one per step.</param>
    /// <param name="stepsPerEpoch">Steps per epoch, for the markers and the boundaries.</param>
    /// <param name="fontFile">The font file <see cref="FindFont"/> found.</param>
    public static void Save(string path, IReadOnlyList<(string Name, Color Colour, IReadOnlyList<double> Values)> series, int stepsPerEpoch, string fontFile)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerEpoch, 1);
        lock (RegisteredFonts)
        {
            if (RegisteredFonts.Add(fontFile))
            {
                Fonts.AddFontFile(FontFamily, fontFile);
            }
        }

        using var plot = new Plot();
        plot.Font.Set(FontFamily);
        plot.Title("FashionGan: training losses");
        plot.XLabel("step");
        plot.YLabel("loss (running mean)");

        var steps = series.Max(s => s.Values.Count);
        for (var boundary = stepsPerEpoch; boundary < steps; boundary += stepsPerEpoch)
        {
            var line = plot.Add.VerticalLine(boundary);
            line.Color = Colors.Gray.WithAlpha(0.6);
            line.LinePattern = LinePattern.Dashed;
        }

        var curves = series.Select(s => (s.Name, s.Colour, Smoothed: RunningMean(s.Values, Math.Max(1, steps / 100)))).ToList();
        foreach (var (name, colour, smoothed) in curves)
        {
            double[] xs = [.. Enumerable.Range(1, smoothed.Length).Select(step => (double)step)];
            var curve = plot.Add.ScatterLine(xs, smoothed);
            curve.LegendText = name;
            curve.Color = colour;
            curve.LineWidth = 1.5f;

            // A marker where each epoch ends, at the curve's value there.
            var ends = Enumerable.Range(1, smoothed.Length / stepsPerEpoch).Select(epoch => epoch * stepsPerEpoch).ToArray();
            if (ends.Length > 0)
            {
                plot.Add.Markers(ends.Select(step => (double)step).ToArray(), ends.Select(step => smoothed[step - 1]).ToArray(), MarkerShape.FilledCircle, 7, colour);
            }
        }

        plot.Axes.SetLimitsY(0, Math.Max(0.5, Math.Ceiling(curves.SelectMany(c => c.Smoothed).DefaultIfEmpty(1).Max() * 2) / 2));
        plot.ShowLegend(Edge.Right); // beside the data, so it never hides the last epoch's markers
        var png = plot.GetImageBytes(800, 450, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }

    private static double[] RunningMean(IReadOnlyList<double> values, int window)
    {
        var result = new double[values.Count];
        double sum = 0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += values[i];
            if (i >= window)
            {
                sum -= values[i - window];
            }

            result[i] = sum / Math.Min(i + 1, window);
        }

        return result;
    }
}

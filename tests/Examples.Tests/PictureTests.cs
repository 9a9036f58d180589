// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Examples.FashionGan;
using LayersFramework.Training;
using SkiaSharp;

namespace LayersFramework.Examples.Tests;

/// <summary>The examples' pictures: sample grids (SkiaSharp) and the loss plot (ScottPlot), read back as a viewer would.</summary>
public sealed class PictureTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("lf-pictures-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void AnImageGrid_IsAGrayscalePng_WithTilesScaledUpByWholePixels_AndGutters()
    {
        var path = Path.Combine(folder, "grid.png");
        using (var scope = NewDisposeScope())
        {
            // Three 2x2 images: −1 (black), 1 (white), and a gradient −1, 0, 0.5, 1; two per row.
            var images = tensor(new float[] { -1, -1, -1, -1, 1, 1, 1, 1, -1, 0, 0.5f, 1 }, [3, 2, 2, 1]);
            ImageGrid.Save(path, images, columns: 2, scale: 3, gutter: 1);
        }

        var bytes = File.ReadAllBytes(path);
        Assert.Equal((byte)8, bytes[24]);   // IHDR: bit depth 8
        Assert.Equal((byte)0, bytes[25]);   // IHDR: colour type 0, grayscale

        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal(1 + (2 * (6 + 1)), bitmap.Width);    // two tiles of 2·3 pixels, gutters of 1 around them
        Assert.Equal(1 + (2 * (6 + 1)), bitmap.Height);   // two rows
        byte Level(int x, int y) => bitmap.GetPixel(x, y).Red;

        Assert.Equal(110, Level(0, 0));                    // the outer gutter
        Assert.Equal(110, Level(7, 3));                    // between the first two tiles
        Assert.All(new[] { (1, 1), (6, 6), (3, 4) }, p => Assert.Equal(0, Level(p.Item1, p.Item2)));       // tile 1: black
        Assert.All(new[] { (8, 1), (13, 6) }, p => Assert.Equal(255, Level(p.Item1, p.Item2)));            // tile 2: white
        // Tile 3, pixel by pixel, each repeated over 3x3 screen pixels: (x + 1) · 127.5, rounded half to even.
        Assert.Equal(0, Level(1, 8));
        Assert.Equal(0, Level(3, 10));
        Assert.Equal(128, Level(4, 8));
        Assert.Equal(128, Level(6, 10));
        Assert.Equal(191, Level(1, 11));
        Assert.Equal(255, Level(6, 13));
        Assert.Equal(110, Level(8, 11));                   // where a fourth tile would be: gutter colour
    }

    [Fact]
    public void ABadBatch_IsRefused_NamingTheShape()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => ImageGrid.Save(Path.Combine(folder, "bad.png"), ones(2, 28, 28, 3), columns: 2));

        Assert.Contains("(2, 28, 28, 3)", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public void TheLossPlot_HasText_TitleAxesAndLegend_DrawnInItsFont()
    {
        var font = LossPlot.FindFont(LossPlot.FontFolders);
        Assert.True(font is not null, "the test machine lacks fonts-dejavu-core, which scripts/setup.sh installs");
        var path = Path.Combine(folder, "losses.png");
        double[] falling = [.. Enumerable.Range(0, 300).Select(i => 1.4 - (i / 600.0))];
        double[] rising = [.. Enumerable.Range(0, 300).Select(i => 0.7 + (i / 300.0))];

        LossPlot.Save(path, [("discriminator", ScottPlot.Colors.Red, falling), ("generator", ScottPlot.Colors.Blue, rising)], stepsPerEpoch: 100, font);

        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal(800, bitmap.Width);
        Assert.Equal(450, bitmap.Height);

        // The title is centred in the top band, above the data area: dark pixels there can only be its text. So can
        // dark pixels left of the y-axis's tick labels' column, where the rotated "loss" label is, below the tick
        // labels, where "step" is centred under the data, and right of the data, where only the legend is.
        Assert.True(DarkPixels(bitmap, 250, 0, 550, 28) > 100, "no title text");
        Assert.True(DarkPixels(bitmap, 0, 150, 22, 300) > 40, "no y-axis label text");
        Assert.True(DarkPixels(bitmap, 280, 420, 400, 450) > 20, "no x-axis label text");
        Assert.True(DarkPixels(bitmap, 660, 150, 800, 300) > 100, "no legend text");
    }

    [Fact]
    public void WithoutAFont_TheTrainerSaysSo_AndWritesNoPlot_ButKeepsTheLosses()
    {
        using var images = FashionMnist.LoadImages(FashionMnist.DefaultFolder, train: true, limit: 64);
        var output = new StringWriter();
        var empty = Directory.CreateDirectory(Path.Combine(folder, "no-fonts")).FullName;
        using (var trainer = new GanTrainer(new GanOptions { Epochs = 1, BatchSize = 32, Output = folder, Width = 1 }, output, [empty]))
        {
            trainer.Train(images);
        }

        Assert.Null(LossPlot.FindFont([empty]));
        Assert.Contains(LossPlot.NoFontMessage, output.ToString(), StringComparison.Ordinal);
        Assert.Contains("fonts-dejavu-core", LossPlot.NoFontMessage, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "losses.png")));
        Assert.True(File.Exists(Path.Combine(folder, "losses.csv")));
        Assert.True(File.Exists(Path.Combine(folder, "samples-epoch-01.png")));
    }

    [Fact]
    public void AFailedWrite_LeavesTheOldFileAsItWas_AndNoTemporaryFile()
    {
        var path = Path.Combine(folder, "picture.png");
        File.WriteAllText(path, "the old picture");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half of a new pic"u8);
            throw new IOException("disk full");
        }));

        Assert.Equal("the old picture", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder));
    }

    private static int DarkPixels(SKBitmap bitmap, int left, int top, int right, int bottom)
    {
        var count = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++)
            {
                var colour = bitmap.GetPixel(x, y);
                count += colour.Red < 100 && colour.Green < 100 && colour.Blue < 100 ? 1 : 0;
            }
        }

        return count;
    }
}

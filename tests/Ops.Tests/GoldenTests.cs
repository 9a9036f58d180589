// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json;

namespace LayersFramework.Ops.Tests;

/// <summary>
/// Golden values from Golden/generate_conv_transpose_golden.py: the transpose computed by Debian's
/// python3-torch as the autograd input-gradient of a padded forward convolution (never conv_transpose), over
/// ranks 1-3, both data formats, strides, dilations, groups, SAME/VALID/explicit padding and every valid
/// output size.
/// </summary>
public sealed class GoldenTests
{
    private static readonly Lazy<JsonElement[]> Cases = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Golden", "conv_transpose_golden.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    });

    public static TheoryData<string> CaseNames => new(Cases.Value.Select(c => c.GetProperty("name").GetString()!));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ConvTranspose_MatchesTheGoldenValue_InFloat64(string name)
    {
        var golden = Cases.Value.Single(c => c.GetProperty("name").GetString() == name);
        using var scope = NewDisposeScope();
        var input = tensor(Doubles(golden, "input"), Longs(golden, "input_shape"));
        var filters = tensor(Doubles(golden, "filters"), Longs(golden, "filters_shape"));
        var outputShape = Longs(golden, "output_shape");
        var strides = Longs(golden, "strides").Select(v => (int)v).ToArray();
        var dilations = Longs(golden, "dilations").Select(v => (int)v).ToArray();
        var format = golden.GetProperty("data_format").GetString();
        var padding = golden.GetProperty("padding");

        var output = padding.ValueKind == JsonValueKind.String
            ? Nn.ConvTranspose(input, filters, outputShape, strides, padding.GetString()!, format, dilations)
            : Nn.ConvTranspose(input, filters, outputShape, strides, padding.EnumerateArray().Select(p => p.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray(), format, dilations);

        TensorAssert.Close(Doubles(golden, "expected"), outputShape, output, rtol: 1e-12, atol: 1e-12);
    }

    [Fact]
    public void GoldenFile_CoversEveryRankFormatAndPaddingKind()
    {
        var kinds = Cases.Value
            .Select(c => (Format: c.GetProperty("data_format").GetString(), Padding: c.GetProperty("padding") is { ValueKind: JsonValueKind.String } p ? p.GetString() : "explicit"))
            .Distinct()
            .Count();

        Assert.Equal(6 * 3, kinds);
        Assert.True(Cases.Value.Length >= 300);
    }

    private static double[] Doubles(JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static long[] Longs(JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(v => v.GetInt64()).ToArray();
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace LayersFramework.Configuration.Tests;

public sealed class ConfigReaderTests
{
    [Fact]
    public void ReadsValues_AndFallsBackToDefaults()
    {
        var reader = new ConfigReader(JsonNode.Parse("""{"scale": 2.5, "mode": "fan_avg", "seed": 7, "axis": [0, 1]}""")!.AsObject(), "VarianceScaling");

        Assert.Equal(2.5, reader.Number("scale", 1.0));
        Assert.Equal("fan_avg", reader.Text("mode", "fan_in"));
        Assert.Equal(7L, reader.OptionalInteger("seed"));
        Assert.Equal(new[] { 0, 1 }, reader.Ints("axis", [0]));
        Assert.Equal(0.5, reader.Number("absent", 0.5));
        reader.EnsureNoOtherKeys();
    }

    [Fact]
    public void NullSeed_AndASingleIntegerAxis_AreRead()
    {
        var reader = new ConfigReader(JsonNode.Parse("""{"seed": null, "axis": 2}""")!.AsObject(), "MaxNorm");

        Assert.Null(reader.OptionalInteger("seed"));
        Assert.Equal(new[] { 2 }, reader.Ints("axis", [0]));
    }

    [Fact]
    public void UnexpectedKeys_AreRefused_NamingThemAndTheExpectedOnes()
    {
        var reader = new ConfigReader(JsonNode.Parse("""{"seed": 1, "sead": 2}""")!.AsObject(), "GlorotUniform", "kernelInitializer");
        reader.OptionalInteger("seed");

        var error = Assert.Throws<ArgumentException>(reader.EnsureNoOtherKeys);

        Assert.Equal("kernelInitializer", error.ParamName);
        Assert.Contains("GlorotUniform has unexpected key(s) 'sead'; it takes 'seed'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AValueOfTheWrongKind_IsRefused_NamingKeyAndValue()
    {
        var reader = new ConfigReader(JsonNode.Parse("""{"scale": "big"}""")!.AsObject(), "VarianceScaling");

        var error = Assert.Throws<ArgumentException>(() => reader.Number("scale", 1));

        Assert.Contains("VarianceScaling has scale = \"big\"; expected a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigsBuiltInCode_WithIntegersWhereNumbersGo_AreRead()
    {
        var reader = new ConfigReader(new JsonObject { ["alpha"] = 2, ["count"] = 3, ["flag"] = true, ["limit"] = null }, "Elu");

        Assert.Equal(2.0, reader.Number("alpha", 1.0));
        Assert.Equal(3L, reader.WholeNumber("count", 0));
        Assert.True(reader.Boolean("flag", false));
        Assert.Null(reader.OptionalNumber("limit"));
    }
}

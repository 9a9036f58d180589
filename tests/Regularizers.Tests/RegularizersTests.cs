// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;

using LayersFramework.Tests.Contracts;

namespace LayersFramework.Regularizers.Tests;

/// <summary>Names, Keras's serialized forms and round trips, as <c>keras.regularizers.get</c> and <c>serialize</c> define them.</summary>
public sealed class RegularizersTests : ComponentFamilyContractTests<IRegularizer>
{
    private static readonly string[] KerasNames =
        ["L1", "L1L2", "L2", "OrthogonalRegularizer", "l1", "l1l2", "l2", "orthogonal_regularizer"];

    public static TheoryData<string, Type, string> Names => new()
    {
        { "L1", typeof(L1), """{"l1":0.01}""" },
        { "l1", typeof(L1), """{"l1":0.01}""" },
        { "L2", typeof(L2), """{"l2":0.01}""" },
        { "l2", typeof(L2), """{"l2":0.01}""" },
        { "L1L2", typeof(L1L2), """{"l1":0,"l2":0}""" },
        { "l1l2", typeof(L1L2), """{"l1":0,"l2":0}""" },
        { "OrthogonalRegularizer", typeof(OrthogonalRegularizer), """{"factor":0.01,"mode":"rows"}""" },
        { "orthogonal_regularizer", typeof(OrthogonalRegularizer), """{"factor":0.01,"mode":"rows"}""" },
    };

    protected override ComponentRegistry<IRegularizer> BuiltIns => RegularizerRegistry.BuiltIns;

    protected override (string Family, string Module) Identity => ("regularizer", "keras.regularizers");

    protected override string[] KnownNames => KerasNames;

    protected override string[] ConcreteTypeNames => ["L1", "L1L2", "L2", "OrthogonalRegularizer"];

    protected override string[] UnknownNames => ["l3", "L1_L2", "orthogonal", ""];

    protected override (IRegularizer Instance, string Envelope)[] Serialized =>
    [
        (new L1(0.5), """{"module":"keras.regularizers","class_name":"L1","config":{"l1":0.5},"registered_name":null}"""),
        (new L2(), """{"module":"keras.regularizers","class_name":"L2","config":{"l2":0.01},"registered_name":null}"""),
        (new L1L2(0.01, 0.02), """{"module":"keras.regularizers","class_name":"L1L2","config":{"l1":0.01,"l2":0.02},"registered_name":null}"""),
        (new OrthogonalRegularizer(0.1, "columns"), """{"module":"keras.regularizers","class_name":"OrthogonalRegularizer","config":{"factor":0.1,"mode":"columns"},"registered_name":null}"""),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void Get_ResolvesEveryDocumentedName_WithTheClassDefaults(string name, Type type, string defaultConfig)
    {
        var regularizer = RegularizerRegistry.Get(name);

        Assert.IsType(type, regularizer);
        Assert.Equal(defaultConfig, regularizer!.GetConfig().ToJsonString());
    }

    [Fact]
    public void Get_RejectsTfKerasL1L2String_AsKeras3Does_SayingWhatToWriteInstead()
    {
        ArgumentAssert.Throws<ArgumentException>(
            () => RegularizerRegistry.Get("l1_l2", "kernelRegularizer"),
            "kernelRegularizer",
            "'l1_l2'",
            "L1L2(l1=0.01, l2=0.01)",
            "new L1L2(0.01, 0.01)",
            "Known names: " + string.Join(", ", KnownNames));
        ArgumentAssert.Throws<ArgumentException>(() => RegularizerRegistry.Get("l1_l2"), "identifier", "'l1_l2'");
    }

    [Fact]
    public void Get_ReadsWhatKeras3Writes_IncludingFloat32Factors()
    {
        // Keras 3 holds factors as float32 tensors, so L1L2(0.01, 0) serializes l1 as 0.009999999776482582.
        var text = """{"module": "keras.regularizers", "class_name": "L1L2", "config": {"l1": 0.009999999776482582, "l2": 0.0}, "registered_name": null}""";

        var regularizer = Assert.IsType<L1L2>(RegularizerRegistry.Get(JsonNode.Parse(text)));

        Assert.Equal(0.009999999776482582, regularizer.L1Factor);
        Assert.Equal(0.0, regularizer.L2Factor);
    }

    [Theory]
    [InlineData("""{"class_name": "L2", "config": {"l2": 0.5}}""", typeof(L2), """{"l2":0.5}""")]
    [InlineData("""{"class_name": "l1", "config": {"l1": 0.2}}""", typeof(L1), """{"l1":0.2}""")]
    [InlineData("""{"class_name": "OrthogonalRegularizer", "config": {"factor": 0.1, "mode": "columns"}}""", typeof(OrthogonalRegularizer), """{"factor":0.1,"mode":"columns"}""")]
    [InlineData("""{"class_name": "L1L2", "config": {}}""", typeof(L1L2), """{"l1":0,"l2":0}""")]
    [InlineData("""{"class_name": "L1"}""", typeof(L1), """{"l1":0.01}""")]
    public void Get_ReadsTheLegacyForm(string text, Type type, string expectedConfig)
    {
        var regularizer = RegularizerRegistry.Get(JsonNode.Parse(text));

        Assert.IsType(type, regularizer);
        Assert.Equal(expectedConfig, regularizer!.GetConfig().ToJsonString());
    }

    [Theory]
    [InlineData("""{"class_name": "L1", "config": {"l1": 0.1, "l2": 0.1}}""", "'l2'")]
    [InlineData("""{"class_name": "L1L2", "config": {"l1": 0.1, "L2": 0.1}}""", "'L2'")]
    [InlineData("""{"class_name": "OrthogonalRegularizer", "config": {"factor": 0.1, "axis": 0}}""", "'axis'")]
    public void Get_RejectsUnexpectedConfigKeys(string text, string key)
    {
        ArgumentAssert.Throws<ArgumentException>(() => RegularizerRegistry.Get(JsonNode.Parse(text)), "identifier", "unexpected key", key);
    }

    [Theory]
    [InlineData("""{"class_name": "L1", "config": {"l1": "big"}}""", "l1")]
    [InlineData("""{"class_name": "OrthogonalRegularizer", "config": {"mode": 1}}""", "mode")]
    public void Get_RejectsValuesOfTheWrongType(string text, string key)
    {
        ArgumentAssert.Throws<ArgumentException>(() => RegularizerRegistry.Get(JsonNode.Parse(text)), "identifier", key);
    }

    [Fact]
    public void Get_RejectsAnInvalidModeInAConfig()
    {
        var text = """{"class_name": "OrthogonalRegularizer", "config": {"mode": "diagonal"}}""";
        ArgumentAssert.Throws<ArgumentException>(() => RegularizerRegistry.Get(JsonNode.Parse(text)), "identifier", "mode=\"diagonal\"");
    }

    protected override IRegularizer? Resolve(object? identifier, string parameterName = "identifier") => RegularizerRegistry.Get(identifier, parameterName);

    protected override JsonObject? Serialize(IRegularizer? component) => RegularizerRegistry.Serialize(component);
}

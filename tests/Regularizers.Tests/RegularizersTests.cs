// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;

using LayersFramework.Torch.Tests.Support;

namespace LayersFramework.Regularizers.Tests;

/// <summary>Names, Keras's serialized forms and round trips (reference 5.2 and 7, item 12).</summary>
public sealed class RegularizersTests
{
    private static readonly string[] KnownNames =
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

    /// <summary>One instance of every type with non-default arguments, and its expected serialized form.</summary>
    public static TheoryData<string, string> Serialized => new()
    {
        { "L1(0.5)", """{"module":"keras.regularizers","class_name":"L1","config":{"l1":0.5},"registered_name":null}""" },
        { "L2()", """{"module":"keras.regularizers","class_name":"L2","config":{"l2":0.01},"registered_name":null}""" },
        { "L1L2(0.01, 0.02)", """{"module":"keras.regularizers","class_name":"L1L2","config":{"l1":0.01,"l2":0.02},"registered_name":null}""" },
        { "OrthogonalRegularizer(0.1, columns)", """{"module":"keras.regularizers","class_name":"OrthogonalRegularizer","config":{"factor":0.1,"mode":"columns"},"registered_name":null}""" },
    };

    /// <summary>Every concrete regularizer type of the library.</summary>
    public static TheoryData<Type> RegularizerTypes
    {
        get
        {
            var data = new TheoryData<Type>();
            foreach (var type in ConcreteTypes())
            {
                data.Add(type);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Get_ResolvesEveryDocumentedName_WithTheClassDefaults(string name, Type type, string defaultConfig)
    {
        var regularizer = RegularizerRegistry.Get(name);

        Assert.IsType(type, regularizer);
        Assert.Equal(defaultConfig, regularizer!.GetConfig().ToJsonString());
    }

    [Fact]
    public void Registry_HoldsExactlyKeras3sNames()
    {
        Assert.Equal(KnownNames, RegularizerRegistry.Registry.Names);
        Assert.Equal("keras.regularizers", RegularizerRegistry.Registry.Module);
        Assert.Equal("regularizer", RegularizerRegistry.Registry.Family);
    }

    [Fact]
    public void Get_ResolvesNullToNull_AndAnInstanceToItself()
    {
        var instance = new L2(0.3);

        Assert.Null(RegularizerRegistry.Get(null));
        Assert.Same(instance, RegularizerRegistry.Get(instance));
    }

    [Theory]
    [InlineData("l3")]
    [InlineData("L1_L2")]
    [InlineData("orthogonal")]
    [InlineData("")]
    public void Get_RejectsUnknownNames_ListingTheKnownOnes(string name)
    {
        ArgumentAssert.Throws<ArgumentException>(
            () => RegularizerRegistry.Get(name, "kernelRegularizer"), "kernelRegularizer", $"'{name}'", "Known names: " + string.Join(", ", KnownNames));
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
    public void Get_RejectsIdentifiersOfAnotherKind()
    {
        ArgumentAssert.Throws<ArgumentException>(() => RegularizerRegistry.Get(0.01, "biasRegularizer"), "biasRegularizer", "Could not interpret regularizer identifier");
    }

    [Theory]
    [MemberData(nameof(Serialized))]
    public void Serialize_WritesKerasEnvelope(string description, string expected)
    {
        Assert.Equal(expected, RegularizerRegistry.Serialize(Create(description)).ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Serialized))]
    public void SerializedText_RoundTrips(string description, string expected)
    {
        var original = Create(description);

        var restored = RegularizerRegistry.Get(JsonNode.Parse(RegularizerRegistry.Serialize(original).ToJsonString()), "kernelRegularizer");

        Assert.IsType(original.GetType(), restored);
        Assert.Equal(expected, RegularizerRegistry.Serialize(restored).ToJsonString());
    }

    [Fact]
    public void Serialize_OfNull_IsNull()
    {
        Assert.Null(RegularizerRegistry.Serialize(null));
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

    [Theory]
    [MemberData(nameof(RegularizerTypes))]
    public void EveryRegularizerType_IsRegistered_AndRoundTrips(Type type)
    {
        var snakeCase = KerasNames.ToSnakeCase(type.Name);
        Assert.True(RegularizerRegistry.Registry.Contains(type.Name), $"{type.Name} is not registered.");
        Assert.True(RegularizerRegistry.Registry.Contains(snakeCase), $"{snakeCase} is not registered.");

        var instance = RegularizerRegistry.Get(type.Name)!;
        Assert.IsType(type, instance);
        Assert.IsType(type, RegularizerRegistry.Get(snakeCase));

        var serialized = RegularizerRegistry.Serialize(instance);
        Assert.Equal(type.Name, serialized["class_name"]!.GetValue<string>());
        var restored = RegularizerRegistry.Get(JsonNode.Parse(serialized.ToJsonString()));
        Assert.IsType(type, restored);
        Assert.Equal(serialized.ToJsonString(), RegularizerRegistry.Serialize(restored).ToJsonString());
    }

    [Fact]
    public void ReflectionScan_FindsEveryBuiltIn()
    {
        Assert.Equal(
            ["L1", "L1L2", "L2", "OrthogonalRegularizer"],
            ConcreteTypes().Select(type => type.Name).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<Type> ConcreteTypes() =>
        typeof(IRegularizer).Assembly.GetTypes().Where(t => typeof(IRegularizer).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false });

    private static IRegularizer Create(string description) => description switch
    {
        "L1(0.5)" => new L1(0.5),
        "L2()" => new L2(),
        "L1L2(0.01, 0.02)" => new L1L2(0.01, 0.02),
        "OrthogonalRegularizer(0.1, columns)" => new OrthogonalRegularizer(0.1, "columns"),
        _ => throw new ArgumentOutOfRangeException(nameof(description), description, "No such case."),
    };
}

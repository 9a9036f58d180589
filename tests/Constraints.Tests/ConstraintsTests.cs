// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;

using LayersFramework.Torch.Tests.Support;

namespace LayersFramework.Constraints.Tests;

/// <summary>Names, Keras's serialized forms and round trips (reference 5.3).</summary>
public sealed class ConstraintsTests
{
    private static readonly string[] KnownNames =
    [
        "MaxNorm", "MinMaxNorm", "NonNeg", "RadialConstraint", "UnitNorm",
        "max_norm", "maxnorm", "min_max_norm", "non_neg", "nonneg", "radial_constraint", "unit_norm", "unitnorm",
    ];

    public static TheoryData<string, Type, string> Names => new()
    {
        { "MaxNorm", typeof(MaxNorm), """{"max_value":2,"axis":0}""" },
        { "max_norm", typeof(MaxNorm), """{"max_value":2,"axis":0}""" },
        { "maxnorm", typeof(MaxNorm), """{"max_value":2,"axis":0}""" },
        { "MinMaxNorm", typeof(MinMaxNorm), """{"min_value":0,"max_value":1,"rate":1,"axis":0}""" },
        { "min_max_norm", typeof(MinMaxNorm), """{"min_value":0,"max_value":1,"rate":1,"axis":0}""" },
        { "NonNeg", typeof(NonNeg), "{}" },
        { "non_neg", typeof(NonNeg), "{}" },
        { "nonneg", typeof(NonNeg), "{}" },
        { "UnitNorm", typeof(UnitNorm), """{"axis":0}""" },
        { "unit_norm", typeof(UnitNorm), """{"axis":0}""" },
        { "unitnorm", typeof(UnitNorm), """{"axis":0}""" },
        { "RadialConstraint", typeof(RadialConstraint), "{}" },
        { "radial_constraint", typeof(RadialConstraint), "{}" },
    };

    /// <summary>One instance of every type (non-default arguments where there are any) and its expected serialized form.</summary>
    public static TheoryData<string, string> Serialized => new()
    {
        { "MaxNorm()", """{"module":"keras.constraints","class_name":"MaxNorm","config":{"max_value":2,"axis":0},"registered_name":null}""" },
        { "MaxNorm(3, [0, 1, 2])", """{"module":"keras.constraints","class_name":"MaxNorm","config":{"max_value":3,"axis":[0,1,2]},"registered_name":null}""" },
        { "MaxNorm(2.5, [0])", """{"module":"keras.constraints","class_name":"MaxNorm","config":{"max_value":2.5,"axis":[0]},"registered_name":null}""" },
        { "MinMaxNorm(0.5, 2, 0.25, -1)", """{"module":"keras.constraints","class_name":"MinMaxNorm","config":{"min_value":0.5,"max_value":2,"rate":0.25,"axis":-1},"registered_name":null}""" },
        { "MinMaxNorm([0, 1, 2])", """{"module":"keras.constraints","class_name":"MinMaxNorm","config":{"min_value":0,"max_value":1,"rate":1,"axis":[0,1,2]},"registered_name":null}""" },
        { "UnitNorm(1)", """{"module":"keras.constraints","class_name":"UnitNorm","config":{"axis":1},"registered_name":null}""" },
        { "UnitNorm([0, 1, 2])", """{"module":"keras.constraints","class_name":"UnitNorm","config":{"axis":[0,1,2]},"registered_name":null}""" },
        { "NonNeg()", """{"module":"keras.constraints","class_name":"NonNeg","config":{},"registered_name":null}""" },
        { "RadialConstraint()", """{"module":"keras.constraints","class_name":"RadialConstraint","config":{},"registered_name":null}""" },
    };

    /// <summary>Every concrete constraint type of the library.</summary>
    public static TheoryData<Type> ConstraintTypes
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
        var constraint = ConstraintRegistry.Get(name);

        Assert.IsType(type, constraint);
        Assert.Equal(defaultConfig, constraint!.GetConfig().ToJsonString());
    }

    [Fact]
    public void Registry_HoldsTheClassNamesTheirSnakeCaseAndTfKerasAliases()
    {
        Assert.Equal(KnownNames, ConstraintRegistry.Registry.Names);
        Assert.Equal("keras.constraints", ConstraintRegistry.Registry.Module);
        Assert.Equal("constraint", ConstraintRegistry.Registry.Family);
    }

    [Fact]
    public void Get_ResolvesNullToNull_AndAnInstanceToItself()
    {
        var instance = new UnitNorm(1);

        Assert.Null(ConstraintRegistry.Get(null));
        Assert.Same(instance, ConstraintRegistry.Get(instance));
    }

    [Theory]
    [InlineData("max-norm")]
    [InlineData("Constraint")]
    [InlineData("radial")]
    [InlineData("non_negative")]
    public void Get_RejectsUnknownNames_ListingTheKnownOnes(string name)
    {
        ArgumentAssert.Throws<ArgumentException>(
            () => ConstraintRegistry.Get(name, "kernelConstraint"), "kernelConstraint", $"Unknown constraint '{name}'", "Known names: " + string.Join(", ", KnownNames));
    }

    [Fact]
    public void Get_RejectsIdentifiersOfAnotherKind()
    {
        ArgumentAssert.Throws<ArgumentException>(() => ConstraintRegistry.Get(2, "biasConstraint"), "biasConstraint", "Could not interpret constraint identifier");
    }

    [Theory]
    [MemberData(nameof(Serialized))]
    public void Serialize_WritesKerasEnvelope(string description, string expected)
    {
        Assert.Equal(expected, ConstraintRegistry.Serialize(Create(description)).ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Serialized))]
    public void SerializedText_RoundTrips(string description, string expected)
    {
        var original = Create(description);

        var restored = ConstraintRegistry.Get(JsonNode.Parse(ConstraintRegistry.Serialize(original).ToJsonString()), "kernelConstraint");

        Assert.IsType(original.GetType(), restored);
        Assert.Equal(expected, ConstraintRegistry.Serialize(restored).ToJsonString());
    }

    [Fact]
    public void Serialize_OfNull_IsNull()
    {
        Assert.Null(ConstraintRegistry.Serialize(null));
    }

    [Fact]
    public void Get_ReadsWhatKeras3Writes()
    {
        var text = """{"module": "keras.constraints", "class_name": "MaxNorm", "config": {"max_value": 2, "axis": [0, 1, 2]}, "registered_name": null}""";

        var constraint = Assert.IsType<MaxNorm>(ConstraintRegistry.Get(JsonNode.Parse(text)));

        Assert.Equal(2.0, constraint.MaxValue);
        Assert.Equal([0, 1, 2], constraint.Axis);
    }

    [Theory]
    [InlineData("""{"class_name": "maxnorm", "config": {"max_value": 3, "axis": 1}}""", typeof(MaxNorm), """{"max_value":3,"axis":1}""")]
    [InlineData("""{"class_name": "MinMaxNorm", "config": {"min_value": 0.0, "max_value": 1.0, "rate": 1.0, "axis": 0}}""", typeof(MinMaxNorm), """{"min_value":0,"max_value":1,"rate":1,"axis":0}""")]
    [InlineData("""{"class_name": "NonNeg", "config": {}}""", typeof(NonNeg), "{}")]
    [InlineData("""{"class_name": "unitnorm", "config": {"axis": [0, 1, 2]}}""", typeof(UnitNorm), """{"axis":[0,1,2]}""")]
    [InlineData("""{"class_name": "RadialConstraint", "config": {}}""", typeof(RadialConstraint), "{}")]
    [InlineData("""{"class_name": "UnitNorm", "config": {"axis": null}}""", typeof(UnitNorm), """{"axis":0}""")]
    [InlineData("""{"class_name": "max_norm"}""", typeof(MaxNorm), """{"max_value":2,"axis":0}""")]
    public void Get_ReadsTheLegacyForm(string text, Type type, string expectedConfig)
    {
        var constraint = ConstraintRegistry.Get(JsonNode.Parse(text));

        Assert.IsType(type, constraint);
        Assert.Equal(expectedConfig, constraint!.GetConfig().ToJsonString());
    }

    [Theory]
    [InlineData("""{"class_name": "NonNeg", "config": {"axis": 0}}""", "'axis'", "takes no keys")]
    [InlineData("""{"class_name": "RadialConstraint", "config": {"size": 3}}""", "'size'", "takes no keys")]
    [InlineData("""{"class_name": "MaxNorm", "config": {"max_value": 2, "axes": [0]}}""", "'axes'", "'axis'")]
    [InlineData("""{"class_name": "UnitNorm", "config": {"axis": 0, "max_value": 1}}""", "'max_value'", "'axis'")]
    [InlineData("""{"class_name": "MinMaxNorm", "config": {"minimum": 1}}""", "'minimum'", "'min_value'")]
    public void Get_RejectsUnexpectedConfigKeys(string text, string key, string expectedKeys)
    {
        ArgumentAssert.Throws<ArgumentException>(() => ConstraintRegistry.Get(JsonNode.Parse(text)), "identifier", "unexpected key", key, expectedKeys);
    }

    [Theory]
    [InlineData("""{"class_name": "UnitNorm", "config": {"axis": "rows"}}""")]
    [InlineData("""{"class_name": "UnitNorm", "config": {"axis": [0, "a"]}}""")]
    [InlineData("""{"class_name": "MaxNorm", "config": {"axis": 1.5}}""")]
    public void Get_RejectsAnAxisThatIsNotIntegers(string text)
    {
        ArgumentAssert.Throws<ArgumentException>(() => ConstraintRegistry.Get(JsonNode.Parse(text)), "identifier", "axis", "an integer or a list of integers");
    }

    [Fact]
    public void Get_RejectsOutOfRangeValuesInAConfig()
    {
        var text = """{"class_name": "MaxNorm", "config": {"max_value": -1}}""";
        ArgumentAssert.Throws<ArgumentOutOfRangeException>(() => ConstraintRegistry.Get(JsonNode.Parse(text)), "identifier", "finite number, 0 or more");
    }

    [Theory]
    [MemberData(nameof(ConstraintTypes))]
    public void EveryConstraintType_IsRegistered_AndRoundTrips(Type type)
    {
        var snakeCase = KerasNames.ToSnakeCase(type.Name);
        Assert.True(ConstraintRegistry.Registry.Contains(type.Name), $"{type.Name} is not registered.");
        Assert.True(ConstraintRegistry.Registry.Contains(snakeCase), $"{snakeCase} is not registered.");

        var instance = ConstraintRegistry.Get(type.Name)!;
        Assert.IsType(type, instance);
        Assert.IsType(type, ConstraintRegistry.Get(snakeCase));

        var serialized = ConstraintRegistry.Serialize(instance);
        Assert.Equal(type.Name, serialized["class_name"]!.GetValue<string>());
        var restored = ConstraintRegistry.Get(JsonNode.Parse(serialized.ToJsonString()));
        Assert.IsType(type, restored);
        Assert.Equal(serialized.ToJsonString(), ConstraintRegistry.Serialize(restored).ToJsonString());
    }

    [Fact]
    public void ReflectionScan_FindsEveryBuiltIn()
    {
        Assert.Equal(
            ["MaxNorm", "MinMaxNorm", "NonNeg", "RadialConstraint", "UnitNorm"],
            ConcreteTypes().Select(type => type.Name).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<Type> ConcreteTypes() =>
        typeof(IConstraint).Assembly.GetTypes().Where(t => typeof(IConstraint).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false });

    private static IConstraint Create(string description) => description switch
    {
        "MaxNorm()" => new MaxNorm(),
        "MaxNorm(3, [0, 1, 2])" => new MaxNorm(axis: [0, 1, 2], maxValue: 3),
        "MaxNorm(2.5, [0])" => new MaxNorm(axis: [0], maxValue: 2.5),
        "MinMaxNorm(0.5, 2, 0.25, -1)" => new MinMaxNorm(0.5, 2, 0.25, -1),
        "MinMaxNorm([0, 1, 2])" => new MinMaxNorm(axis: [0, 1, 2]),
        "UnitNorm(1)" => new UnitNorm(1),
        "UnitNorm([0, 1, 2])" => new UnitNorm([0, 1, 2]),
        "NonNeg()" => new NonNeg(),
        "RadialConstraint()" => new RadialConstraint(),
        _ => throw new ArgumentOutOfRangeException(nameof(description), description, "No such case."),
    };
}

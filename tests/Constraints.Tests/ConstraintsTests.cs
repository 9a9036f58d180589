// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;

using LayersFramework.Tests.Contracts;

namespace LayersFramework.Constraints.Tests;

/// <summary>Names, Keras's serialized forms and round trips, as <c>keras.constraints.get</c> and <c>serialize</c> define them.</summary>
public sealed class ConstraintsTests : ComponentFamilyContractTests<IConstraint>
{
    private static readonly string[] KerasNames =
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

    protected override ComponentRegistry<IConstraint> BuiltIns => ConstraintRegistry.BuiltIns;

    protected override (string Family, string Module) Identity => ("constraint", "keras.constraints");

    protected override string[] KnownNames => KerasNames;

    protected override string[] ConcreteTypeNames => ["MaxNorm", "MinMaxNorm", "NonNeg", "RadialConstraint", "UnitNorm"];

    protected override string[] UnknownNames => ["max-norm", "Constraint", "radial", "non_negative"];

    protected override (IConstraint Instance, string Envelope)[] Serialized =>
    [
        (new MaxNorm(), """{"module":"keras.constraints","class_name":"MaxNorm","config":{"max_value":2,"axis":0},"registered_name":null}"""),
        (new MaxNorm(axis: [0, 1, 2], maxValue: 3), """{"module":"keras.constraints","class_name":"MaxNorm","config":{"max_value":3,"axis":[0,1,2]},"registered_name":null}"""),
        (new MaxNorm(axis: [0], maxValue: 2.5), """{"module":"keras.constraints","class_name":"MaxNorm","config":{"max_value":2.5,"axis":[0]},"registered_name":null}"""),
        (new MinMaxNorm(0.5, 2, 0.25, -1), """{"module":"keras.constraints","class_name":"MinMaxNorm","config":{"min_value":0.5,"max_value":2,"rate":0.25,"axis":-1},"registered_name":null}"""),
        (new MinMaxNorm(axis: [0, 1, 2]), """{"module":"keras.constraints","class_name":"MinMaxNorm","config":{"min_value":0,"max_value":1,"rate":1,"axis":[0,1,2]},"registered_name":null}"""),
        (new UnitNorm(1), """{"module":"keras.constraints","class_name":"UnitNorm","config":{"axis":1},"registered_name":null}"""),
        (new UnitNorm([0, 1, 2]), """{"module":"keras.constraints","class_name":"UnitNorm","config":{"axis":[0,1,2]},"registered_name":null}"""),
        (new NonNeg(), """{"module":"keras.constraints","class_name":"NonNeg","config":{},"registered_name":null}"""),
        (new RadialConstraint(), """{"module":"keras.constraints","class_name":"RadialConstraint","config":{},"registered_name":null}"""),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void Get_ResolvesEveryDocumentedName_WithTheClassDefaults(string name, Type type, string defaultConfig)
    {
        var constraint = ConstraintRegistry.Get(name);

        Assert.IsType(type, constraint);
        Assert.Equal(defaultConfig, constraint!.GetConfig().ToJsonString());
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

    protected override IConstraint? Resolve(object? identifier, string parameterName = "identifier") => ConstraintRegistry.Get(identifier, parameterName);

    protected override JsonObject? Serialize(IConstraint? component) => ConstraintRegistry.Serialize(component);
}

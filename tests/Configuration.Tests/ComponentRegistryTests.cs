// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace LayersFramework.Configuration.Tests;

public sealed class ComponentRegistryTests
{
    private static ComponentRegistry<IShape> NewRegistry()
    {
        var registry = new ComponentRegistry<IShape>("shape", "keras.shapes");
        registry.RegisterBuiltIn(config => SquareShape.FromConfig(config), "box");
        registry.RegisterBuiltIn(_ => new RoundDisk());
        return registry;
    }

    [Theory]
    [InlineData("SquareShape")]
    [InlineData("square_shape")]
    [InlineData("box")]
    public void Resolve_FindsClassNameSnakeCaseAndAliases(string name)
    {
        Assert.IsType<SquareShape>(NewRegistry().Resolve(name, "shape"));
    }

    [Fact]
    public void Resolve_NullGivesNull_AndAnInstanceIsReturnedAsItIs()
    {
        var registry = NewRegistry();
        var disk = new RoundDisk();

        Assert.Null(registry.Resolve(null, "shape"));
        Assert.Same(disk, registry.Resolve(disk, "shape"));
    }

    [Fact]
    public void UnknownName_ListsTheKnownNames_AndNamesTheArgument()
    {
        var error = Assert.Throws<ArgumentException>(() => NewRegistry().Resolve("triangle", "kernelShape"));

        Assert.Equal("kernelShape", error.ParamName);
        Assert.Contains("Unknown shape 'triangle'. Known names: RoundDisk, SquareShape, box, round_disk, square_shape.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIdentifierOfAnotherKind_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => NewRegistry().Resolve(42, "shape"));

        Assert.Contains("Could not interpret shape identifier: 42", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_WritesKerasEnvelope_AndResolveReadsItBack()
    {
        var registry = NewRegistry();

        var envelope = registry.Serialize(new SquareShape(3));
        var back = (SquareShape)registry.Resolve(JsonNode.Parse(KerasJson.Write(envelope)), "shape")!;

        Assert.Equal("""{"module":"keras.shapes","class_name":"SquareShape","config":{"side":3},"registered_name":null}""", KerasJson.Write(envelope));
        Assert.Equal(3, back.Side);
    }

    [Fact]
    public void LegacyForm_WithoutModule_Resolves()
    {
        var shape = NewRegistry().Resolve(JsonNode.Parse("""{"class_name": "square_shape", "config": {"side": 5}}"""), "shape");

        Assert.Equal(5, ((SquareShape)shape!).Side);
    }

    [Fact]
    public void ABadValueInAConfig_IsReportedAgainstTheCallersArgument()
    {
        var error = Assert.Throws<ArgumentException>(() => NewRegistry().Resolve(JsonNode.Parse("""{"class_name": "box", "config": {"side": 1, "colour": "red"}}"""), "kernelShape"));

        Assert.Equal("kernelShape", error.ParamName);
        Assert.Contains("unexpected key(s) 'colour'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATypeCanGainANameWithItsOwnDefaults_AndKeepsSerializingUnderItsClassName()
    {
        var registry = NewRegistry();
        registry.RegisterCustom("big_box", _ => new SquareShape(10));

        Assert.Equal(10, ((SquareShape)registry.Resolve("big_box", "shape")!).Side);
        Assert.Equal(1, ((SquareShape)registry.Resolve("box", "shape")!).Side);
        Assert.Equal("SquareShape", registry.Serialize(new SquareShape(2))["class_name"]!.GetValue<string>());
    }

    [Fact]
    public void ABadValueInAConfig_SaysWhatCouldNotBeCreatedFromWhat_KeepingTheErrorKind()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NewRegistry().Resolve(new JsonObject { ["class_name"] = "box", ["config"] = new JsonObject { ["side"] = double.PositiveInfinity } }, "kernelShape"));

        Assert.Equal("kernelShape", error.ParamName);
        Assert.True(error.Message.StartsWith("Could not create the shape 'box' from the config {\"side\":\"Infinity\"}: side must be finite", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void IsRegistered_TellsWhetherATypeCanBeSerialized()
    {
        Assert.True(NewRegistry().IsRegistered(typeof(SquareShape)));
        Assert.False(NewRegistry().IsRegistered(typeof(Hexagon)));
    }

    [Fact]
    public void AReadOnlyRegistry_RefusesRegistrations_SayingWhereTheyBelong()
    {
        var registry = NewRegistry().MakeReadOnly();

        var error = Assert.Throws<InvalidOperationException>(() => registry.RegisterCustom(_ => new Pentagon()));

        Assert.True(registry.IsReadOnly);
        Assert.Contains("This shape registry is read-only", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddLayersFramework", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SerializingAnUnregisteredType_WritesKerasCustomObjectForm_FromTheType()
    {
        var envelope = NewRegistry().Serialize(new Pentagon());

        Assert.Equal("""{"module":null,"class_name":"Pentagon","config":{},"registered_name":"Geometry>FivePoints"}""", KerasJson.Write(envelope));
        Assert.Equal("Custom>Hexagon", NewRegistry().Serialize(new Hexagon())["registered_name"]!.GetValue<string>());
    }

    [Fact]
    public void RegisterCustom_ByType_UsesTheNamesTheTypeSerializesWith()
    {
        var registry = NewRegistry();
        registry.RegisterCustom(_ => new Pentagon());

        var envelope = registry.Serialize(new Pentagon());

        Assert.Equal("Geometry>FivePoints", envelope["registered_name"]!.GetValue<string>());
        foreach (var name in new[] { "Geometry>FivePoints", "FivePoints", "five_points", "Pentagon" })
        {
            Assert.IsType<Pentagon>(registry.Resolve(name, "shape"));
        }

        Assert.IsType<Pentagon>(registry.Resolve(envelope, "shape"));
    }

    [Fact]
    public void RegisterCustom_ByName_RefusesAConcreteTypeUnderAnotherNameThanItsOwn()
    {
        var error = Assert.Throws<ArgumentException>(() => NewRegistry().RegisterCustom("Star", _ => new Pentagon(), package: "Geometry"));

        Assert.Equal("name", error.ParamName);
        Assert.StartsWith("Pentagon serializes itself as 'Geometry>FivePoints', so a config naming it could not be read back under 'Geometry>Star'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisterCustom_ByName_OfAFactoryOfTheInterface_MapsTheNameAlone()
    {
        var registry = NewRegistry();
        registry.RegisterCustom<IShape>("any_hexagon", _ => new Hexagon());

        Assert.IsType<Hexagon>(registry.Resolve("Custom>any_hexagon", "shape"));
        Assert.False(registry.IsRegistered(typeof(IShape)));
        Assert.False(registry.IsRegistered(typeof(Hexagon)));
        var error = Assert.Throws<ArgumentException>(() => registry.RegisterCustom<IShape>("any_hexagon", _ => new RoundDisk()));
        Assert.Equal("name", error.ParamName);
    }

    [Fact]
    public void ANameTakenByAnotherType_IsRefused_ButRegisteringTheSameTypeTwiceIsHarmless()
    {
        var registry = NewRegistry();
        registry.RegisterBuiltIn(config => SquareShape.FromConfig(config));

        var error = Assert.Throws<ArgumentException>(() => registry.RegisterCustom<IShape>("box", _ => new Hexagon()));

        Assert.Contains("'box' is already taken by SquareShape", error.Message, StringComparison.Ordinal);
    }

    public interface IShape : IConfigurable;

    public sealed class SquareShape(int side) : IShape
    {
        public int Side { get; } = side;

        public static SquareShape FromConfig(JsonObject config)
        {
            var reader = new ConfigReader(config, nameof(SquareShape));
            var number = reader.Number("side", 1);
            if (!double.IsFinite(number))
            {
                throw new ArgumentOutOfRangeException(nameof(config), number, "side must be finite.");
            }

            var side = (int)number;
            reader.EnsureNoOtherKeys();
            return new SquareShape(side);
        }

        public JsonObject GetConfig() => new() { ["side"] = Side };
    }

    public sealed class RoundDisk : IShape
    {
        public JsonObject GetConfig() => [];
    }

    public sealed class Hexagon : IShape
    {
        public JsonObject GetConfig() => [];
    }

    [KerasSerializable(Package = "Geometry", Name = "FivePoints")]
    public sealed class Pentagon : IShape
    {
        public JsonObject GetConfig() => [];
    }
}

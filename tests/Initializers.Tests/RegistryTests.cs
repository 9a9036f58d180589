// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Reflection;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using LayersFramework.Initializers.Tests.Support;

namespace LayersFramework.Initializers.Tests;

/// <summary>Names, configs and Keras's serialization envelope (Keras 3's keras/src/initializers/__init__.py and serialization_lib.py).</summary>
public sealed class RegistryTests
{
    public static TheoryData<string, Type> DocumentedNames => new()
    {
        { "Zeros", typeof(Zeros) }, { "zeros", typeof(Zeros) }, { "zero", typeof(Zeros) },
        { "Ones", typeof(Ones) }, { "ones", typeof(Ones) }, { "one", typeof(Ones) },
        { "Constant", typeof(Constant) }, { "constant", typeof(Constant) },
        { "RandomUniform", typeof(RandomUniform) }, { "random_uniform", typeof(RandomUniform) }, { "uniform", typeof(RandomUniform) },
        { "RandomNormal", typeof(RandomNormal) }, { "random_normal", typeof(RandomNormal) }, { "normal", typeof(RandomNormal) },
        { "TruncatedNormal", typeof(TruncatedNormal) }, { "truncated_normal", typeof(TruncatedNormal) },
        { "VarianceScaling", typeof(VarianceScaling) }, { "variance_scaling", typeof(VarianceScaling) },
        { "GlorotUniform", typeof(GlorotUniform) }, { "glorot_uniform", typeof(GlorotUniform) },
        { "GlorotNormal", typeof(GlorotNormal) }, { "glorot_normal", typeof(GlorotNormal) },
        { "HeUniform", typeof(HeUniform) }, { "he_uniform", typeof(HeUniform) },
        { "HeNormal", typeof(HeNormal) }, { "he_normal", typeof(HeNormal) },
        { "LecunUniform", typeof(LecunUniform) }, { "lecun_uniform", typeof(LecunUniform) },
        { "LecunNormal", typeof(LecunNormal) }, { "lecun_normal", typeof(LecunNormal) },
        { "Orthogonal", typeof(Orthogonal) }, { "orthogonal", typeof(Orthogonal) }, { "OrthogonalInitializer", typeof(Orthogonal) },
        { "Identity", typeof(Identity) }, { "identity", typeof(Identity) }, { "IdentityInitializer", typeof(Identity) },
        { "BilinearUpsampling", typeof(BilinearUpsampling) }, { "bilinear_upsampling", typeof(BilinearUpsampling) },
        { "LayersFramework>BilinearUpsampling", typeof(BilinearUpsampling) },
    };

    public static TheoryData<string> CaseNames => InitializerCases.Names;

    [Theory]
    [MemberData(nameof(DocumentedNames))]
    public void Get_ResolvesEveryDocumentedName_ToItsType(string name, Type type)
    {
        var initializer = InitializerRegistry.Get(name);

        Assert.IsType(type, initializer);
        Assert.Contains(name, InitializerRegistry.BuiltIns.Names);
    }

    [Fact]
    public void Names_AreExactlyTheDocumentedOnes_PlusIcnr()
    {
        var expected = DocumentedNames.Select(row => (string)row[0]).Concat(["ICNR", "icnr", "LayersFramework>ICNR"]).Order(StringComparer.Ordinal);

        Assert.Equal(expected, InitializerRegistry.BuiltIns.Names);
    }

    [Fact]
    public void Get_ResolvesNamesWithKerasDefaults()
    {
        var normal = Assert.IsType<RandomNormal>(InitializerRegistry.Get("normal"));
        var scaling = Assert.IsType<VarianceScaling>(InitializerRegistry.Get("variance_scaling"));
        var orthogonal = Assert.IsType<Orthogonal>(InitializerRegistry.Get("orthogonal"));

        Assert.Equal((0.0, 0.05, (long?)null), (normal.Mean, normal.Stddev, normal.Seed));
        Assert.Equal((1.0, "fan_in", "truncated_normal"), (scaling.Scale, scaling.Mode, scaling.Distribution));
        Assert.Equal(1.0, orthogonal.Gain);
        Assert.Equal(0.0, Assert.IsType<Constant>(InitializerRegistry.Get("constant")).Value);
    }

    [Fact]
    public void Get_ReturnsNullForNull_AndAnInstanceAsItIs()
    {
        var instance = new HeNormal();

        Assert.Null(InitializerRegistry.Get(null));
        Assert.Same(instance, InitializerRegistry.Get(instance));
    }

    [Fact]
    public void Get_UnknownName_Throws_ListingKnownNames_WithTheGivenParameterName()
    {
        var error = Assert.Throws<ArgumentException>(() => InitializerRegistry.Get("glorot_uniformm", "kernelInitializer"));

        Assert.Equal("kernelInitializer", error.ParamName);
        Assert.Contains("'glorot_uniformm'", error.Message, StringComparison.Ordinal);
        Assert.Contains("glorot_uniform, he_normal", error.Message, StringComparison.Ordinal);
        Assert.Contains("OrthogonalInitializer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_OtherKindOfIdentifier_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => InitializerRegistry.Get(42, "biasInitializer"));

        Assert.Equal("biasInitializer", error.ParamName);
        Assert.Contains("Could not interpret initializer identifier: 42", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_IsCaseSensitive_AsKeras()
    {
        Assert.Throws<ArgumentException>(() => InitializerRegistry.Get("Glorot_Uniform"));
        Assert.Throws<ArgumentException>(() => InitializerRegistry.Get("GLOROTUNIFORM"));
    }

    [Fact]
    public void Serialize_GlorotUniform_IsKerasEnvelope()
    {
        Assert.Equal(
            """{"module":"keras.initializers","class_name":"GlorotUniform","config":{"seed":null},"registered_name":null}""",
            InitializerRegistry.Serialize(new GlorotUniform()).ToJsonString());
    }

    [Fact]
    public void Serialize_BeyondKeras_UsesKerasCustomObjectForm()
    {
        var envelope = InitializerRegistry.Serialize(new BilinearUpsampling());

        Assert.True(
            JsonNode.DeepEquals(
                JsonNode.Parse("""{"module":null,"class_name":"BilinearUpsampling","config":{},"registered_name":"LayersFramework>BilinearUpsampling"}"""),
                envelope),
            envelope.ToJsonString());
        Assert.Equal("LayersFramework>ICNR", InitializerRegistry.Serialize(new ICNR([2]))["registered_name"]!.GetValue<string>());
    }

    [Fact]
    public void GetConfig_HasKerasKeysAndDefaults()
    {
        Assert.Equal("""{"seed":null,"minval":-0.05,"maxval":0.05}""", new RandomUniform().GetConfig().ToJsonString());
        Assert.Equal("""{"seed":null,"mean":0,"stddev":0.05}""", new RandomNormal().GetConfig().ToJsonString());
        Assert.Equal("""{"seed":3,"mean":0,"stddev":0.05}""", new TruncatedNormal(seed: 3).GetConfig().ToJsonString());
        Assert.Equal("""{"seed":null,"scale":1,"mode":"fan_in","distribution":"truncated_normal"}""", new VarianceScaling().GetConfig().ToJsonString());
        Assert.Equal("""{"seed":null,"scale":2,"mode":"fan_avg","distribution":"truncated_normal"}""", new VarianceScaling(2, "fan_avg", "Normal").GetConfig().ToJsonString());
        Assert.Equal("""{"seed":8}""", new HeUniform(8).GetConfig().ToJsonString());
        Assert.Equal("""{"seed":null,"gain":1}""", new Orthogonal().GetConfig().ToJsonString());
        Assert.Equal("""{"gain":1}""", new Identity().GetConfig().ToJsonString());
        Assert.Equal("""{"value":0}""", new Constant().GetConfig().ToJsonString());
        Assert.Equal("{}", new Zeros().GetConfig().ToJsonString());
        Assert.Equal("{}", new Ones().GetConfig().ToJsonString());
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void GetConfig_ReturnsANewObjectEachCall(string name)
    {
        var initializer = InitializerCases.Create(name);

        var first = initializer.GetConfig();
        first["extra"] = 1;

        Assert.NotSame(first, initializer.GetConfig());
        Assert.False(initializer.GetConfig().ContainsKey("extra"));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void SerializeThenGet_ThroughJsonText_RoundTrips(string name)
    {
        var initializer = InitializerCases.Create(name);
        var text = InitializerRegistry.Serialize(initializer).ToJsonString();

        var restored = InitializerRegistry.Get(JsonNode.Parse(text))!;

        Assert.IsType(initializer.GetType(), restored);
        Assert.Equal(text, InitializerRegistry.Serialize(restored).ToJsonString());
        Assert.Equal(initializer.GetConfig().ToJsonString(), restored.GetConfig().ToJsonString());
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void SerializeThenGet_GivesTheSameValues(string name)
    {
        // Configs carry seeds, so a seeded initializer restored from its config draws the same values.
        using var scope = NewDisposeScope();
        var initializer = InitializerCases.Create(name);
        var shape = InitializerCases.ShapeOf(name);
        var restored = InitializerRegistry.Get(JsonNode.Parse(InitializerRegistry.Serialize(initializer).ToJsonString()))!;

        Assert.Equal(TensorAssert.Values(initializer.Initialize(shape)), TensorAssert.Values(restored.Initialize(shape)));
    }

    [Fact]
    public void EveryConcreteInitializer_IsRegistered_AndHasARoundTripCase()
    {
        var types = typeof(IInitializer).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IInitializer).IsAssignableFrom(t))
            .ToList();
        var covered = InitializerCases.All.Values.Select(c => c.Create().GetType()).ToHashSet();

        Assert.Equal(17, types.Count);
        Assert.All(types, type =>
        {
            Assert.True(covered.Contains(type), $"{type.Name} has no entry in InitializerCases.");
            Assert.True(InitializerRegistry.BuiltIns.IsRegistered(type), $"{type.Name} is not registered, so it cannot be serialized.");
            Assert.True(InitializerRegistry.BuiltIns.Contains(type.Name), $"{type.Name} is not registered under its class name.");
            Assert.True(InitializerRegistry.BuiltIns.Contains(KerasNames.ToSnakeCase(type.Name)), $"{type.Name} is not registered under its snake_case name.");
            Assert.True(type.IsPublic && (type.IsSealed || type == typeof(VarianceScaling)), $"{type.Name} should be public and sealed (VarianceScaling is the base of the named variants).");
        });
    }

    [Fact]
    public void KerasWrittenEnvelope_Resolves()
    {
        var node = JsonNode.Parse("""{"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null}, "registered_name": null}""");

        var initializer = Assert.IsType<GlorotUniform>(InitializerRegistry.Get(node));

        Assert.Null(initializer.Seed);
    }

    [Fact]
    public void KerasWrittenConfigs_WithFloatsIntegersAndSeeds_Resolve()
    {
        var scaling = Assert.IsType<VarianceScaling>(InitializerRegistry.Get(JsonNode.Parse(
            """{"module": "keras.initializers", "class_name": "VarianceScaling", "config": {"seed": 1337, "scale": 2.0, "mode": "fan_out", "distribution": "untruncated_normal"}, "registered_name": null}""")));
        var constant = Assert.IsType<Constant>(InitializerRegistry.Get(JsonNode.Parse(
            """{"module": "keras.initializers", "class_name": "Constant", "config": {"value": 1}, "registered_name": null}""")));
        var orthogonal = Assert.IsType<Orthogonal>(InitializerRegistry.Get(JsonNode.Parse(
            """{"module": "keras.initializers", "class_name": "OrthogonalInitializer", "config": {"seed": null, "gain": 1.0}, "registered_name": null}""")));

        Assert.Equal((2.0, "fan_out", "untruncated_normal", (long?)1337), (scaling.Scale, scaling.Mode, scaling.Distribution, scaling.Seed));
        Assert.Equal(1.0, constant.Value);
        Assert.Equal(1.0, orthogonal.Gain);
    }

    [Fact]
    public void ConfigsBuiltInCode_WithIntegerNumbers_Resolve()
    {
        var config = new JsonObject { ["class_name"] = "VarianceScaling", ["config"] = new JsonObject { ["scale"] = 2, ["seed"] = 5 } };

        var scaling = Assert.IsType<VarianceScaling>(InitializerRegistry.Get(config));

        Assert.Equal((2.0, (long?)5), (scaling.Scale, scaling.Seed));
    }

    [Fact]
    public void LegacyForm_WithClassNameAndConfigOnly_Resolves()
    {
        var node = JsonNode.Parse("""{"class_name": "RandomNormal", "config": {"mean": 1.0, "stddev": 2.0, "seed": 3}}""");

        var initializer = Assert.IsType<RandomNormal>(InitializerRegistry.Get(node));

        Assert.Equal((1.0, 2.0, (long?)3), (initializer.Mean, initializer.Stddev, initializer.Seed));
        Assert.IsType<HeNormal>(InitializerRegistry.Get(JsonNode.Parse("""{"class_name": "he_normal", "config": {}}""")));
        Assert.IsType<Zeros>(InitializerRegistry.Get(JsonNode.Parse("""{"class_name": "Zeros"}""")));
    }

    [Fact]
    public void Config_WithAnUnexpectedKey_Throws_NamingTheKey()
    {
        var node = JsonNode.Parse("""{"class_name": "GlorotUniform", "config": {"seed": null, "scale": 2.0}}""");

        var error = Assert.Throws<ArgumentException>(() => InitializerRegistry.Get(node));

        Assert.Contains("'scale'", error.Message, StringComparison.Ordinal);
        Assert.Contains("GlorotUniform", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_WithAnUnexpectedKeyAndABadValue_ReportsTheKeyFirst()
    {
        var node = JsonNode.Parse("""{"class_name": "VarianceScaling", "config": {"mode": "fan", "sacle": 2.0}}""");

        var error = Assert.Throws<ArgumentException>(() => InitializerRegistry.Get(node));

        Assert.Contains("'sacle'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_WithAValueOfTheWrongType_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => InitializerRegistry.Get(JsonNode.Parse("""{"class_name": "HeNormal", "config": {"seed": "abc"}}""")));

        Assert.Contains("seed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_WithAnInvalidValue_Throws_FromTheConstructor()
    {
        var node = JsonNode.Parse("""{"class_name": "VarianceScaling", "config": {"mode": "fan"}}""");

        var error = Assert.Throws<ArgumentException>(() => InitializerRegistry.Get(node, "kernelInitializer"));

        // The registry names the argument the config came from; the constructor's complaint is the message.
        Assert.Equal("kernelInitializer", error.ParamName);
        Assert.Contains("mode 'fan' is not one of 'fan_in', 'fan_out', 'fan_avg'", error.Message, StringComparison.Ordinal);
        Assert.Equal("mode", Assert.IsAssignableFrom<ArgumentException>(error.InnerException).ParamName);
    }

    [Fact]
    public void CreateRegistry_GivesANewRegistry_ToExtend_WithoutChangingTheReadOnlyBuiltIns()
    {
        var registry = InitializerRegistry.CreateRegistry();
        registry.RegisterCustom(_ => new Custom());

        Assert.NotSame(registry, InitializerRegistry.CreateRegistry());
        Assert.True(InitializerRegistry.BuiltIns.IsReadOnly);
        Assert.IsType<Custom>(registry.Resolve("Custom", "initializer"));
        Assert.Equal("Custom>Custom", registry.Serialize(new Custom())["registered_name"]!.GetValue<string>());
        Assert.Equal("Custom>Custom", InitializerRegistry.Serialize(new Custom())["registered_name"]!.GetValue<string>());
        Assert.False(InitializerRegistry.BuiltIns.Contains("Custom"));
        Assert.Throws<ArgumentException>(() => InitializerRegistry.Get("Custom"));
        Assert.IsType<HeNormal>(registry.Resolve("he_normal", "initializer"));
    }

    [Fact]
    public void AnIcnrInAConfig_ResolvesItsNestedInitializer_ThroughTheRegistryThatReadsIt()
    {
        var registry = InitializerRegistry.CreateRegistry();
        registry.RegisterCustom(_ => new Custom());
        var config = JsonNode.Parse("""{"class_name": "ICNR", "config": {"stride": [2, 2], "initializer": "Custom>Custom"}, "registered_name": "LayersFramework>ICNR"}""");

        var icnr = Assert.IsType<ICNR>(registry.Resolve(config, "kernelInitializer"));

        Assert.IsType<Custom>(icnr.Initializer);
        Assert.Throws<ArgumentException>(() => InitializerRegistry.Get(config, "kernelInitializer"));
    }

    private sealed class Custom : IInitializer
    {
        public Tensor Initialize(long[] shape, ScalarType dtype = ScalarType.Float32) => zeros(shape, dtype);

        public JsonObject GetConfig() => [];
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;

namespace LayersFramework.Activations.Tests;

/// <summary>Serialize writes Keras's name string for defaults and Keras's envelope for options; Get reads both back.</summary>
public sealed class SerializationTests
{
    [Theory]
    [MemberData(nameof(ActivationCatalog.Labels), MemberType = typeof(ActivationCatalog))]
    public void Serialize_ThenGet_GivesTheSameActivation_ThroughJsonText(string label)
    {
        var activationCase = ActivationCatalog.Find(label);
        var activation = activationCase.Create();

        var text = ActivationRegistry.Serialize(activation).ToJsonString();
        var back = ActivationCatalog.Registered.Get(JsonNode.Parse(text), "activation");

        Assert.Equal(activation.GetType(), back.GetType());
        Assert.Equal(activation.Name, back.Name);
        Assert.True(JsonNode.DeepEquals(activation.GetConfig(), back.GetConfig()), $"{text} read back as {back}");
    }

    [Theory]
    [MemberData(nameof(ActivationCatalog.Labels), MemberType = typeof(ActivationCatalog))]
    public void Serialize_WritesTheName_ForDefaults_AndTheEnvelope_ForOptions(string label)
    {
        var activationCase = ActivationCatalog.Find(label);
        var activation = activationCase.Create();

        var serialized = ActivationRegistry.Serialize(activation);

        if (activationCase.IsDefault)
        {
            Assert.Equal(activation.Name, Assert.IsAssignableFrom<JsonValue>(serialized).GetValue<string>());
        }
        else if (activation is DelegateActivation)
        {
            var expected = JsonNode.Parse("""{"module": null, "class_name": "function", "config": "Tests>cube", "registered_name": "Tests>cube"}""");
            Assert.True(JsonNode.DeepEquals(expected, serialized), serialized.ToJsonString());
        }
        else
        {
            var envelope = Assert.IsType<JsonObject>(serialized);
            Assert.Equal(["module", "class_name", "config", "registered_name"], envelope.Select(pair => pair.Key));
            Assert.Equal("keras.activations", envelope["module"]!.GetValue<string>());
            Assert.Equal(activation.GetType().Name, envelope["class_name"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(activation.GetConfig(), envelope["config"]), envelope.ToJsonString());
            Assert.Null(envelope["registered_name"]);
        }
    }

    [Fact]
    public void ReluWithMaxValue_SerializesExactly_AsThisEnvelope()
    {
        var serialized = ActivationRegistry.Serialize(new Relu(maxValue: 6));

        var expected = JsonNode.Parse("""
            {"module": "keras.activations", "class_name": "Relu",
             "config": {"negative_slope": 0, "max_value": 6, "threshold": 0}, "registered_name": null}
            """);
        Assert.True(JsonNode.DeepEquals(expected, serialized), serialized.ToJsonString());
    }

    [Fact]
    public void ExplicitlyGivenDefaults_StillSerializeAsTheName()
    {
        Assert.Equal("\"relu\"", ActivationRegistry.Serialize(new Relu(0, null, 0)).ToJsonString());
        Assert.Equal("\"leaky_relu\"", ActivationRegistry.Serialize(new LeakyRelu(0.2)).ToJsonString());
        Assert.Equal("\"softmax\"", ActivationRegistry.Serialize(new Softmax(-1)).ToJsonString());
    }

    [Fact]
    public void AnAxisGivenAsNonNegative_IsAnOption_EvenIfItNamesTheLastAxis()
    {
        // Keras compares the arguments, not their effect on a given input: axis 1 is not the default axis -1.
        Assert.IsType<JsonObject>(ActivationRegistry.Serialize(new Softmax(1)));
    }

    [Fact]
    public void Threshold_AlwaysSerializesAsAnEnvelope_SinceItHasNoDefaults()
    {
        var serialized = ActivationRegistry.Serialize(new Threshold(0, 0));

        Assert.Equal("Threshold", serialized["class_name"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"threshold": 0, "default_value": 0}"""), serialized["config"]));
    }

    [Theory]
    [InlineData("""{"module": "keras.activations", "class_name": "function", "config": "relu", "registered_name": "relu"}""", typeof(Relu))]
    [InlineData("""{"module": "keras.activations", "class_name": "function", "config": "swish", "registered_name": null}""", typeof(Silu))]
    [InlineData("""{"class_name": "function", "config": "Tests>cube"}""", typeof(DelegateActivation))]
    [InlineData("""{"module": null, "class_name": "function", "config": "Tests>cube", "registered_name": "Tests>cube"}""", typeof(DelegateActivation))]
    [InlineData("""{"class_name": "LeakyRelu", "config": {"negative_slope": 0.1}}""", typeof(LeakyRelu))]
    [InlineData("""{"class_name": "leaky_relu", "config": {}}""", typeof(LeakyRelu))]
    [InlineData("""{"class_name": "Gelu"}""", typeof(Gelu))]
    [InlineData("\"hard_swish\"", typeof(HardSilu))]
    public void Get_ReadsKerasFunctionForm_LegacyEnvelopes_AndJsonStrings(string json, Type expected)
    {
        Assert.IsType(expected, ActivationCatalog.Registered.Get(JsonNode.Parse(json)));
    }

    [Fact]
    public void Get_ReadsOptions_FromTheConfig()
    {
        var relu = Assert.IsType<Relu>(ActivationRegistry.Get(JsonNode.Parse("""{"class_name": "Relu", "config": {"negative_slope": 0.1, "max_value": 2.5, "threshold": 1}}""")));
        var gelu = Assert.IsType<Gelu>(ActivationRegistry.Get(JsonNode.Parse("""{"class_name": "gelu", "config": {"approximate": true}}""")));
        var glu = Assert.IsType<Glu>(ActivationRegistry.Get(JsonNode.Parse("""{"class_name": "Glu", "config": {"axis": 1}}""")));
        var threshold = Assert.IsType<Threshold>(ActivationRegistry.Get(JsonNode.Parse("""{"class_name": "threshold", "config": {"threshold": 0.5, "default_value": -1}}""")));

        Assert.Equal((0.1, 2.5, 1.0), (relu.NegativeSlope, relu.MaxValue!.Value, relu.Threshold));
        Assert.True(gelu.Approximate);
        Assert.Equal(1, glu.Axis);
        Assert.Equal((0.5, -1.0), (threshold.ThresholdValue, threshold.DefaultValue));
    }

    [Fact]
    public void Get_ReadsConfigsBuiltInCode_WithIntegerValues()
    {
        var config = new JsonObject { ["negative_slope"] = 1, ["max_value"] = 6, ["threshold"] = 2 };

        var relu = Assert.IsType<Relu>(ActivationRegistry.Get(new JsonObject { ["class_name"] = "Relu", ["config"] = config }));

        Assert.Equal((1.0, 6.0, 2.0), (relu.NegativeSlope, relu.MaxValue!.Value, relu.Threshold));
    }

    [Theory]
    [InlineData("""{"class_name": "Relu", "config": {"alpha": 0.1}}""", "Could not create the activation 'Relu' from the config {\"alpha\":0.1}: The config of Relu has unexpected key(s) 'alpha'")]
    [InlineData("""{"class_name": "Relu", "config": {"max_value": "six"}}""", "Could not create the activation 'Relu' from the config {\"max_value\":\"six\"}: The config of Relu has max_value = \"six\"; expected a number or null.")]
    [InlineData("""{"class_name": "Relu", "config": {"max_value": -1}}""", "Could not create the activation 'Relu' from the config {\"max_value\":-1}: max_value must be a finite number ≥ 0")]
    [InlineData("""{"class_name": "Gelu", "config": {"approximate": "yes"}}""", "Could not create the activation 'Gelu' from the config {\"approximate\":\"yes\"}: The config of Gelu has approximate = \"yes\"; expected true or false.")]
    [InlineData("""{"class_name": "Softmax", "config": {"axis": 1.5}}""", "Could not create the activation 'Softmax' from the config {\"axis\":1.5}: The config of Softmax has axis = 1.5; expected an integer.")]
    [InlineData("""{"class_name": "threshold", "config": {"threshold": 1}}""", "Could not create the activation 'threshold' from the config {\"threshold\":1}: The config of Threshold has no default_value")]
    [InlineData("""{"class_name": "Relu", "config": [1]}""", "The \"config\" of a serialized activation must be an object")]
    [InlineData("""{"config": {}}""", "A serialized activation needs a \"class_name\"")]
    [InlineData("""{"class_name": 3}""", "The \"class_name\" of a serialized activation must be a string")]
    [InlineData("""{"class_name": "function", "config": {}}""", "The \"config\" of a serialized activation must be a string")]
    [InlineData("""{"class_name": "function"}""", "A serialized activation function needs its name in \"config\" or \"registered_name\"")]
    [InlineData("""{"class_name": "Rectifier", "config": {}}""", "Unknown activation 'Rectifier'.")]
    [InlineData("""{"class_name": "function", "config": "Tests>cube", "registered_name": "Tests>cube", "x": 1}""", null)]
    public void Get_RejectsMalformedSerializedForms_NamingTheArgument(string json, string? messageStart)
    {
        if (messageStart is null)
        {
            Assert.IsType<DelegateActivation>(ActivationCatalog.Registered.Get(JsonNode.Parse(json), "activation")); // extra envelope keys are ignored, as Keras does
            return;
        }

        var e = Assert.ThrowsAny<ArgumentException>(() => ActivationCatalog.Registered.Get(JsonNode.Parse(json), "activation"));

        Assert.Equal("activation", e.ParamName);
        Assert.StartsWith(messageStart, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARegisteredFunction_WithAConfig_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => ActivationCatalog.Registered.Get(JsonNode.Parse("""{"class_name": "cube", "config": {"power": 3}}"""), "activation"));

        Assert.Equal("activation", e.ParamName);
        Assert.Contains("The activation function 'cube' takes no config", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANamedDelegate_SerializesInKerasFunctionForm_ReadingBackOnlyWhereItIsRegistered()
    {
        var serialized = ActivationRegistry.Serialize(ActivationRegistry.FromDelegate("cube", x => x.pow(3), "Tests"));

        Assert.Equal("""{"module":null,"class_name":"function","config":"Tests>cube","registered_name":"Tests>cube"}""", KerasJson.Write(serialized));
        Assert.IsType<DelegateActivation>(ActivationCatalog.Registered.Get(serialized));
        var e = Assert.Throws<ArgumentException>(() => ActivationRegistry.Get(serialized, "activation"));
        Assert.StartsWith("Unknown activation 'Tests>cube'.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAnonymousDelegate_CannotBeSerialized_SinceNoNameCouldReadItBack()
    {
        var anonymous = ActivationRegistry.Get((Func<Tensor, Tensor>)(x => x.square()));

        var e = Assert.Throws<ArgumentException>(() => ActivationRegistry.Serialize(anonymous));

        Assert.Equal("activation", e.ParamName);
        Assert.StartsWith("An anonymous activation function could not be read back from a config; give it a name", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnApplicationsOwnActivationClass_SerializesUnderItsRegisteredName()
    {
        var serialized = ActivationRegistry.Serialize(new Doubling());
        var registry = ActivationRegistry.CreateRegistry();
        registry.RegisterCustom(_ => new Doubling());

        Assert.Equal("""{"module":null,"class_name":"Doubling","config":{},"registered_name":"Custom>Doubling"}""", KerasJson.Write(serialized));
        Assert.IsType<Doubling>(ActivationRegistry.Resolve(registry, serialized, "activation"));
        Assert.Throws<ArgumentException>(() => ActivationRegistry.Get(serialized, "activation"));
    }

    [Fact]
    public void ToString_ShowsTheNameAndOptions()
    {
        Assert.Equal("sigmoid", new Sigmoid().ToString());
        Assert.Equal("relu(negative_slope=0, max_value=null, threshold=0)", new Relu().ToString());
        Assert.Equal("relu(negative_slope=0.1, max_value=null, threshold=0)", new Relu(0.1).ToString());
        Assert.Equal("gelu(approximate=true)", new Gelu(true).ToString());
    }

    private sealed class Doubling : ActivationFunction
    {
        public override string Name => "doubling";

        protected override Tensor Compute(Tensor x) => x * 2;
    }
}

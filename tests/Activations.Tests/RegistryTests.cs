// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;

namespace LayersFramework.Activations.Tests;

/// <summary>Resolving identifiers as keras.activations.get does: names, aliases, class names, null, instances, delegates.</summary>
public sealed class RegistryTests
{
    /// <summary>Keras 3's names (keras/src/activations/__init__.py) and the class each resolves to.</summary>
    public static TheoryData<string, Type> KerasNames => new()
    {
        { "relu", typeof(Relu) },
        { "leaky_relu", typeof(LeakyRelu) },
        { "relu6", typeof(Relu6) },
        { "softmax", typeof(Softmax) },
        { "celu", typeof(Celu) },
        { "elu", typeof(Elu) },
        { "selu", typeof(Selu) },
        { "softplus", typeof(Softplus) },
        { "softsign", typeof(Softsign) },
        { "squareplus", typeof(Squareplus) },
        { "soft_shrink", typeof(SoftShrink) },
        { "sparse_plus", typeof(SparsePlus) },
        { "silu", typeof(Silu) },
        { "swish", typeof(Silu) },
        { "gelu", typeof(Gelu) },
        { "glu", typeof(Glu) },
        { "tanh", typeof(Tanh) },
        { "tanh_shrink", typeof(TanhShrink) },
        { "sigmoid", typeof(Sigmoid) },
        { "sparse_sigmoid", typeof(SparseSigmoid) },
        { "exponential", typeof(Exponential) },
        { "hard_sigmoid", typeof(HardSigmoid) },
        { "hard_silu", typeof(HardSilu) },
        { "hard_swish", typeof(HardSilu) },
        { "hard_tanh", typeof(HardTanh) },
        { "hard_shrink", typeof(HardShrink) },
        { "linear", typeof(Linear) },
        { "mish", typeof(Mish) },
        { "log_softmax", typeof(LogSoftmax) },
        { "log_sigmoid", typeof(LogSigmoid) },
        { "sparsemax", typeof(Sparsemax) },
    };

    public static TheoryData<string> RegistryNames => new(ActivationRegistry.BuiltIns.Names.Where(name => !name.StartsWith("threshold", StringComparison.OrdinalIgnoreCase)));

    [Theory]
    [MemberData(nameof(KerasNames))]
    public void KerasName_ResolvesToItsClass_WithDefaults(string name, Type type)
    {
        var activation = ActivationRegistry.Get(name);

        Assert.IsType(type, activation);
        Assert.True(JsonNode.DeepEquals(JsonValue.Create(activation.Name), ActivationRegistry.Serialize(activation)), $"{name} does not have its default config");
    }

    [Theory]
    [MemberData(nameof(KerasNames))]
    public void ClassName_Resolves_ToTheSameClass(string name, Type type)
    {
        Assert.IsType(type, ActivationRegistry.Get(type.Name));
        Assert.True(ActivationRegistry.BuiltIns.Contains(name));
    }

    [Theory]
    [MemberData(nameof(RegistryNames))]
    public void EveryRegisteredName_Resolves(string name)
    {
        var activation = ActivationRegistry.Get(name);

        Assert.NotNull(activation);
        Assert.Contains(name, new[] { activation.Name, activation.GetType().Name, "swish", "hard_swish" });
    }

    [Fact]
    public void Registry_HoldsExactlyKerasNames_ClassNames_AndTheTwoAliases()
    {
        var expected = KerasNames.Select(row => (string)row[0])
            .Concat(KerasNames.Select(row => ((Type)row[1]).Name))
            .Append("threshold").Append("Threshold")
            .Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(expected, ActivationRegistry.BuiltIns.Names);
        Assert.Equal("activation", ActivationRegistry.BuiltIns.Family);
        Assert.Equal("keras.activations", ActivationRegistry.BuiltIns.Module);
    }

    [Theory]
    [MemberData(nameof(ActivationCatalog.Labels), MemberType = typeof(ActivationCatalog))]
    public void Name_IsKerasSnakeCaseOfTheClassName(string label)
    {
        var activation = ActivationCatalog.Find(label).Create();
        if (activation is DelegateActivation)
        {
            Assert.Equal("cube", activation.Name);
            return;
        }

        Assert.Equal(LayersFramework.Configuration.KerasNames.ToSnakeCase(activation.GetType().Name), activation.Name);
    }

    [Fact]
    public void Null_ResolvesToLinear()
    {
        Assert.IsType<Linear>(ActivationRegistry.Get(null));
    }

    [Fact]
    public void AnInstance_IsReturnedAsItIs()
    {
        var relu = new Relu(maxValue: 3);

        Assert.Same(relu, ActivationRegistry.Get(relu));
    }

    [Fact]
    public void ALambda_IsWrapped_AndComputesTheFunction()
    {
        var activation = ActivationRegistry.Get((Func<Tensor, Tensor>)(x => x * 2), "activation");

        var wrapped = Assert.IsType<DelegateActivation>(activation);
        Assert.Equal("lambda", wrapped.Name);
        using var scope = NewDisposeScope();
        Assert.Equal(new double[] { 2, -4 }, TensorAssert.Values(wrapped.Apply(tensor(new double[] { 1, -2 }))));
    }

    [Fact]
    public void AMethodGroup_IsWrapped_UnderTheMethodsName()
    {
        var activation = ActivationRegistry.Get((Func<Tensor, Tensor>)Halve);

        Assert.Equal(nameof(Halve), activation.Name);
    }

    [Fact]
    public void ARegisteredFunction_ResolvesByName_AndPackagedName_InItsRegistryOnly()
    {
        var cube = ActivationCatalog.Registered.Cube;

        Assert.Same(cube, ActivationCatalog.Registered.Get("cube"));
        Assert.Same(cube, ActivationCatalog.Registered.Get("Tests>cube"));
        Assert.Contains("Tests>cube", ActivationCatalog.Registered.Registry.Names);
        Assert.False(ActivationRegistry.BuiltIns.Contains("cube"));
        Assert.Throws<ArgumentException>(() => ActivationRegistry.Get("cube"));
    }

    [Fact]
    public void AFunctionGivenToGet_IsWrappedAnew_UnderItsMethodsName_EvenWhenItIsRegistered()
    {
        var wrapped = ActivationCatalog.Registered.Get(ActivationCatalog.Cube);

        Assert.NotSame(ActivationCatalog.Registered.Cube, wrapped);
        Assert.Equal("lambda", wrapped.Name);
    }

    [Fact]
    public void RegisteringATakenName_WithAnotherFunction_Throws()
    {
        _ = ActivationCatalog.Registered.Cube;

        var e = Assert.Throws<ArgumentException>(() => ActivationCatalog.Registered.Registry.RegisterFunction("cube", x => x.pow(3), package: "Tests"));

        Assert.Equal("name", e.ParamName);
        Assert.StartsWith("The activation name 'cube' is already taken", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("Relu")]
    [InlineData("swish")]
    public void RegisteringABuiltInName_Throws(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => ActivationRegistry.CreateRegistry().RegisterFunction(name, x => x.neg()));

        Assert.Equal("name", e.ParamName);
        Assert.StartsWith($"The activation name '{name}' is already taken by", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBuiltIns_AreReadOnly()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ActivationRegistry.BuiltIns.RegisterFunction("f", x => x.neg()));

        Assert.Contains("read-only", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("identifier", "identifier")]
    [InlineData("activation", "activation")]
    public void UnknownName_Throws_ListingTheKnownNames(string parameterName, string expectedParamName)
    {
        var e = Assert.Throws<ArgumentException>(() => ActivationRegistry.Get("rellu", parameterName));

        Assert.Equal(expectedParamName, e.ParamName);
        Assert.StartsWith("Unknown activation 'rellu'. Known names: ", e.Message, StringComparison.Ordinal);
        foreach (var name in new[] { "relu", "hard_silu", "swish", "sparsemax" })
        {
            Assert.Contains(name, e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("ReLU", "relu")]
    [InlineData("GELU", "gelu")]
    [InlineData("HardSwish", "hard_swish")]
    public void UnknownName_DifferingOnlyInCaseOrSpelling_SuggestsTheKerasName(string name, string suggestion)
    {
        var e = Assert.Throws<ArgumentException>(() => ActivationRegistry.Get(name));

        Assert.StartsWith($"Unknown activation '{name}'. Did you mean '{suggestion}'?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Threshold_ByNameAlone_Throws_SayingWhichValuesItNeeds()
    {
        var e = Assert.Throws<ArgumentException>(() => ActivationRegistry.Get("threshold", "activation"));

        Assert.Equal("activation", e.ParamName);
        Assert.StartsWith("Could not create the activation 'threshold' from its name alone: The config of Threshold has no threshold", e.Message, StringComparison.Ordinal);
        Assert.IsType<ArgumentException>(e.InnerException);
    }

    [Theory]
    [InlineData(42)]
    [InlineData(1.5)]
    [InlineData(true)]
    public void AnIdentifierOfAnotherKind_Throws(object identifier)
    {
        var e = Assert.Throws<ArgumentException>(() => ActivationRegistry.Get(identifier, "activation"));

        Assert.Equal("activation", e.ParamName);
        Assert.StartsWith($"Could not interpret activation identifier: {identifier} (a {identifier.GetType().Name})", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARegisteredCustomClass_ResolvesAndSerializes_ThroughTheRegistry()
    {
        var registry = ActivationRegistry.CreateRegistry();
        registry.RegisterCustom(config => new Scaled(new ConfigReader(config, "Scaled").Number("factor", 1)));

        var scaled = registry.Resolve("Scaled", "activation");
        var serialized = registry.Serialize(new Scaled(3));

        Assert.IsType<Scaled>(scaled);
        Assert.Equal("Tests>Scaled", serialized["registered_name"]!.GetValue<string>());
        Assert.Equal(serialized.ToJsonString(), ActivationRegistry.Serialize(new Scaled(3)).ToJsonString());
        Assert.Equal(3, Assert.IsType<Scaled>(registry.Resolve(serialized, "activation")).Factor);
        Assert.False(ActivationRegistry.BuiltIns.Contains("Scaled"));
    }

    private static Tensor Halve(Tensor x) => x * 0.5;

    [KerasSerializable(Package = "Tests")]
    private sealed class Scaled(double factor) : ActivationFunction
    {
        public double Factor { get; } = factor;

        public override string Name => "scaled";

        public override JsonObject GetConfig() => new() { ["factor"] = Factor };

        protected override Tensor Compute(Tensor x) => x * Factor;
    }
}

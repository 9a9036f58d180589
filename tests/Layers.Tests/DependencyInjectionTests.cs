// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Activations;
using LayersFramework.Configuration;
using LayersFramework.DependencyInjection;
using LayersFramework.Initializers;
using LayersFramework.Regularizers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace LayersFramework.Layers.Tests;

/// <summary>services.AddLayersFramework(): one catalog per container, the application's components resolved from configs.</summary>
public sealed class DependencyInjectionTests
{
    /// <summary>A Conv2DTranspose config as Keras 3 writes it, whose kernel initializer is the application's "Custom>scaled_ones".</summary>
    private const string ConfigNamingACustomInitializer = """
        {"module": "keras.layers", "class_name": "Conv2DTranspose", "registered_name": null,
         "config": {"name": "up", "filters": 4, "kernel_size": [3, 3], "strides": [2, 2], "padding": "same",
                    "kernel_initializer": {"module": null, "class_name": "ScaledOnes", "config": {"scale": 0.5}, "registered_name": "Custom>ScaledOnes"}}}
        """;

    [Fact]
    public void ACustomInitializerRegisteredThroughDI_IsResolvedFromAConfig_AndAskedOnceWithTheKernelShape()
    {
        using var scope = NewDisposeScope();
        var initializer = new Mock<IInitializer>(MockBehavior.Strict);
        initializer.Setup(i => i.Initialize(new long[] { 3, 3, 4, 2 }, ScalarType.Float32)).Returns(() => full([3, 3, 4, 2], 0.5));
        JsonObject? configSeen = null;
        using var services = new ServiceCollection()
            .AddLayersFramework(options => options.Initializers.Add("ScaledOnes", config =>
            {
                configSeen = config;
                return initializer.Object;
            }))
            .BuildServiceProvider();
        var catalog = services.GetRequiredService<ComponentCatalog>();

        using var layer = catalog.GetLayer(ConfigNamingACustomInitializer);
        layer.Call(ones(1, 5, 5, 2));

        initializer.Verify(i => i.Initialize(It.IsAny<long[]>(), It.IsAny<ScalarType>()), Times.Once());
        Assert.Equal("""{"scale":0.5}""", configSeen!.ToJsonString());
        Assert.All(((Conv2DTranspose)layer).Kernel!.Value.Floats(), v => Assert.Equal(0.5f, v));
    }

    [Fact]
    public void WithoutTheContainer_TheSameConfig_FailsNamingTheUnknownComponentAndTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => LayerRegistry.Get(ConfigNamingACustomInitializer));

        Assert.Equal("identifier", error.ParamName);
        Assert.StartsWith("Could not create the layer 'Conv2DTranspose' from the config", error.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown initializer 'Custom>ScaledOnes'. Known names: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Custom>ScaledOnes' is the name of an application's own component: load the config through a ComponentCatalog that registers it", error.Message, StringComparison.Ordinal);
        Assert.Equal("kernelInitializer", Assert.IsAssignableFrom<ArgumentException>(error.InnerException).ParamName);
        Assert.Contains("glorot_uniform", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLayersFramework_IsIdempotent_AndEveryCallsComponentsReachTheOneCatalog()
    {
        var services = new ServiceCollection()
            .AddLayersFramework(options => options.Initializers.Add(ScaledOnes.FromConfig))
            .AddLayersFramework()
            .AddLayersFramework(options => options.Regularizers.Add(HalfL1.FromConfig));

        Assert.Single(services, d => d.ServiceType == typeof(ComponentCatalog));
        using var provider = services.BuildServiceProvider();
        var catalog = provider.GetRequiredService<ComponentCatalog>();
        Assert.Same(catalog, provider.GetRequiredService<ComponentCatalog>());
        Assert.IsType<ScaledOnes>(catalog.GetInitializer("Custom>ScaledOnes"));
        Assert.IsType<ScaledOnes>(catalog.GetInitializer("scaled_ones"));
        Assert.IsType<HalfL1>(catalog.GetRegularizer("Custom>HalfL1"));
        Assert.Equal(2, provider.GetRequiredService<IOptions<LayersFrameworkOptions>>().Value.Initializers.Count + provider.GetRequiredService<IOptions<LayersFrameworkOptions>>().Value.Regularizers.Count);
    }

    [Fact]
    public void TheCatalogsRegistries_AreReadOnly()
    {
        using var provider = new ServiceCollection().AddLayersFramework().BuildServiceProvider();
        var catalog = provider.GetRequiredService<ComponentCatalog>();

        Assert.True(catalog.Initializers.IsReadOnly && catalog.Regularizers.IsReadOnly && catalog.Constraints.IsReadOnly && catalog.Activations.IsReadOnly && catalog.Layers.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => catalog.Initializers.RegisterCustom(ScaledOnes.FromConfig));
    }

    [Fact]
    public void ANameTakenByABuiltIn_FailsWhenTheCatalogIsBuilt_NamingIt()
    {
        using var provider = new ServiceCollection()
            .AddLayersFramework(options => options.Initializers.Add("he_normal", _ => new ScaledOnes(2)))
            .BuildServiceProvider();

        var error = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<ComponentCatalog>());

        Assert.StartsWith("The initializer name 'he_normal' is already taken by HeNormal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALayerWithAnApplicationsComponents_RoundTripsThroughItsConfig_WithTheSameOutput()
    {
        using var scope = NewDisposeScope();
        using var provider = new ServiceCollection()
            .AddLayersFramework(options =>
            {
                options.Initializers.Add(ScaledOnes.FromConfig);
                options.Regularizers.Add(HalfL1.FromConfig);
                options.Activations.AddFunction("cube", Cube);
            })
            .BuildServiceProvider();
        var catalog = provider.GetRequiredService<ComponentCatalog>();
        using var original = new Conv2DTranspose(
            3, 2, strides: 2, activation: new DelegateActivation("cube", Cube), kernelInitializer: new ScaledOnes(0.25), kernelRegularizer: new HalfL1());
        var x = arange(2 * 3 * 3 * 2, ScalarType.Float32).reshape([2, 3, 3, 2]) * 0.1;
        var expected = original.Call(x).Floats();

        var saved = KerasJson.Write(LayerRegistry.Serialize(original));
        using var reloaded = (Conv2DTranspose)catalog.GetLayer(saved);

        Assert.Contains("\"registered_name\":\"Custom>cube\"", saved, StringComparison.Ordinal);
        Assert.Equal(expected, reloaded.Call(x).Floats());
        Assert.Equal(original.Losses.Select(l => l.ToDouble()), reloaded.Losses.Select(l => l.ToDouble()));
        Assert.Equal(KerasJson.Write(original.GetConfig()), KerasJson.Write(reloaded.GetConfig()));
    }

    [Fact]
    public void AnApplicationsLayer_ResolvesTheComponentsItsConfigNames_ThroughTheCatalog()
    {
        using var scope = NewDisposeScope();
        using var provider = new ServiceCollection()
            .AddLayersFramework(options =>
            {
                options.Initializers.Add(ScaledOnes.FromConfig);
                options.Layers.Add(Scale.FromConfig);
            })
            .BuildServiceProvider();
        var catalog = provider.GetRequiredService<ComponentCatalog>();
        var envelope = """{"class_name": "Scale", "registered_name": "Custom>Scale", "config": {"name": "s", "initializer": {"class_name": "ScaledOnes", "config": {"scale": 3}, "registered_name": "Custom>ScaledOnes"}}}""";

        using var layer = catalog.GetLayer(envelope);

        Assert.Equal(new[] { 3f, 6f }, layer.Call(tensor(new float[] { 1, 2 }, [1, 2])).Floats());
        Assert.Equal("Custom>Scale", LayerRegistry.Serialize(layer)["registered_name"]!.GetValue<string>());
    }

    [Fact]
    public void ResolvingTheCatalog_PointsLayerLoggingAtTheContainersLoggerFactory()
    {
        var original = LayersFrameworkLogging.LoggerFactory;
        try
        {
            var loggerFactory = new Mock<ILoggerFactory>();
            loggerFactory.Setup(f => f.CreateLogger(It.IsAny<string>())).Returns(NullLogger.Instance);
            using var provider = new ServiceCollection().AddSingleton(loggerFactory.Object).AddLayersFramework().BuildServiceProvider();

            _ = provider.GetRequiredService<ComponentCatalog>();
            using var layer = new Conv1DTranspose(2, 3, strides: 2);

            Assert.Same(loggerFactory.Object, LayersFrameworkLogging.LoggerFactory);
            loggerFactory.Verify(f => f.CreateLogger(typeof(Conv1DTranspose).FullName!), Times.Once());
        }
        finally
        {
            LayersFrameworkLogging.LoggerFactory = original;
        }
    }

    [Fact]
    public void ACatalogBuiltWithoutAContainer_FromOptions_ResolvesTheSameNames()
    {
        var catalog = new ComponentCatalog(new LayersFrameworkOptions().Configure(options => options.Initializers.Add(ScaledOnes.FromConfig)));

        Assert.IsType<ScaledOnes>(catalog.GetInitializer("ScaledOnes"));
        Assert.Throws<ArgumentException>(() => ComponentCatalog.BuiltIns.GetInitializer("ScaledOnes"));
    }

    private static Tensor Cube(Tensor x) => x.pow(3);

    /// <summary>An application's initializer: every weight filled with one value.</summary>
    private sealed class ScaledOnes(double scale) : IInitializer
    {
        public double Scale { get; } = scale;

        public static ScaledOnes FromConfig(JsonObject config)
        {
            var reader = new ConfigReader(config, nameof(ScaledOnes));
            var scale = reader.Number("scale", 1);
            reader.EnsureNoOtherKeys();
            return new ScaledOnes(scale);
        }

        public Tensor Initialize(long[] shape, ScalarType dtype = ScalarType.Float32) => full(shape, Scale, dtype);

        public JsonObject GetConfig() => new() { ["scale"] = Scale };
    }

    /// <summary>An application's regularizer: half the L1 norm.</summary>
    private sealed class HalfL1 : IRegularizer
    {
        public static HalfL1 FromConfig(JsonObject config)
        {
            new ConfigReader(config, nameof(HalfL1)).EnsureNoOtherKeys();
            return new HalfL1();
        }

        public Tensor Compute(Tensor weights) => weights.abs().sum() * 0.5;

        public JsonObject GetConfig() => [];
    }

    /// <summary>An application's layer: multiplies by one weight per feature, made by a configurable initializer.</summary>
    private sealed class Scale(IInitializer initializer, string? name) : Layer(name, trainable: true, activityRegularizer: null)
    {
        private Variable? weight;

        public static Scale FromConfig(JsonObject config, ComponentCatalog catalog)
        {
            var reader = new ConfigReader(config, nameof(Scale));
            var name = reader.Text("name", "scale");
            var initializer = catalog.GetInitializer(reader.Node("initializer"), "initializer") ?? new Ones();
            _ = reader.Node("trainable");
            _ = reader.Node("dtype");
            reader.EnsureNoOtherKeys();
            return new Scale(initializer, name);
        }

        public override long?[] ComputeOutputShape(long?[] inputShape) => inputShape;

        public override JsonObject GetConfig()
        {
            var config = base.GetConfig();
            config["initializer"] = InitializerRegistry.Serialize(initializer);
            return config;
        }

        protected override void CreateWeights(long[] inputShape) => weight = AddWeight("scale", [inputShape[^1]], initializer);

        protected override Tensor ComputeOutput(Tensor inputs, bool training) => inputs * weight!.Value;
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Layers;

namespace LayersFramework.Layers.Tests;

/// <summary>Keras configs a hostile user wrote: each is refused with an ArgumentException naming the key, never built wrong or failing elsewhere.</summary>
public sealed class HostileConfigTests
{
    public static TheoryData<string, string> Hostile => new()
    {
        // An (int) cast made 4294967298 into 2.
        { """{"class_name": "Dense", "config": {"units": 4294967298}}""", "units = 4294967298" },
        { """{"class_name": "Conv2DTranspose", "config": {"filters": 4294967298, "kernel_size": 3}}""", "filters = 4294967298" },
        { """{"class_name": "Conv2D", "config": {"filters": 2, "kernel_size": 3, "groups": -4294967295}}""", "groups = -4294967295" },
        { """{"class_name": "Concatenate", "config": {"axis": 2147483648}}""", "axis = 2147483648" },
        { """{"class_name": 5, "config": {}}""", "\"class_name\" is 5" },
        { """{"class_name": ["Dense"], "config": {}}""", "\"class_name\" is [\"Dense\"]" },
        { """{"class_name": "Conv2DTranspose", "config": {"filters": 2, "kernel_size": 3, "output_size": [null, 4]}}""", "output_size" },
        { """{"class_name": "Conv2DTranspose", "config": {"filters": 2, "kernel_size": [3, null]}}""", "kernel_size = [3,null]" },
        { """{"class_name": "Dense", "config": "garbage"}""", "\"config\" is \"garbage\"" },
        { """{"class_name": "Sequential", "config": {"layers": "x"}}""", "layers = \"x\"" },
        { """{"class_name": "Sequential", "config": {"layers": [7]}}""", "layers[0] is 7" },

        // Found by ConfigFuzzTests: a dtype that is not a string threw InvalidOperationException; a constructor's
        // refusal named its C# argument (kernelSize) and a layer inside a Sequential named no key at all.
        { """{"class_name": "Dense", "config": {"units": 2, "dtype": 1e308}}""", "dtype = 1e308" },
        { """{"class_name": "Dense", "config": {"units": 2, "dtype": {"class_name": "DTypePolicy", "config": {"name": 16}}}}""", "dtype = {" },
        { """{"class_name": "Conv2DTranspose", "config": {"filters": 2, "kernel_size": [3, 3, 3]}}""", "the key \"kernel_size\": The kernelSize argument" },
        { """{"class_name": "Conv2D", "config": {"filters": 2, "kernel_size": 3, "kernel_initializer": "nope"}}""", "the key \"kernel_initializer\": Unknown initializer 'nope'" },
        { """{"class_name": "Conv2D", "config": {"filters": 2, "kernel_size": 3, "kernel_initializer": 7}}""", "the key \"kernel_initializer\": Could not interpret initializer identifier: 7" },
        { """{"class_name": "Sequential", "config": {"layers": [{"class_name": "NoSuchLayer"}]}}""", "the key \"layers\": Unknown layer 'NoSuchLayer'" },
        { """{"class_name": "UpSampling2D", "config": {"size": [2, 2], "data_format": ""}}""", "the key \"data_format\"" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void AHostileConfig_IsRefused_NamingTheKey(string json, string named)
    {
        var config = JsonNode.Parse(json)!.AsObject();

        var error = Assert.Throws<ArgumentException>(() => LayerRegistry.Get(config));

        Assert.True(error.Message.Contains(named, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void AComponentNamedByAStringInAConfig_Resolves()
    {
        // Keras reads "kernel_initializer": "zeros" as initializers.get("zeros"); it was refused here.
        var config = JsonNode.Parse("""{"class_name": "Dense", "config": {"units": 2, "kernel_initializer": "zeros", "activation": "relu"}}""")!.AsObject();

        using var layer = (Dense)LayerRegistry.Get(config);
        layer.Build([null, 3]);

        Assert.All(layer.Kernel!.Value.data<float>().ToArray(), value => Assert.Equal(0f, value));
    }

    [Fact]
    public void AConfigNested60ModelsDeep_Loads()
    {
        // Each level used to copy the whole subtree below it, which grew with the cube of the depth (11 s at 800 levels).
        using var model = LayerRegistry.Get(NestedSequentials(60));

        Assert.Equal(60, Depth(model));
        Assert.Equal("level59", model.Name);
    }

    [Fact]
    public void AConfigNested10000ModelsDeep_IsRefusedBeforeBuilding_NamingTheKey()
    {
        // Read level by level, it overflowed the stack or spent minutes; its depth is measured first, without recursing.
        var config = NestedSequentials(10_000);

        var error = Assert.Throws<ArgumentException>(() => LayerRegistry.Get(config));

        Assert.Contains("deeper than 256 levels", error.Message, StringComparison.Ordinal);
        Assert.Contains("at the key \"layers\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AModelNested1000Deep_DisposesEveryLevel()
    {
        // TorchSharp's Dispose walks every descendant at each level: 800 levels took 19 s. Layers now dispose their
        // children first, so each walk is short; this test took minutes before.
        var layers = new List<Layer> { new Dense(2) };
        for (var level = 0; level < 1000; level++)
        {
            layers.Add(new Sequential([layers[^1]]));
        }

        layers[^1].Dispose();

        Assert.All(layers, layer => Assert.Throws<ObjectDisposedException>(() => layer.Build([null, 2])));
    }

    private static JsonObject NestedSequentials(int depth)
    {
        JsonObject config = new() { ["class_name"] = "Dense", ["config"] = new JsonObject { ["units"] = 2, ["name"] = "leaf" } };
        for (var level = 0; level < depth; level++)
        {
            config = new JsonObject { ["class_name"] = "Sequential", ["config"] = new JsonObject { ["layers"] = new JsonArray(config), ["name"] = $"level{level}" } };
        }

        return config;
    }

    private static int Depth(Layer model)
    {
        var depth = 0;
        for (var layer = model; layer is Sequential sequential; layer = sequential.Layers[0])
        {
            depth++;
        }

        return depth;
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

// Writes tiny-gan.safetensors (a FashionGan-shaped generator and discriminator, each with its Adam state, after
// three training steps) and old-values.json (what the old code reads back: each entry's dtype, shape, first
// values and sum, and both models' outputs on fixed inputs) with the API of commit 4f66a27.
// Usage: dotnet run -c Release -- <output folder>
//        dotnet run -c Release -- --describe <checkpoint> <json>   (the entries part only, for any checkpoint)
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LayersFramework.Layers;
using LayersFramework.Torch;
using LayersFramework.Training;

if (args.Length == 3 && args[0] == "--describe")
{
    using var describeScope = new DisposeScope();
    File.WriteAllText(args[2], new JsonObject { ["entries"] = Describe(args[1]) }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    Console.WriteLine($"wrote {args[2]}");
    return;
}

var folder = args.Length > 0 ? args[0] : ".";
TorchRuntime.ManualSeed(20);
using var scope = new DisposeScope();

// The DCGAN of examples/FashionGan at toy size: noise 6 → (2, 2, 4) → (4, 4, 3) → (8, 8, 1), and back down to a logit.
using var generator = new Sequential(
[
    new Dense(2 * 2 * 4, useBias: false, name: "g_project"),
    new BatchNormalization(name: "g_project_norm"),
    new ReLU(name: "g_project_relu"),
    new Reshape([2, 2, 4], name: "g_reshape"),
    new Conv2DTranspose(3, 4, strides: 2, padding: "same", useBias: false, name: "g_up1"),
    new BatchNormalization(name: "g_up1_norm"),
    new ReLU(name: "g_up1_relu"),
    new Conv2DTranspose(1, 4, strides: 2, padding: "same", activation: "tanh", name: "g_up2"),
],
name: "generator");
using var discriminator = new Sequential(
[
    new Conv2D(3, 4, strides: 2, padding: "same", name: "d_down1"),
    new LeakyReLU(0.2, name: "d_down1_relu"),
    new Conv2D(4, 4, strides: 2, padding: "same", useBias: false, name: "d_down2"),
    new BatchNormalization(name: "d_down2_norm"),
    new LeakyReLU(0.2, name: "d_down2_relu"),
    new Flatten(name: "d_flatten"),
    new Dense(1, name: "d_logit"),
],
name: "discriminator");

// Inputs that need no random generator, so the new code can make the same ones.
var noise = Tensor.FromArray(Enumerable.Range(0, 2 * 6).Select(i => (float)Math.Sin(i + 1)).ToArray(), 2, 6);
var real = Tensor.FromArray(Enumerable.Range(0, 4 * 8 * 8).Select(i => (float)Math.Cos(0.37 * i)).ToArray(), 4, 8, 8, 1);
discriminator.Call(generator.Call(noise));

using var generatorOptimizer = new Adam(2e-3, beta1: 0.5);
using var discriminatorOptimizer = new Adam(2e-3, beta1: 0.5);
var loss = new BinaryCrossentropy(fromLogits: true);
using var random = new Generator(21);
for (var step = 0; step < 3; step++)
{
    using var stepScope = new DisposeScope();
    var fake = generator.Call(Tensor.Randn([4, 6], random), training: true);
    Optimizer.ZeroGradients(discriminator.TrainableWeights);
    var d = loss.Compute(Tensor.Full([4, 1], 0.9), discriminator.Call(real, training: true))
        + loss.Compute(Tensor.Zeros([4, 1]), discriminator.Call(fake.Detach(), training: true));
    d.Backward();
    discriminatorOptimizer.Step(discriminator.TrainableWeights);
    Optimizer.ZeroGradients(generator.TrainableWeights);
    var g = loss.Compute(Tensor.Ones([4, 1]), discriminator.Call(fake, training: true));
    g.Backward();
    generatorOptimizer.Step(generator.TrainableWeights);
}

var path = Path.Combine(folder, "tiny-gan.safetensors");
Checkpoint.Save(
    path,
    [new CheckpointPart("generator", generator, generatorOptimizer), new CheckpointPart("discriminator", discriminator, discriminatorOptimizer)],
    new Dictionary<string, string> { ["epoch"] = "3", ["written_by"] = "LayersFramework 4f66a27 (libtorch 1.13 binding)" });

var entries = Describe(path);

using var noGrad = Autograd.NoGrad();
var images = generator.Call(noise);
var logits = discriminator.Call(real);
var document = new JsonObject
{
    ["entries"] = entries,
    ["generator_output_shape"] = new JsonArray(images.Shape.Select(s => (JsonNode?)s).ToArray()),
    ["generator_output"] = new JsonArray(images.ToArray<float>().Select(v => (JsonNode?)v.ToString("R", CultureInfo.InvariantCulture)).ToArray()),
    ["discriminator_output"] = new JsonArray(logits.ToArray<float>().Select(v => (JsonNode?)v.ToString("R", CultureInfo.InvariantCulture)).ToArray()),
};
File.WriteAllText(Path.Combine(folder, "old-values.json"), document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
Console.WriteLine($"wrote {path} ({new FileInfo(path).Length} bytes) and old-values.json");

// Each entry's dtype, shape, first four values (float32 round-trip strings) and sum (in double).
static JsonObject Describe(string path)
{
    var (tensors, _) = SafeTensorsFile.Load(path);
    var entries = new JsonObject();
    foreach (var (name, tensor) in tensors.OrderBy(p => p.Key, StringComparer.Ordinal))
    {
        var values = tensor.Dtype == ScalarType.Int64 ? tensor.ToArray<long>().Select(v => (double)v).ToArray() : tensor.ToArray<float>().Select(v => (double)v).ToArray();
        entries[name] = new JsonObject
        {
            ["dtype"] = tensor.Dtype.ToString(),
            ["shape"] = new JsonArray(tensor.Shape.Select(s => (JsonNode?)s).ToArray()),
            ["first"] = new JsonArray(values.Take(4).Select(v => (JsonNode?)((float)v).ToString("R", CultureInfo.InvariantCulture)).ToArray()),
            ["sum"] = values.Sum(),
        };
    }

    return entries;
}

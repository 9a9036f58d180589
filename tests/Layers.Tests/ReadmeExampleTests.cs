// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Activations;
using LayersFramework.Configuration;
using LayersFramework.DependencyInjection;
using LayersFramework.Initializers;
using LayersFramework.Regularizers;
using Microsoft.Extensions.DependencyInjection;

namespace LayersFramework.Layers.Tests;

/// <summary>The README's layer examples, verbatim between the markers, run with their printed results checked.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void DecoderExample_RunsAsTheReadmeSays()
    {
        var baseline = LiveTensors.Count;
        var printed = ConsoleCapture.Run(() =>
        {
            // --- README example: decoder begins ---
            using var scope = NewDisposeScope();

            // A decoder from 4x4x64 features to a 32x32 RGB image; components by Keras name or as objects.
            using var up1 = new Conv2DTranspose(32, 4, strides: 2, padding: "same", activation: "relu",
                kernelInitializer: "he_normal", kernelRegularizer: new L2(1e-4));
            using var up2 = new Conv2DTranspose(16, 4, strides: 2, padding: "same", activation: new LeakyRelu(0.2),
                kernelInitializer: new ICNR([2, 2], new HeNormal(seed: 1)));
            using var toRgb = new Conv2DTranspose(3, 4, strides: 2, padding: "same", activation: "tanh");

            var z = randn(8, 4, 4, 64);
            var image = toRgb.Call(up2.Call(up1.Call(z)));
            Console.WriteLine(Tuples.Format(image.shape));        // (8, 32, 32, 3)
            Console.WriteLine(up1.Losses.Count);                  // 1: the kernel's L2 penalty
            Console.WriteLine(Tuples.Format(up1.Kernel!.Shape));  // (4, 4, 32, 64): Keras's layout

            // U-Net: a 12-pixel input fits 23 or 24 pixels at stride 2; ask for the skip connection's 23.
            using var toSkip = new Conv2DTranspose(16, 3, strides: 2, padding: "same");
            var matched = toSkip.Call(randn(8, 12, 12, 32), outputSize: [23, 23]);
            Console.WriteLine(Tuples.Format(matched.shape));      // (8, 23, 23, 16)

            // Save the config as Keras 3 writes it, and load it back (built again from its build_config).
            string json = KerasJson.Write(LayerRegistry.Serialize(up1));
            using var reloaded = (Conv2DTranspose)LayerRegistry.Get(json);
            reloaded.SetWeights(up1.GetWeights());
            Console.WriteLine(reloaded.Call(z).allclose(up1.Call(z)));   // True
            // --- README example: decoder ends ---
        });

        Assert.Equal(["(8, 32, 32, 3)", "1", "(4, 4, 32, 64)", "(8, 23, 23, 16)", "True"], printed.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(baseline, LiveTensors.Count);
    }

    [Fact]
    public void DecoderExample_IsTheCodeInTheReadme() =>
        ReadmeSnippet.AssertInReadme("tests/Layers.Tests/ReadmeExampleTests.cs", "decoder");

    [Fact]
    public void ModulesExample_RunsAsTheReadmeSays()
    {
        var baseline = LiveTensors.Count;
        var printed = ConsoleCapture.Run(() =>
        {
            // --- README example: modules begins ---
            using var scope = NewDisposeScope();

            // Given its input shape, a Sequential is built now, so TorchSharp's optimizer sees every weight.
            using var model = new Sequential(
            [
                new Dense(16, activation: "relu"),
                new Dense(1, kernelConstraint: "non_neg"),
            ], inputShape: [null, 4]);
            using var adam = torch.optim.Adam(model.parameters(), lr: 0.01);
            Console.WriteLine(string.Join(", ", model.state_dict().Keys));   // 0.kernel, 0.bias, 1.kernel, 1.bias

            var x = randn(64, 4);
            var y = x.sum(1, keepdim: true);
            for (var step = 0; step < 100; step++)
            {
                using var stepScope = NewDisposeScope();
                adam.zero_grad();
                var loss = nn.functional.mse_loss(model.Call(x, training: true), y);
                loss.backward();
                adam.step();
                model.ApplyConstraints();   // Keras's rule: each weight's constraint after the update
            }

            model.eval();   // TorchSharp's forward and call now run it in inference mode, as Call(x) does
            Console.WriteLine(model.forward(x).allclose(model.Call(x)));   // True
            // --- README example: modules ends ---
        });

        Assert.Equal(["0.kernel, 0.bias, 1.kernel, 1.bias", "True"], printed.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(baseline, LiveTensors.Count);
    }

    [Fact]
    public void ModulesExample_IsTheCodeInTheReadme() =>
        ReadmeSnippet.AssertInReadme("tests/Layers.Tests/ReadmeExampleTests.cs", "modules");

    [Fact]
    public void DependencyInjectionExample_RunsAsTheReadmeSays()
    {
        var printed = ConsoleCapture.Run(() =>
        {
            // --- README example: di begins ---
            var services = new ServiceCollection();
            services.AddLayersFramework(options =>
            {
                options.Initializers.Add(Scaled.FromConfig);            // configs name it "Custom>Scaled"
                options.Activations.AddFunction("cube", x => x.pow(3)); // and this one "Custom>cube"
            });
            using var provider = services.BuildServiceProvider();
            var catalog = provider.GetRequiredService<ComponentCatalog>();

            using var scope = NewDisposeScope();
            using var layer = new Conv2DTranspose(8, 3, strides: 2, kernelInitializer: new Scaled(0.5),
                activation: new DelegateActivation("cube", x => x.pow(3)));
            layer.Call(ones(1, 4, 4, 2));
            string json = KerasJson.Write(LayerRegistry.Serialize(layer));
            using var again = catalog.GetLayer(json);   // LayerRegistry.Get(json) would not know "Custom>Scaled"
            Console.WriteLine(again.GetConfig()["kernel_initializer"]!["registered_name"]);  // Custom>Scaled
            // --- README example: di ends ---
        });

        Assert.Equal("Custom>Scaled", printed.Trim());
    }

    [Fact]
    public void DependencyInjectionExample_IsTheCodeInTheReadme()
    {
        ReadmeSnippet.AssertInReadme("tests/Layers.Tests/ReadmeExampleTests.cs", "di");
        ReadmeSnippet.AssertInReadme("tests/Layers.Tests/ReadmeExampleTests.cs", "scaled");
    }

    // --- README example: scaled begins ---
    public sealed class Scaled(double scale) : IInitializer
    {
        public double Scale { get; } = scale;

        public static Scaled FromConfig(JsonObject config) => new(config["scale"]!.GetValue<double>());

        public Tensor Initialize(long[] shape, ScalarType dtype = ScalarType.Float32) => full(shape, Scale, dtype);

        public JsonObject GetConfig() => new() { ["scale"] = Scale };
    }

    // --- README example: scaled ends ---
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Examples.FashionGan;
using LayersFramework.Layers;
using LayersFramework.Training;

namespace LayersFramework.Examples.Tests;

/// <summary>
/// FashionGan's DCGAN and the same networks written in PyTorch (Fixtures/pytorch-dcgan/make_fixtures.py, run with
/// Debian's python3-torch): PyTorch's state dicts load into our generator and discriminator, which then compute
/// PyTorch's outputs, and what we export is PyTorch's state dict again.
/// </summary>
public sealed class PyTorchDcganTests : IDisposable
{
    private const int Width = 4;
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "pytorch-dcgan");
    private readonly string folder = Directory.CreateTempSubdirectory("lf-pytorch-dcgan-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("generator.pt")]
    [InlineData("generator.safetensors")]
    public void PyTorchsGenerator_Loaded_DrawsPyTorchsImages(string file)
    {
        using var scope = NewDisposeScope();
        var io = InputsAndOutputs();
        using var generator = Dcgan.Generator(Width);
        generator.Call(io["noise"]);

        PyTorchWeights.Load(Path.Combine(Fixture, file), GeneratorModules(generator));

        // PyTorch's images are (batch, 1, 28, 28), ours (batch, 28, 28, 1).
        using var noGrad = no_grad();
        TensorAssert.Close(TensorAssert.Values(io["images"].permute(0, 2, 3, 1)), TensorAssert.Values(generator.Call(io["noise"])), 1e-5, 1e-6);
    }

    [Fact]
    public void PyTorchsDiscriminator_Loaded_GivesPyTorchsLogits_WithTheFlattenedFeaturesReordered()
    {
        using var scope = NewDisposeScope();
        var io = InputsAndOutputs();
        var images = io["images"].permute(0, 2, 3, 1);
        using var discriminator = Dcgan.Discriminator(Width);
        discriminator.Call(images);

        PyTorchWeights.Load(Path.Combine(Fixture, "discriminator.pt"), DiscriminatorModules(discriminator));

        using var noGrad = no_grad();
        TensorAssert.Close(TensorAssert.Values(io["logits"]), TensorAssert.Values(discriminator.Call(images)), 1e-5, 1e-6);
    }

    [Theory]
    [InlineData("exported.pt")]
    [InlineData("exported.safetensors")]
    public void OurGenerator_Exported_IsPyTorchsStateDict_ValueForValue(string file)
    {
        using var scope = NewDisposeScope();
        using var generator = Dcgan.Generator(Width);
        generator.Call(zeros([1, 16]));
        var original = Path.Combine(Fixture, "generator.pt");
        PyTorchWeights.Load(original, GeneratorModules(generator));
        var exported = Path.Combine(folder, file);

        PyTorchWeights.Save(exported, GeneratorModules(generator));

        var (expected, _) = TensorFile.Load(original);
        var (actual, _) = TensorFile.Load(exported);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, tensor) in expected)
        {
            Assert.Equal(tensor.dtype, actual[name].dtype);
            Assert.Equal(tensor.shape, actual[name].shape);
            if (!name.EndsWith("num_batches_tracked", StringComparison.Ordinal))
            {
                Assert.Equal(TensorAssert.Values(tensor), TensorAssert.Values(actual[name]));
            }
        }

        // Not kept here: exported as a fresh module's 0 (PyTorch saved 7).
        Assert.Equal(0L, actual["1.num_batches_tracked"].item<long>());
    }

    [Fact]
    public void AStateDictThatDoesNotFit_IsRefused_ListingEveryProblem_AndNothingChanges()
    {
        using var scope = NewDisposeScope();
        using var generator = Dcgan.Generator(Width);
        generator.Call(zeros([1, 16]));
        var before = generator.GetWeights().Select(TensorAssert.Values).ToList();

        var error = Assert.Throws<InvalidDataException>(() => PyTorchWeights.Load(Path.Combine(Fixture, "discriminator.pt"), GeneratorModules(generator)));

        Assert.StartsWith(Path.Combine(Fixture, "discriminator.pt"), error.Message, StringComparison.Ordinal);
        Assert.Contains("missing \"7.bias\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"0.weight\" is Float32 (8, 1, 4, 4) but g_project/kernel needs a floating-point (784, 16)", error.Message, StringComparison.Ordinal);
        Assert.Contains("unexpected \"6.weight\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, generator.GetWeights().Select(TensorAssert.Values).ToList());
    }

    [Fact]
    public void TheReadmesExample_LoadsPyTorchsGenerator_AndExportsIt()
    {
        using var outer = NewDisposeScope();
        var pyTorchFile = Path.Combine(Fixture, "generator.pt");
        var exportFile = Path.Combine(folder, "generator-tuned.pt");
        var io = TensorFile.Load(Path.Combine(Fixture, "io.safetensors")).Tensors;
        var noise = io["noise"];
        var baseline = LiveTensors.Count;
        double[] images;
        {
            using var scope = NewDisposeScope();

            // --- README example: pytorch begins ---
            // PyTorch's nn.Sequential numbers its modules 0, 1, 2, ...; each layer with weights names its module.
            using var generator = new Sequential(
            [
                new Dense(7 * 7 * 16, useBias: false),  // 0 nn.Linear(16, 784, bias=False)
                new BatchNormalization(),               // 1 nn.BatchNorm1d(784, eps=1e-3, momentum=0.01)
                new ReLU(),                             // 2 nn.ReLU()
                new Reshape([7, 7, 16]),                // 3 nn.Unflatten(1, (16, 7, 7))
                new Conv2DTranspose(8, 4, strides: 2, padding: "same", useBias: false), // 4 nn.ConvTranspose2d(16, 8, 4, 2, 1, bias=False)
                new BatchNormalization(),               // 5 nn.BatchNorm2d(8, eps=1e-3, momentum=0.01)
                new ReLU(),                             // 6 nn.ReLU()
                new Conv2DTranspose(1, 4, strides: 2, padding: "same", activation: "tanh"), // 7 nn.ConvTranspose2d(8, 1, 4, 2, 1), 8 nn.Tanh()
            ]);
            generator.Call(torch.zeros(1, 16)); // creates the weights
            PyTorchModule[] modules =
            [
                new("0", generator.Layers[0]) { OutputImage = [7, 7, 16] }, // reshaped to (7, 7, 16) here, (16, 7, 7) in PyTorch
                new("1", generator.Layers[1]) { OutputImage = [7, 7, 16] },
                new("4", generator.Layers[4]),
                new("5", generator.Layers[5]),
                new("7", generator.Layers[7]),
            ];
            PyTorchWeights.Load(pyTorchFile, modules); // written by torch.save(model.state_dict(), path), or safetensors
            var drawn = generator.Call(noise);          // (batch, 28, 28, 1): PyTorch's images, channels last
            PyTorchWeights.Save(exportFile, modules);   // PyTorch: model.load_state_dict(torch.load(path))
            // --- README example: pytorch ends ---

            images = TensorAssert.Values(drawn);
        }

        Assert.Equal(baseline, LiveTensors.Count);
        TensorAssert.Close(TensorAssert.Values(io["images"].permute(0, 2, 3, 1)), images, 1e-5, 1e-6);
        using var check = NewDisposeScope();
        Assert.Equal(
            TensorFile.Load(pyTorchFile).Tensors["4.weight"].data<float>().ToArray(),
            TensorFile.Load(exportFile).Tensors["4.weight"].data<float>().ToArray());
    }

    [Fact]
    public void ThePyTorchExample_IsTheCodeInTheReadme() =>
        ReadmeSnippet.AssertInReadme("tests/Examples.Tests/PyTorchDcganTests.cs", "pytorch");

    /// <summary>The generator's layers with weights, by their index in make_fixtures.py's nn.Sequential.</summary>
    private static PyTorchModule[] GeneratorModules(Sequential generator) =>
    [
        new("0", Named(generator, "g_project")) { OutputImage = [7, 7, 4 * Width] },
        new("1", Named(generator, "g_project_norm")) { OutputImage = [7, 7, 4 * Width] },
        new("4", Named(generator, "g_up1")),
        new("5", Named(generator, "g_up1_norm")),
        new("7", Named(generator, "g_up2")),
    ];

    private static PyTorchModule[] DiscriminatorModules(Sequential discriminator) =>
    [
        new("0", Named(discriminator, "d_down1")),
        new("2", Named(discriminator, "d_down2")),
        new("3", Named(discriminator, "d_down2_norm")),
        new("6", Named(discriminator, "d_logit")) { InputImage = [7, 7, 4 * Width] },
    ];

    private static Layer Named(Sequential model, string name) => model.Layers.Single(layer => layer.Name == name);

    private static IReadOnlyDictionary<string, Tensor> InputsAndOutputs() => TensorFile.Load(Path.Combine(Fixture, "io.safetensors")).Tensors;
}

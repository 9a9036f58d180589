// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json.Nodes;
using LayersFramework.Layers;

namespace LayersFramework.Training.Tests;

/// <summary>
/// A checkpoint written by the old engine (commit 4f66a27, the own binding over libtorch 1.13; see
/// Fixtures/README.md) loads into today's equivalent models and optimizers with every value exact, computes what
/// the old code computed, and writes back byte for byte the same file.
/// </summary>
public sealed class OldCheckpointTests : IDisposable
{
    private static readonly string FixtureFolder = Path.Combine(AppContext.BaseDirectory, "Fixtures");
    private readonly string folder = Directory.CreateTempSubdirectory("lf-old-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void TheOldEnginesCheckpoint_LoadsExactly_IntoTheSameModelsAndOptimizers()
    {
        using var scope = NewDisposeScope();
        using var gan = new TinyGan();
        var expected = Expected();

        var metadata = Checkpoint.Load(Path.Combine(FixtureFolder, "tiny-gan.safetensors"), gan.Parts);

        Assert.Equal("3", metadata["epoch"]);
        Assert.Equal(3, gan.GeneratorOptimizer.Iterations);
        Assert.Equal(3, gan.DiscriminatorOptimizer.Iterations);
        var actual = gan.Entries();
        Assert.Equal(expected["entries"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, node) in expected["entries"]!.AsObject())
        {
            var tensor = actual[name];
            Assert.Equal(node!["dtype"]!.GetValue<string>(), tensor.dtype.ToString());
            Assert.Equal(node["shape"]!.AsArray().Select(s => s!.GetValue<long>()), tensor.shape);
            var values = TensorAssert.Values(tensor);
            var first = node["first"]!.AsArray().Select(v => float.Parse(v!.GetValue<string>(), CultureInfo.InvariantCulture)).ToArray();
            Assert.True(first.SequenceEqual(values.Take(first.Length).Select(v => (float)v)), $"{name}: first values {string.Join(", ", values.Take(4))}");
            Assert.Equal(node["sum"]!.GetValue<double>(), values.Sum());
        }
    }

    [Fact]
    public void TheLoadedModels_ComputeWhatTheOldEngineComputed()
    {
        using var scope = NewDisposeScope();
        using var gan = new TinyGan();
        var expected = Expected();
        Checkpoint.Load(Path.Combine(FixtureFolder, "tiny-gan.safetensors"), gan.Parts);

        using var noGrad = no_grad();
        var images = gan.Generator.Call(TinyGan.Noise());
        var logits = gan.Discriminator.Call(TinyGan.Real());

        // libtorch 2.10's kernels (oneDNN) sum in another order than 1.13's: float32 rounding, not exactness.
        Assert.Equal(expected["generator_output_shape"]!.AsArray().Select(s => s!.GetValue<long>()), images.shape);
        TensorAssert.Close(Floats(expected["generator_output"]), TensorAssert.Values(images), 1e-5, 1e-6);
        TensorAssert.Close(Floats(expected["discriminator_output"]), TensorAssert.Values(logits), 1e-5, 1e-6);
    }

    [Fact]
    public void SavingTheLoadedState_WritesTheOldFile_ByteForByte()
    {
        using var scope = NewDisposeScope();
        using var gan = new TinyGan();
        var original = Path.Combine(FixtureFolder, "tiny-gan.safetensors");
        var metadata = Checkpoint.Load(original, gan.Parts);
        var path = Path.Combine(folder, "again.safetensors");

        Checkpoint.Save(path, gan.Parts, new Dictionary<string, string> { ["epoch"] = metadata["epoch"], ["written_by"] = metadata["written_by"] });

        Assert.Equal(File.ReadAllBytes(original), File.ReadAllBytes(path));
    }

    private static JsonNode Expected() => JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureFolder, "old-values.json")))!;

    private static double[] Floats(JsonNode? values) =>
        values!.AsArray().Select(v => (double)float.Parse(v!.GetValue<string>(), CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The models of Fixtures/OldCheckpointWriter/Program.cs, built on its inputs, with its optimizers.</summary>
    private sealed class TinyGan : IDisposable
    {
        public TinyGan()
        {
            Generator = new Sequential(
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
            Discriminator = new Sequential(
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
            using var scope = NewDisposeScope();
            Discriminator.Call(Generator.Call(Noise()));
        }

        public Sequential Generator { get; }

        public Sequential Discriminator { get; }

        public Adam GeneratorOptimizer { get; } = new(2e-3, beta1: 0.5);

        public Adam DiscriminatorOptimizer { get; } = new(2e-3, beta1: 0.5);

        public CheckpointPart[] Parts =>
            [new CheckpointPart("generator", Generator, GeneratorOptimizer), new CheckpointPart("discriminator", Discriminator, DiscriminatorOptimizer)];

        /// <summary>The program's noise, sin(1), sin(2), ..., as (2, 6).</summary>
        public static Tensor Noise() => tensor(Enumerable.Range(0, 2 * 6).Select(i => (float)Math.Sin(i + 1)).ToArray(), [2, 6]);

        /// <summary>The program's "real" images, cos(0.37·i), as (4, 8, 8, 1).</summary>
        public static Tensor Real() => tensor(Enumerable.Range(0, 4 * 8 * 8).Select(i => (float)Math.Cos(0.37 * i)).ToArray(), [4, 8, 8, 1]);

        /// <summary>Every tensor a checkpoint of the two parts holds, by its name in the file.</summary>
        public Dictionary<string, Tensor> Entries()
        {
            var entries = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var part in Parts)
            {
                foreach (var weight in part.Model.Weights)
                {
                    entries[part.Prefix + weight.Path] = weight.Value;
                }

                foreach (var (name, value) in part.Optimizer!.GetState())
                {
                    entries[$"{part.Prefix}optimizer/{name}"] = value;
                }
            }

            return entries;
        }

        public void Dispose()
        {
            Generator.Dispose();
            Discriminator.Dispose();
            GeneratorOptimizer.Dispose();
            DiscriminatorOptimizer.Dispose();
        }
    }
}

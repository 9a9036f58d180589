// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json.Nodes;
using LayersFramework.Examples.FashionGan;
using LayersFramework.Training;

namespace LayersFramework.Examples.Tests;

/// <summary>
/// A FashionGan run begun by the old engine (commit 4f66a27, libtorch 1.13; see
/// Fixtures/fashion-gan-4f66a27/README.md) goes on with <c>--resume</c>: its checkpoint loads exactly into today's
/// models and optimizers, and training continues from the epoch and step where it stopped.
/// </summary>
public sealed class OldEngineCheckpointTests : IDisposable
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "fashion-gan-4f66a27");
    private readonly string folder = Directory.CreateTempSubdirectory("lf-old-gan-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void TheOldEnginesGanCheckpoint_LoadsExactly()
    {
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Fixture, "old-values.json")))!["entries"]!.AsObject();
        using var scope = NewDisposeScope();
        using var trainer = new GanTrainer(Options(), TextWriter.Null);
        CheckpointPart[] parts =
            [new("generator", trainer.Generator, trainer.GeneratorOptimizer), new("discriminator", trainer.Discriminator, trainer.DiscriminatorOptimizer)];

        var metadata = Checkpoint.Load(Path.Combine(Fixture, "checkpoint.safetensors"), parts);

        Assert.Equal("1", metadata["epoch"]);
        var actual = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            foreach (var weight in part.Model.Weights)
            {
                actual[part.Prefix + weight.Path] = weight.Value;
            }

            foreach (var (name, value) in part.Optimizer!.GetState())
            {
                actual[$"{part.Prefix}optimizer/{name}"] = value;
            }
        }

        Assert.Equal(expected.Select(p => p.Key).Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, node) in expected)
        {
            var values = TensorAssert.Values(actual[name]);
            var first = node!["first"]!.AsArray().Select(v => float.Parse(v!.GetValue<string>(), CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(node["shape"]!.AsArray().Select(s => s!.GetValue<long>()), actual[name].shape);
            Assert.True(first.SequenceEqual(values.Take(first.Length).Select(v => (float)v)), name);
            Assert.Equal(node["sum"]!.GetValue<double>(), values.Sum());
        }
    }

    [Fact]
    public void ARunOfTheOldEngine_Resumes_AtTheNextEpoch()
    {
        File.Copy(Path.Combine(Fixture, "checkpoint.safetensors"), Path.Combine(folder, "checkpoint.safetensors"));
        File.Copy(Path.Combine(Fixture, "losses.csv"), Path.Combine(folder, "losses.csv"));
        using var images = FashionMnist.LoadImages(FashionMnist.DefaultFolder, train: true, limit: 64);

        using var trainer = new GanTrainer(Options() with { Epochs = 2, Resume = true }, TextWriter.Null);
        trainer.Train(images);

        // Two steps of epoch 1 (the old engine's), two of epoch 2 (ours); the old losses come back from losses.csv.
        Assert.Equal(4, trainer.GeneratorOptimizer.Iterations);
        Assert.Equal(4, trainer.DiscriminatorOptimizer.Iterations);
        Assert.Equal([1.386002540588379, 1.3818330764770508], trainer.DiscriminatorLosses.Take(2));
        Assert.Equal(4, trainer.GeneratorLosses.Count);
        Assert.All(trainer.DiscriminatorLosses.Concat(trainer.GeneratorLosses), loss => Assert.True(double.IsFinite(loss) && loss > 0, $"loss {loss}"));
        Assert.True(File.Exists(Path.Combine(folder, "samples-epoch-02.png")));
        Assert.False(File.Exists(Path.Combine(folder, "samples-epoch-01.png")));
    }

    /// <summary>The options the old run was made with (the fixture's README).</summary>
    private GanOptions Options() => new() { Epochs = 1, BatchSize = 32, Limit = 64, Width = 1, Seed = 5, Output = folder };
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Layers;

namespace LayersFramework.Training.Tests;

/// <summary>Checkpoints: bit-exact round trips, refused truncation and corruption, saves that cannot half-happen, and clear mismatches.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("lf-checkpoints-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData(".safetensors")]
    [InlineData(".pt")]
    public void ModelAndOptimizer_RoundTripBitExactly_SoTrainingResumesAsIfUninterrupted(string extension)
    {
        using var scope = NewDisposeScope();
        using var model = NewModel();
        using var optimizer = new Adam(0.01);
        Train(model, optimizer, steps: 3);
        var path = Path.Combine(folder, "model" + extension);
        Checkpoint.Save(path, model, optimizer, new Dictionary<string, string> { ["epoch"] = "3" });
        Train(model, optimizer, steps: 2);
        var uninterrupted = Floats(model.GetWeights());

        using var resumedModel = NewModel();
        using var resumedOptimizer = new Adam(0.01);
        var metadata = Checkpoint.Load(path, resumedModel, resumedOptimizer);
        Train(resumedModel, resumedOptimizer, steps: 2);

        Assert.Equal("3", metadata["epoch"]);
        Assert.Equal(5, resumedOptimizer.Iterations);
        Assert.Equal(uninterrupted, Floats(resumedModel.GetWeights()));
    }

    [Theory]
    [InlineData(".safetensors")]
    [InlineData(".pt")]
    public void EveryTruncation_IsRefused_WithAnErrorNamingTheFile_AndNothingIsLoaded(string extension)
    {
        using var scope = NewDisposeScope();
        using var model = NewModel();
        var path = Path.Combine(folder, "whole" + extension);
        Checkpoint.Save(path, model);
        var bytes = File.ReadAllBytes(path);
        using var other = NewModel();
        var before = Floats(other.GetWeights());

        foreach (var length in new[] { 0, 3, 5, 8, 9, 40, bytes.Length / 2, bytes.Length - 22, bytes.Length - 1 })
        {
            var cut = Path.Combine(folder, $"cut{length}{extension}");
            File.WriteAllBytes(cut, bytes[..length]);
            var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(cut, other));
            Assert.StartsWith(cut, error.Message, StringComparison.Ordinal);
            if (extension == ".safetensors")
            {
                Assert.True(error.Message.Contains("truncated", StringComparison.Ordinal) || error.Message.Contains("not valid JSON", StringComparison.Ordinal), error.Message);
            }
        }

        Assert.Equal(before, Floats(other.GetWeights()));
    }

    [Fact]
    public void ACorruptedByte_InTheData_OrTheHeader_IsRefused_AndNothingIsLoaded()
    {
        using var scope = NewDisposeScope();
        using var model = NewModel();
        var path = Path.Combine(folder, "good.safetensors");
        Checkpoint.Save(path, model);
        var before = Floats(model.GetWeights());
        var bytes = File.ReadAllBytes(path);

        var data = (byte[])bytes.Clone();
        data[^3] ^= 0x40;
        File.WriteAllBytes(path, data);
        var dataError = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, model));

        var header = (byte[])bytes.Clone();
        header[9] = (byte)'#';
        File.WriteAllBytes(path, header);
        var headerError = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, model));

        Assert.Contains("SHA-256", dataError.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", headerError.Message, StringComparison.Ordinal);
        Assert.Equal(before, Floats(model.GetWeights()));
    }

    [Fact]
    public void AnInterruptedSave_LeavesThePreviousCheckpointLoadable_AndNoPartialFile()
    {
        using var scope = NewDisposeScope();
        using var model = NewModel();
        using var optimizer = new SGD(0.1);
        var path = Path.Combine(folder, "latest.safetensors");
        Checkpoint.Save(path, model);
        var saved = Floats(model.GetWeights());
        Train(model, optimizer, steps: 2);

        AtomicFile.BeforeCommit = _ => throw new IOException("simulated crash: the disk went away");
        try
        {
            Assert.Throws<IOException>(() => Checkpoint.Save(path, model));
        }
        finally
        {
            AtomicFile.BeforeCommit = null;
        }

        using var reloaded = NewModel();
        Checkpoint.Load(path, reloaded);
        Assert.Equal(saved, Floats(reloaded.GetWeights()));
        Assert.Equal(["latest.safetensors"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void AModelThatDoesNotFit_GetsEveryMismatchListed_AndKeepsItsWeights()
    {
        using var scope = NewDisposeScope();
        using var model = NewModel();
        var path = Path.Combine(folder, "other.safetensors");
        Checkpoint.Save(path, model);
        using var wider = new Sequential([new Dense(5, name: "encode"), new BatchNormalization(name: "norm")], name: "net");
        wider.Call(ones([2, 3]));
        var before = Floats(wider.GetWeights());

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, wider));

        Assert.Contains("\"encode/kernel\" is Float32 (3, 4) in the file but Float32 (3, 5) in the model", error.Message, StringComparison.Ordinal);
        Assert.Contains("unexpected \"decode/kernel\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Floats(wider.GetWeights()));
    }

    [Fact]
    public void TheFile_IsStandardSafetensors_ThatOtherToolsRead()
    {
        using var scope = NewDisposeScope();
        using var model = NewModel();
        var path = Path.Combine(folder, "standard.safetensors");
        Checkpoint.Save(path, model);
        var bytes = File.ReadAllBytes(path);

        var headerLength = (long)BitConverter.ToUInt64(bytes, 0);
        var header = System.Text.Json.Nodes.JsonNode.Parse(bytes.AsSpan(8, (int)headerLength))!.AsObject();

        Assert.Equal(0, headerLength % 8);
        Assert.Equal("F32", header["encode/kernel"]!["dtype"]!.GetValue<string>());
        Assert.Equal("[3,4]", header["encode/kernel"]!["shape"]!.ToJsonString());
        Assert.Equal("pt", header["__metadata__"]!["format"]!.GetValue<string>());
        var (tensors, _) = TensorFile.Load(path);
        Assert.Equal(model.Weights.Select(w => w.Path).Order(), tensors.Keys.Order());
    }

    /// <summary>A small model with named layers, so that a second instance has the same weight paths.</summary>
    private static Sequential NewModel()
    {
        var model = new Sequential([new Dense(4, name: "encode"), new BatchNormalization(name: "norm"), new Dense(2, name: "decode")], name: "net");
        model.Call(ones([2, 3]));
        return model;
    }

    private static List<float[]> Floats(Tensor[] weights) => weights.Select(w => w.contiguous().data<float>().ToArray()).ToList();

    private static void Train(Sequential model, Optimizer optimizer, int steps)
    {
        using var generator = new torch.Generator(3);
        for (var i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            Optimizer.ZeroGradients(model.TrainableWeights);
            var x = randn([8, 3], generator: generator);
            new MeanSquaredError().Compute(x.narrow(1, 0, 2), model.Call(x, training: true)).backward();
            optimizer.Step(model.TrainableWeights);
        }
    }
}

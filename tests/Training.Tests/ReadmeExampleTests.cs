// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Layers;

namespace LayersFramework.Training.Tests;

/// <summary>The README's training loop, verbatim between the markers.</summary>
public sealed class ReadmeExampleTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("lf-readme-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void TrainingLoop_RunsAsTheReadmeSays()
    {
        var path = Path.Combine(folder, "decoder.safetensors");
        var baseline = LiveTensors.Count;
        double first, last;
        {
            // --- README example: training begins ---
            using var decoder = new Sequential(
            [
                new Dense(7 * 7 * 16, name: "project"), new Reshape([7, 7, 16], name: "reshape"),
                new Conv2DTranspose(8, 4, strides: 2, padding: "same", activation: "relu", name: "up1"),
                new Conv2DTranspose(1, 4, strides: 2, padding: "same", activation: "sigmoid", name: "up2"),
            ]);
            using var optimizer = new Adam(learningRate: 1e-3);
            var loss = new BinaryCrossentropy();
            using var data = torch.NewDisposeScope();
            var codes = torch.randn(32, 8);
            var targets = torch.rand(32, 28, 28, 1).ge(0.5).to(torch.float32);

            var history = new List<double>();
            for (var step = 0; step < 50; step++)
            {
                using var scope = torch.NewDisposeScope(); // frees the step's tensors
                Optimizer.ZeroGradients(decoder.TrainableWeights);
                var value = TotalLoss.Of(loss.Compute(targets, decoder.Call(codes, training: true)), decoder);
                value.backward();
                optimizer.Step(decoder.TrainableWeights); // then each weight's constraint, as in Keras
                history.Add(value.item<float>());
            }

            Checkpoint.Save(path, decoder, optimizer); // atomic; .safetensors or .pt, readable by PyTorch
            // --- README example: training ends ---
            (first, last) = (history[0], history[^1]);
        }

        Assert.True(last < first, $"loss went from {first} to {last}");
        Assert.True(File.Exists(path));
        Assert.Equal(baseline, LiveTensors.Count);
    }

    [Fact]
    public void TrainingLoop_IsTheCodeInTheReadme() =>
        ReadmeSnippet.AssertInReadme("tests/Training.Tests/ReadmeExampleTests.cs", "training");
}

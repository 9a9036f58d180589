// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using System.IO;
using LayersFramework.Layers;
using LayersFramework.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Examples.Autoencoder;

/// <summary>
/// A convolutional autoencoder: the encoder halves the image twice with strided <see cref="Conv2D"/> layers
/// (28 → 14 → 7, to 7·7·16 numbers), the decoder doubles it back with strided <see cref="Conv2DTranspose"/> layers;
/// mean squared error, Adam(1e−3). Each step runs in its own dispose scope; the weights and the optimizer's state
/// live until <see cref="Dispose"/>.
/// </summary>
internal sealed class AutoencoderTrainer : IDisposable
{
    private readonly torch.Generator random;
    private readonly MeanSquaredError loss = new();

    /// <summary>Creates and builds the model.</summary>
    /// <param name="seed">The seed of the batch order.</param>
    public AutoencoderTrainer(ulong seed)
    {
        random = new torch.Generator(seed);
        Model = new Sequential(
        [
            new Conv2D(32, 3, strides: 2, padding: "same", activation: "relu", name: "encode1"),
            new Conv2D(16, 3, strides: 2, padding: "same", activation: "relu", name: "encode2"),
            new Conv2DTranspose(32, 4, strides: 2, padding: "same", activation: "relu", name: "decode1"),
            new Conv2DTranspose(1, 4, strides: 2, padding: "same", activation: "tanh", name: "decode2"),
        ],
        name: "autoencoder");
        using var scope = NewDisposeScope();
        Model.Call(zeros(1, 28, 28, 1));
    }

    /// <summary>Gets the model.</summary>
    public Sequential Model { get; }

    /// <summary>Gets the optimizer.</summary>
    public Adam Optimizer { get; } = new(1e-3);

    /// <summary>One step on a batch.</summary>
    /// <param name="images">Images (batch, 28, 28, 1) in [−1, 1].</param>
    /// <returns>The batch's reconstruction error.</returns>
    public double Step(Tensor images)
    {
        using var scope = NewDisposeScope();
        Training.Optimizer.ZeroGradients(Model.TrainableWeights);
        var error = loss.Compute(images, Model.Call(images, training: true));
        error.backward();
        Optimizer.Step(Model.TrainableWeights);
        return error.item<float>();
    }

    /// <summary>Trains for some epochs with a progress bar.</summary>
    /// <param name="images">The training images.</param>
    /// <param name="epochs">The epochs.</param>
    /// <param name="batchSize">The batch size.</param>
    /// <param name="output">Where progress goes.</param>
    public void Train(Tensor images, int epochs, int batchSize, TextWriter output)
    {
        var count = (int)images.size(0);
        var steps = count / batchSize;
        if (steps == 0)
        {
            throw new ArgumentException($"--batch-size {batchSize} is more than the {count} training images.");
        }
        TrainingProgress.Run(output, epochs, steps, batchSize, progress =>
        {
            for (var epoch = 1; epoch <= epochs; epoch++)
            {
                using var order = randperm(count, generator: random);
                for (var step = 1; step <= steps; step++)
                {
                    using var scope = NewDisposeScope();
                    var batch = images.index_select(0, order.narrow(0, (long)(step - 1) * batchSize, batchSize));
                    progress.Report(epoch, step, string.Create(CultureInfo.InvariantCulture, $"MSE {Step(batch):F4}"));
                }
            }
        });
    }

    /// <summary>The mean squared reconstruction error over a set of images, in inference mode.</summary>
    /// <param name="images">The images.</param>
    /// <returns>The error.</returns>
    public double Evaluate(Tensor images)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        double total = 0;
        var count = images.size(0);
        for (long start = 0; start < count; start += 1000)
        {
            using var batchScope = NewDisposeScope();
            var batch = images.narrow(0, start, Math.Min(1000, count - start));
            total += new MeanSquaredError(LossReduction.Sum).Compute(batch, Model.Call(batch)).item<float>();
        }

        return total / (count * 28 * 28);
    }

    /// <summary>Saves 16 images (top row) beside their reconstructions (bottom row).</summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="images">At least 16 images.</param>
    public void SaveComparison(string path, Tensor images)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var originals = images.narrow(0, 0, 16);
        ImageGrid.Save(path, cat([originals, Model.Call(originals)], 0), columns: 16);
    }

    /// <summary>Frees the model and the optimizer.</summary>
    public void Dispose()
    {
        Model.Dispose();
        Optimizer.Dispose();
        random.Dispose();
    }
}

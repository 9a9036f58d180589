// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Engine;
using LayersFramework.Initializers;
using LayersFramework.Layers;
using LayersFramework.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Benchmarks;

/// <summary>
/// One FashionGan training step (examples/FashionGan, width 32, batch 64) on both sides: our layers, Keras's Adam and
/// binary cross-entropy, channels-last as Keras writes it, against the same network written with plain TorchSharp
/// modules (NCHW, as a TorchSharp user writes it) and <c>torch.optim.Adam</c>, starting from the same weights.
/// </summary>
/// <remarks>
/// Our side repeats examples/FashionGan's <c>Dcgan</c> and <c>GanTrainer.Step</c>, which are internal to that
/// program. A step: generate from noise; the discriminator's update on real images (target 0.9) and the generated
/// ones (target 0); then the generator's update towards the discriminator's "real"; Adam(2e−4, β₁ 0.5) for both.
/// TorchSharp's side matches Keras's defaults where they differ from PyTorch's (batch normalization's ε 1e−3 and
/// momentum 0.99, Adam's ε 1e−7), and its dense kernels are permuted so that NCHW's flattening order meets the same
/// weights as Keras's NHWC order.
/// </remarks>
internal sealed class GanStepPair : IDisposable
{
    /// <summary>The batch size of the step, FashionGan's default.</summary>
    public const int Batch = 64;

    private const int NoiseSize = 100;
    private const int Width = 32;

    private readonly Sequential generator;
    private readonly Sequential discriminator;
    private readonly Adam generatorOptimizer = new(2e-4, beta1: 0.5);
    private readonly Adam discriminatorOptimizer = new(2e-4, beta1: 0.5);
    private readonly BinaryCrossentropy loss = new(fromLogits: true);
    private readonly torch.Generator oursRandom = new(2);
    private readonly Tensor oursReal;

    private readonly nn.Module<Tensor, Tensor> plainGenerator;
    private readonly nn.Module<Tensor, Tensor> plainDiscriminator;
    private readonly optim.Optimizer plainGeneratorOptimizer;
    private readonly optim.Optimizer plainDiscriminatorOptimizer;
    private readonly torch.Generator theirsRandom = new(2);
    private readonly Tensor theirsReal;

    private GanStepPair()
    {
        TorchRuntime.ManualSeed(1);
        generator = Generator();
        discriminator = Discriminator();
        using (var scope = NewDisposeScope())
        {
            discriminator.Call(generator.Call(zeros(1, NoiseSize)));
        }

        (plainGenerator, plainDiscriminator) = PlainNetworks(generator, discriminator);
        plainGeneratorOptimizer = optim.Adam(plainGenerator.parameters(), lr: 2e-4, beta1: 0.5, beta2: 0.999, eps: 1e-7);
        plainDiscriminatorOptimizer = optim.Adam(plainDiscriminator.parameters(), lr: 2e-4, beta1: 0.5, beta2: 0.999, eps: 1e-7);

        // Images in [−1, 1]; with one channel, NHWC and NCHW are the same memory.
        using var random = new torch.Generator(3);
        oursReal = (rand([Batch, 28, 28, 1], generator: random) * 2 - 1).DetachFromDisposeScope();
        theirsReal = oursReal.reshape(Batch, 1, 28, 28).DetachFromDisposeScope();
    }

    /// <summary>Creates both sides with the same initial weights.</summary>
    /// <returns>The pair.</returns>
    public static GanStepPair Create() => new();

    /// <summary>One training step of ours.</summary>
    /// <returns>The discriminator's and the generator's losses.</returns>
    public (double Discriminator, double Generator) StepOurs()
    {
        using var scope = NewDisposeScope();
        var noise = randn([Batch, NoiseSize], generator: oursRandom);
        var fake = generator.Call(noise, training: true);

        Optimizer.ZeroGradients(discriminator.TrainableWeights);
        var onReal = discriminator.Call(oursReal, training: true);
        var onFake = discriminator.Call(fake.detach(), training: true);
        var discriminatorLoss = loss.Compute(full(Batch, 1, 0.9), onReal) + loss.Compute(zeros(Batch, 1), onFake);
        discriminatorLoss.backward();
        discriminatorOptimizer.Step(discriminator.TrainableWeights);

        Optimizer.ZeroGradients(generator.TrainableWeights);
        var generatorLoss = loss.Compute(ones(Batch, 1), discriminator.Call(fake, training: true));
        generatorLoss.backward();
        generatorOptimizer.Step(generator.TrainableWeights);
        return (discriminatorLoss.item<float>(), generatorLoss.item<float>());
    }

    /// <summary>The same step in plain TorchSharp.</summary>
    /// <returns>The discriminator's and the generator's losses.</returns>
    public (double Discriminator, double Generator) StepTheirs()
    {
        using var scope = NewDisposeScope();
        var noise = randn([Batch, NoiseSize], generator: theirsRandom);
        var fake = plainGenerator.call(noise);

        plainDiscriminatorOptimizer.zero_grad();
        var onReal = plainDiscriminator.call(theirsReal);
        var onFake = plainDiscriminator.call(fake.detach());
        var discriminatorLoss = nn.functional.binary_cross_entropy_with_logits(onReal, full(Batch, 1, 0.9f))
            + nn.functional.binary_cross_entropy_with_logits(onFake, zeros(Batch, 1));
        discriminatorLoss.backward();
        plainDiscriminatorOptimizer.step();

        plainGeneratorOptimizer.zero_grad();
        var generatorLoss = nn.functional.binary_cross_entropy_with_logits(plainDiscriminator.call(fake), ones(Batch, 1));
        generatorLoss.backward();
        plainGeneratorOptimizer.step();
        return (discriminatorLoss.item<float>(), generatorLoss.item<float>());
    }

    /// <summary>Frees both sides.</summary>
    public void Dispose()
    {
        generator.Dispose();
        discriminator.Dispose();
        generatorOptimizer.Dispose();
        discriminatorOptimizer.Dispose();
        oursRandom.Dispose();
        oursReal.Dispose();
        plainGenerator.Dispose();
        plainDiscriminator.Dispose();
        plainGeneratorOptimizer.Dispose();
        plainDiscriminatorOptimizer.Dispose();
        theirsRandom.Dispose();
        theirsReal.Dispose();
    }

    /// <summary>examples/FashionGan's generator: z → Dense 7·7·128 → (7, 7, 128) → Conv2DTranspose 64 → Conv2DTranspose 1, tanh → (28, 28, 1).</summary>
    internal static Sequential Generator() => new(
    [
        new Dense(7 * 7 * 4 * Width, useBias: false, kernelInitializer: Weights(), name: "g_project"),
        new BatchNormalization(name: "g_project_norm"),
        new ReLU(name: "g_project_relu"),
        new Reshape([7, 7, 4 * Width], name: "g_reshape"),
        new Conv2DTranspose(2 * Width, 4, strides: 2, padding: "same", useBias: false, kernelInitializer: Weights(), name: "g_up1"),
        new BatchNormalization(name: "g_up1_norm"),
        new ReLU(name: "g_up1_relu"),
        new Conv2DTranspose(1, 4, strides: 2, padding: "same", activation: "tanh", kernelInitializer: Weights(), name: "g_up2"),
    ],
    name: "generator");

    /// <summary>examples/FashionGan's discriminator: (28, 28, 1) → Conv2D 64 → Conv2D 128 → batch norm → one logit.</summary>
    internal static Sequential Discriminator() => new(
    [
        new Conv2D(2 * Width, 4, strides: 2, padding: "same", kernelInitializer: Weights(), name: "d_down1"),
        new LeakyReLU(0.2, name: "d_down1_relu"),
        new Conv2D(4 * Width, 4, strides: 2, padding: "same", useBias: false, kernelInitializer: Weights(), name: "d_down2"),
        new BatchNormalization(name: "d_down2_norm"),
        new LeakyReLU(0.2, name: "d_down2_relu"),
        new Flatten(name: "d_flatten"),
        new Dense(1, kernelInitializer: Weights(), name: "d_logit"),
    ],
    name: "discriminator");

    private static RandomNormal Weights() => new(0, 0.02);

    /// <summary>The same networks in plain TorchSharp (NCHW), with our initial weights, moved by PyTorch's state-dict names and layouts.</summary>
    private static (nn.Module<Tensor, Tensor> Generator, nn.Module<Tensor, Tensor> Discriminator) PlainNetworks(Sequential ours, Sequential oursDiscriminator)
    {
        const int Channels = 4 * Width;

        // Keras's batch normalization: ε 1e−3, moving averages kept with weight 0.99 (PyTorch's momentum 0.01).
        var generator = nn.Sequential(
            nn.Linear(NoiseSize, 7 * 7 * Channels, hasBias: false),
            nn.BatchNorm1d(7 * 7 * Channels, eps: 1e-3, momentum: 0.01),
            nn.ReLU(),
            nn.Unflatten(1, [Channels, 7, 7]),
            nn.ConvTranspose2d(Channels, 2 * Width, 4, stride: 2, padding: 1, bias: false),
            nn.BatchNorm2d(2 * Width, eps: 1e-3, momentum: 0.01),
            nn.ReLU(),
            nn.ConvTranspose2d(2 * Width, 1, 4, stride: 2, padding: 1),
            nn.Tanh());
        var discriminator = nn.Sequential(
            nn.Conv2d(1, 2 * Width, 4, stride: 2, padding: 1),
            nn.LeakyReLU(0.2),
            nn.Conv2d(2 * Width, Channels, 4, stride: 2, padding: 1, bias: false),
            nn.BatchNorm2d(Channels, eps: 1e-3, momentum: 0.01),
            nn.LeakyReLU(0.2),
            nn.Flatten(),
            nn.Linear(7 * 7 * Channels, 1));

        // The projection's outputs are (h, w, c) for us and (c, h, w) for NCHW; the logit's inputs likewise.
        using var scope = NewDisposeScope();
        var g = ours.Layers;
        var d = oursDiscriminator.Layers;
        generator.load_state_dict(PyTorchStateDict.Export(
        [
            new("0", g[0]) { OutputImage = [7, 7, Channels] }, new("1", g[1]) { OutputImage = [7, 7, Channels] }, new("4", g[4]), new("5", g[5]), new("7", g[7]),
        ]));
        discriminator.load_state_dict(PyTorchStateDict.Export(
        [
            new("0", d[0]), new("2", d[2]), new("3", d[3]), new("6", d[6]) { InputImage = [7, 7, Channels] },
        ]));
        return (generator, discriminator);
    }
}

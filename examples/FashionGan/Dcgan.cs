// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Initializers;
using LayersFramework.Layers;

namespace LayersFramework.Examples.FashionGan;

/// <summary>
/// The DCGAN of Radford, Metz and Chintala (2016) sized for 28×28 grayscale images: the generator up-samples with
/// strided <see cref="Conv2DTranspose"/> layers and batch normalization, the discriminator down-samples with strided
/// <see cref="Conv2D"/> layers and leaky ReLUs. Weights start from N(0, 0.02), as in the paper. Layers are named, so
/// that checkpoints match between runs.
/// </summary>
internal static class Dcgan
{
    /// <summary>The length of the noise vector.</summary>
    public const int NoiseSize = 100;

    /// <summary>z (batch, 100) → Dense 7·7·4w → (7, 7, 4w) → Conv2DTranspose 2w, stride 2 → (14, 14, 2w) → Conv2DTranspose 1, stride 2, tanh → (28, 28, 1).</summary>
    /// <param name="width">The channel width w; 32 by default.</param>
    /// <returns>The generator.</returns>
    public static Sequential Generator(int width = 32) => new(
    [
        new Dense(7 * 7 * 4 * width, useBias: false, kernelInitializer: Weights(1), name: "g_project"),
        new BatchNormalization(name: "g_project_norm"),
        new ReLU(name: "g_project_relu"),
        new Reshape([7, 7, 4 * width], name: "g_reshape"),
        new Conv2DTranspose(2 * width, 4, strides: 2, padding: "same", useBias: false, kernelInitializer: Weights(2), name: "g_up1"),
        new BatchNormalization(name: "g_up1_norm"),
        new ReLU(name: "g_up1_relu"),
        new Conv2DTranspose(1, 4, strides: 2, padding: "same", activation: "tanh", kernelInitializer: Weights(3), name: "g_up2"),
    ],
    name: "generator");

    /// <summary>(28, 28, 1) → Conv2D 2w, stride 2 → (14, 14, 2w) → Conv2D 4w, stride 2 → (7, 7, 4w) → one logit.</summary>
    /// <param name="width">The channel width w; 32 by default.</param>
    /// <returns>The discriminator.</returns>
    public static Sequential Discriminator(int width = 32) => new(
    [
        new Conv2D(2 * width, 4, strides: 2, padding: "same", kernelInitializer: Weights(4), name: "d_down1"),
        new LeakyReLU(0.2, name: "d_down1_relu"),
        new Conv2D(4 * width, 4, strides: 2, padding: "same", useBias: false, kernelInitializer: Weights(5), name: "d_down2"),
        new BatchNormalization(name: "d_down2_norm"),
        new LeakyReLU(0.2, name: "d_down2_relu"),
        new Flatten(name: "d_flatten"),
        new Dense(1, kernelInitializer: Weights(6), name: "d_logit"),
    ],
    name: "discriminator");

    // Unseeded: TorchRuntime.ManualSeed(--seed) makes the whole run reproducible.
    private static RandomNormal Weights(int layer) => layer > 0 ? new(0, 0.02) : throw new System.ArgumentOutOfRangeException(nameof(layer));
}

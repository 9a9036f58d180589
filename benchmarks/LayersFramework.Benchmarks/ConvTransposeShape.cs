// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Linq;

namespace LayersFramework.Benchmarks;

/// <summary>
/// One shape of the transposed-convolution suite: the layer's arguments in Keras's terms, and the PyTorch
/// <c>nn.ConvTranspose</c> padding that gives the same output size.
/// </summary>
/// <param name="Name">What the shape stands for.</param>
/// <param name="Rank">1, 2 or 3 spatial dimensions.</param>
/// <param name="Batch">The batch size.</param>
/// <param name="In">Input channels.</param>
/// <param name="Out">Output channels.</param>
/// <param name="Size">The input's spatial size (the same in every dimension).</param>
/// <param name="Kernel">The kernel size.</param>
/// <param name="Stride">The stride.</param>
/// <param name="Padding">Keras's "same" or "valid".</param>
/// <param name="ChannelsLast">Whether the data is channels-last (Keras's default) or channels-first.</param>
/// <param name="TorchPadding">PyTorch's padding for the same output size.</param>
/// <param name="TorchOutputPadding">PyTorch's output padding for the same output size.</param>
internal sealed record ConvTransposeShape(
    string Name, int Rank, int Batch, int In, int Out, int Size, int Kernel, int Stride, string Padding, bool ChannelsLast, int TorchPadding, int TorchOutputPadding)
{
    /// <summary>Gets the output's spatial size.</summary>
    public int OutputSize => ((Size - 1) * Stride) - (2 * TorchPadding) + Kernel + TorchOutputPadding;

    /// <summary>Gets the forward pass's floating-point operations: 2 · N · Cin · Cout · kᵈ · Lᵈ.</summary>
    public double ForwardFlops => 2.0 * Batch * In * Out * Enumerable.Repeat((double)Kernel * Size, Rank).Aggregate(1.0, (a, b) => a * b);

    /// <summary>The standard suite: the DCGAN generator's five layers, U-Net up-convolutions, a k3 s1 SAME layer, a 1-D and a 3-D up-sampler, channels-last and channels-first.</summary>
    public static ConvTransposeShape[] Suite =>
    [
        new("DCGAN 1: 100->512, 1->4, k4 s1", 2, 64, 100, 512, 1, 4, 1, "valid", true, 0, 0),
        new("DCGAN 2: 512->256, 4->8, k4 s2", 2, 64, 512, 256, 4, 4, 2, "same", true, 1, 0),
        new("DCGAN 3: 256->128, 8->16, k4 s2", 2, 64, 256, 128, 8, 4, 2, "same", true, 1, 0),
        new("DCGAN 4: 128->64, 16->32, k4 s2", 2, 64, 128, 64, 16, 4, 2, "same", true, 1, 0),
        new("DCGAN 5: 64->3, 32->64, k4 s2", 2, 64, 64, 3, 32, 4, 2, "same", true, 1, 0),
        new("DCGAN 3, channels-first", 2, 64, 256, 128, 8, 4, 2, "same", false, 1, 0),
        new("U-Net up: 256->128, 16->32, k2 s2", 2, 16, 256, 128, 16, 2, 2, "valid", true, 0, 0),
        new("U-Net up: 128->64, 32->64, k2 s2, channels-first", 2, 16, 128, 64, 32, 2, 2, "valid", false, 0, 0),
        new("k3 s1 SAME: 64->64, 32x32", 2, 16, 64, 64, 32, 3, 1, "same", true, 1, 0),
        new("1-D audio: 512->256, 16->64, k25 s4", 1, 64, 512, 256, 16, 25, 4, "same", true, 11, 1),
        new("3-D volume: 64->32, 8^3->16^3, k4 s2", 3, 8, 64, 32, 8, 4, 2, "same", true, 1, 0),
    ];
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;

namespace LayersFramework.Benchmarks;

/// <summary>
/// One shape of the transposed-convolution suite: the layer's arguments in Keras's terms, and the padding of
/// TorchSharp's <c>nn.ConvTranspose</c> that gives the same output size. Each shape runs in both memory formats.
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
/// <param name="TorchPadding">PyTorch's padding for the same output size.</param>
/// <param name="TorchOutputPadding">PyTorch's output padding for the same output size.</param>
internal sealed record ConvTransposeShape(
    string Name, int Rank, int Batch, int In, int Out, int Size, int Kernel, int Stride, string Padding, int TorchPadding, int TorchOutputPadding)
{
    /// <summary>Gets the output's spatial size.</summary>
    public int OutputSize => ((Size - 1) * Stride) - (2 * TorchPadding) + Kernel + TorchOutputPadding;

    /// <summary>
    /// Gets a value indicating whether TensorFlow's placement crops as much from the start as PyTorch's symmetric
    /// padding does, so that both sides compute the same output (TensorFlow's SAME crops ⌊P/2⌋ of the P extra
    /// positions at the start; VALID crops nothing).
    /// </summary>
    public bool SamePlacement => (Padding == "same" ? Math.Max(0, ((Size - 1) * Stride) + Kernel - OutputSize) / 2 : 0) == TorchPadding;

    /// <summary>Gets the forward pass's floating-point operations: 2 · N · Cin · Cout · kᵈ · Lᵈ.</summary>
    public double ForwardFlops => 2.0 * Batch * In * Out * Enumerable.Repeat((double)Kernel * Size, Rank).Aggregate(1.0, (a, b) => a * b);

    /// <summary>
    /// The standard suite: the DCGAN generator's five layers at batch 64, two U-Net up-convolutions, a k3 s1 SAME
    /// layer, a 1-D and a 3-D up-sampler (the shapes of the earlier suite, which ran some of them channels-first only).
    /// </summary>
    public static ConvTransposeShape[] Suite =>
    [
        new("DCGAN 1: 100->512, 1->4, k4 s1", 2, 64, 100, 512, 1, 4, 1, "valid", 0, 0),
        new("DCGAN 2: 512->256, 4->8, k4 s2", 2, 64, 512, 256, 4, 4, 2, "same", 1, 0),
        new("DCGAN 3: 256->128, 8->16, k4 s2", 2, 64, 256, 128, 8, 4, 2, "same", 1, 0),
        new("DCGAN 4: 128->64, 16->32, k4 s2", 2, 64, 128, 64, 16, 4, 2, "same", 1, 0),
        new("DCGAN 5: 64->3, 32->64, k4 s2", 2, 64, 64, 3, 32, 4, 2, "same", 1, 0),
        new("U-Net up: 256->128, 16->32, k2 s2", 2, 16, 256, 128, 16, 2, 2, "valid", 0, 0),
        new("U-Net up: 128->64, 32->64, k2 s2", 2, 16, 128, 64, 32, 2, 2, "valid", 0, 0),
        new("k3 s1 SAME: 64->64, 32x32", 2, 16, 64, 64, 32, 3, 1, "same", 1, 0),
        new("1-D audio: 512->256, 16->64, k25 s4", 1, 64, 512, 256, 16, 25, 4, "same", 11, 1),
        new("3-D volume: 64->32, 8^3->16^3, k4 s2", 3, 8, 64, 32, 8, 4, 2, "same", 1, 0),
    ];
}

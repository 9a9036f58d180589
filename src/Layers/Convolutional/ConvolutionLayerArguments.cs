// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Layers;

/// <summary>The constructor arguments every convolution layer has, forward or transposed (Keras's names; components as given or resolved).</summary>
/// <param name="Rank">The number of spatial dimensions, 1 to 3.</param>
/// <param name="Filters">The number of output channels.</param>
/// <param name="KernelSize">The kernel size.</param>
/// <param name="Strides">The strides, or null for 1.</param>
/// <param name="Padding">"valid" or "same".</param>
/// <param name="DataFormat">"channels_last", "channels_first" or null.</param>
/// <param name="DilationRate">The dilation, or null for 1.</param>
/// <param name="Groups">The number of groups.</param>
/// <param name="Components">The activation and the kernel's and bias's components.</param>
/// <param name="Trainable">Whether the weights train.</param>
/// <param name="Name">The layer's name, or null.</param>
public sealed record ConvolutionLayerArguments(
    int Rank,
    int Filters,
    IntTuple KernelSize,
    IntTuple? Strides,
    string? Padding,
    string? DataFormat,
    IntTuple? DilationRate,
    int Groups,
    KernelComponents Components,
    bool Trainable,
    string? Name);

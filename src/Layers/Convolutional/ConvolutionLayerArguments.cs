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
/// <param name="Activation">The activation (name, delegate or object), or null for linear.</param>
/// <param name="UseBias">Whether a bias is added.</param>
/// <param name="KernelInitializer">The kernel's initializer, or null for the default.</param>
/// <param name="BiasInitializer">The bias's initializer, or null for the default.</param>
/// <param name="KernelRegularizer">The kernel's regularizer, or null.</param>
/// <param name="BiasRegularizer">The bias's regularizer, or null.</param>
/// <param name="ActivityRegularizer">The output's regularizer, or null.</param>
/// <param name="KernelConstraint">The kernel's constraint, or null.</param>
/// <param name="BiasConstraint">The bias's constraint, or null.</param>
/// <param name="Trainable">Whether the weights train.</param>
/// <param name="Name">The layer's name, or null.</param>
public sealed record ConvolutionLayerArguments(
    int Rank,
    int Filters,
    IntTuple KernelSize,
    IntTuple? Strides,
    string Padding,
    string? DataFormat,
    IntTuple? DilationRate,
    int Groups,
    object? Activation,
    bool UseBias,
    object? KernelInitializer,
    object? BiasInitializer,
    object? KernelRegularizer,
    object? BiasRegularizer,
    object? ActivityRegularizer,
    object? KernelConstraint,
    object? BiasConstraint,
    bool Trainable,
    string? Name);

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Activations;
using LayersFramework.Constraints;
using LayersFramework.Initializers;
using LayersFramework.Regularizers;

namespace LayersFramework.Layers;

/// <summary>A transposed-convolution layer's constructor arguments as read from a Keras config (components resolved through a catalog).</summary>
/// <param name="Filters">The number of output channels.</param>
/// <param name="KernelSize">The kernel size.</param>
/// <param name="Strides">The strides.</param>
/// <param name="Padding">"valid" or "same".</param>
/// <param name="OutputPadding">The output padding, or null.</param>
/// <param name="DataFormat">"channels_last", "channels_first" or null.</param>
/// <param name="DilationRate">The dilation.</param>
/// <param name="Groups">The number of groups.</param>
/// <param name="Activation">The activation.</param>
/// <param name="UseBias">Whether a bias is added.</param>
/// <param name="KernelInitializer">The kernel initializer.</param>
/// <param name="BiasInitializer">The bias initializer.</param>
/// <param name="KernelRegularizer">The kernel regularizer.</param>
/// <param name="BiasRegularizer">The bias regularizer.</param>
/// <param name="ActivityRegularizer">The activity regularizer.</param>
/// <param name="KernelConstraint">The kernel constraint.</param>
/// <param name="BiasConstraint">The bias constraint.</param>
/// <param name="Trainable">Whether the weights train.</param>
/// <param name="Name">The layer's name, or null.</param>
/// <param name="OutputSize">The target output size, or null.</param>
public sealed record ConvTransposeArguments(
    int Filters,
    IntTuple KernelSize,
    IntTuple Strides,
    string Padding,
    IntTuple? OutputPadding,
    string? DataFormat,
    IntTuple DilationRate,
    int Groups,
    IActivation Activation,
    bool UseBias,
    IInitializer? KernelInitializer,
    IInitializer? BiasInitializer,
    IRegularizer? KernelRegularizer,
    IRegularizer? BiasRegularizer,
    IRegularizer? ActivityRegularizer,
    IConstraint? KernelConstraint,
    IConstraint? BiasConstraint,
    bool Trainable,
    string? Name,
    long[]? OutputSize);

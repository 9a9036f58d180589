// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Layers;

/// <summary>
/// A transposed-convolution layer's constructor arguments, gathered once: from a leaf's constructor (Keras's named
/// parameters) or from a Keras config (components resolved through a catalog).
/// </summary>
/// <param name="Common">The arguments every convolution layer has.</param>
/// <param name="OutputPadding">The output padding, or null.</param>
/// <param name="OutputSize">The target output size, or null.</param>
public sealed record ConvTransposeArguments(ConvolutionLayerArguments Common, IntTuple? OutputPadding, long[]? OutputSize);

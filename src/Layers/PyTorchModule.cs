// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;

namespace LayersFramework.Layers;

/// <summary>
/// Which PyTorch module a layer corresponds to, for moving weights by <c>state_dict</c> (<see cref="PyTorchStateDict"/>):
/// a <see cref="Dense"/> is a <c>Linear</c>, a convolution a <c>Conv{1,2,3}d</c>, a transposed convolution a
/// <c>ConvTranspose{1,2,3}d</c>, a <see cref="BatchNormalization"/> a <c>BatchNorm{1,2,3}d</c>.
/// </summary>
/// <param name="Name">The module's name in the state dict: <c>"0"</c> for the first module of an <c>nn.Sequential</c>, <c>"decoder.up1"</c> for a nested one.</param>
/// <param name="Layer">The layer, built.</param>
/// <remarks>
/// Where a model flattens an image into features or back (Keras's <c>Flatten</c> or <c>Reshape</c> on channels-last
/// data, PyTorch's <c>Flatten</c> or <c>Unflatten</c> on channels-first data), the two frameworks order those
/// features differently: Keras (height, width, channels), PyTorch (channels, height, width). Give the image's shape
/// in Keras's order as <see cref="InputImage"/> (a <c>Dense</c> after <c>Flatten</c>) or <see cref="OutputImage"/> (a
/// <c>Dense</c> or <c>BatchNormalization</c> before <c>Reshape</c>), and the features are reordered as they move.
/// A channels-first model flattens as PyTorch does and needs neither.
/// </remarks>
public sealed record PyTorchModule(string Name, Layer Layer)
{
    /// <summary>Gets the module's name; never empty.</summary>
    public string Name { get; } = string.IsNullOrWhiteSpace(Name) ? throw new ArgumentException("A PyTorch module needs its name in the state dict, such as \"0\" or \"decoder.up1\".", nameof(Name)) : Name;

    /// <summary>Gets the layer; never null.</summary>
    public Layer Layer { get; } = Layer ?? throw new ArgumentNullException(nameof(Layer));

    /// <summary>Gets the channels-last image shape (spatial sizes, then channels) that a <see cref="Dense"/>'s inputs were flattened from, or null.</summary>
    public int[]? InputImage { get; init; }

    /// <summary>Gets the channels-last image shape (spatial sizes, then channels) that the layer's outputs are reshaped into, or null.</summary>
    public int[]? OutputImage { get; init; }
}

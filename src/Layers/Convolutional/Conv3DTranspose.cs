// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace LayersFramework.Layers;

/// <summary>Keras's <c>Conv3DTranspose</c>: the transposed 3-D convolution, for volumes. Input (batch, depth, height, width, channels), or channels first.</summary>
/// <remarks>Everything is <see cref="ConvTransposeBase"/>'s; this class fixes the rank at 3.</remarks>
public sealed class Conv3DTranspose : ConvTransposeBase
{
    /// <summary>Validates and stores the hyper-parameters (Keras's arguments and defaults); weights come with the first call.</summary>
    /// <param name="filters">The number of output channels, 1 or more (a multiple of <paramref name="groups"/>).</param>
    /// <param name="kernelSize">The kernel's size: one value or one per dimension, each 1 or more.</param>
    /// <param name="strides">The strides: one value or one per dimension, each 1 or more; 1 unless given (null).</param>
    /// <param name="padding">"valid" (Keras's default) or "same", any case.</param>
    /// <param name="outputPadding">Extra length per dimension, each 0 or more and less than the stride; none unless given (null).</param>
    /// <param name="dataFormat">"channels_last" (the default) or "channels_first".</param>
    /// <param name="dilationRate">The dilation: one value or one per dimension, each 1 or more; 1 unless given (null).</param>
    /// <param name="activation">The activation after the bias, by Keras name ("relu"), delegate or object; "linear" (none) unless given.</param>
    /// <param name="useBias">Whether to add a bias.</param>
    /// <param name="kernelInitializer">The kernel's initializer by Keras name, config or object; "glorot_uniform" unless given.</param>
    /// <param name="biasInitializer">The bias's initializer; "zeros" unless given.</param>
    /// <param name="kernelRegularizer">The kernel's regularizer, or null.</param>
    /// <param name="biasRegularizer">The bias's regularizer, or null.</param>
    /// <param name="activityRegularizer">The output's regularizer, or null.</param>
    /// <param name="kernelConstraint">The kernel's constraint, or null.</param>
    /// <param name="biasConstraint">The bias's constraint, or null.</param>
    /// <param name="trainable">Whether the weights train.</param>
    /// <param name="name">The layer's name; unique from the class name unless given.</param>
    /// <param name="groups">Blocked connections: filters and input channels both divide by it; 1 unless given.</param>
    /// <param name="outputSize">A target spatial output size (one per dimension) instead of Keras's length; none unless given (null).</param>
    /// <exception cref="System.ArgumentException">An argument breaks one of Keras's rules; the message names it, the value and the rule.</exception>
    public Conv3DTranspose(
        int filters,
        IntTuple kernelSize,
        IntTuple? strides = null,
        string? padding = "valid",
        IntTuple? outputPadding = null,
        string? dataFormat = null,
        IntTuple? dilationRate = null,
        object? activation = null,
        bool useBias = true,
        object? kernelInitializer = null,
        object? biasInitializer = null,
        object? kernelRegularizer = null,
        object? biasRegularizer = null,
        object? activityRegularizer = null,
        object? kernelConstraint = null,
        object? biasConstraint = null,
        bool trainable = true,
        string? name = null,
        int groups = 1,
        long[]? outputSize = null)
        : this(new ConvTransposeArguments(
            new ConvolutionLayerArguments(
                3, filters, kernelSize, strides, padding, dataFormat, dilationRate, groups,
                new KernelComponents(activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint),
                trainable,
                name),
            outputPadding,
            outputSize))
    {
    }

    private Conv3DTranspose(ConvTransposeArguments arguments)
        : base(arguments)
    {
    }

    /// <summary>Creates the layer from its Keras config (as <c>GetConfig</c> or Keras 3's <c>get_config</c> writes it).</summary>
    /// <param name="config">The config.</param>
    /// <param name="catalog">Resolves the components the config names (an application's catalog knows its own); the built-ins when null.</param>
    /// <returns>The layer, not yet built.</returns>
    /// <exception cref="System.ArgumentException">A key is unexpected or a value invalid.</exception>
    public static Conv3DTranspose FromConfig(JsonObject? config, ComponentCatalog? catalog = null) => new(ReadConfig(config, nameof(Conv3DTranspose), 3, catalog));
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace LayersFramework.Layers;

/// <summary>Keras's <c>Conv1D</c>: the forward 1-D convolution (GAN discriminators, encoders). Input (batch, steps, channels), or (batch, channels, steps) for channels_first.</summary>
/// <remarks>Everything is <see cref="ConvBase"/>'s; this class fixes the rank at 1.</remarks>
public sealed class Conv1D : ConvBase
{
    /// <summary>Validates and stores the hyper-parameters (Keras's arguments and defaults); weights come with the first call.</summary>
    /// <param name="filters">The number of output channels, 1 or more (a multiple of <paramref name="groups"/>).</param>
    /// <param name="kernelSize">The kernel's size: one value or one per dimension, each 1 or more.</param>
    /// <param name="strides">The strides: one value or one per dimension, each 1 or more; 1 unless given.</param>
    /// <param name="padding">"valid" (Keras's default) or "same", any case.</param>
    /// <param name="dataFormat">"channels_last" (the default) or "channels_first".</param>
    /// <param name="dilationRate">The dilation: one value or one per dimension, each 1 or more; 1 unless given.</param>
    /// <param name="groups">Blocked connections: filters and input channels both divide by it; 1 unless given.</param>
    /// <param name="activation">The activation after the bias, by Keras name, delegate or object; "linear" unless given.</param>
    /// <param name="useBias">Whether to add a bias.</param>
    /// <param name="kernelInitializer">The kernel's initializer; "glorot_uniform" unless given.</param>
    /// <param name="biasInitializer">The bias's initializer; "zeros" unless given.</param>
    /// <param name="kernelRegularizer">The kernel's regularizer, or null.</param>
    /// <param name="biasRegularizer">The bias's regularizer, or null.</param>
    /// <param name="activityRegularizer">The output's regularizer, or null.</param>
    /// <param name="kernelConstraint">The kernel's constraint, or null.</param>
    /// <param name="biasConstraint">The bias's constraint, or null.</param>
    /// <param name="trainable">Whether the weights train.</param>
    /// <param name="name">The layer's name; unique from the class name unless given.</param>
    public Conv1D(
        int filters,
        IntTuple kernelSize,
        IntTuple? strides = null,
        string? padding = "valid",
        string? dataFormat = null,
        IntTuple? dilationRate = null,
        int groups = 1,
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
        string? name = null)
        : base(new ConvolutionLayerArguments(
            1, filters, kernelSize, strides, padding, dataFormat, dilationRate, groups,
            new KernelComponents(activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint),
            trainable,
            name))
    {
    }

    private Conv1D(ConvolutionLayerArguments arguments)
        : base(arguments)
    {
    }

    /// <summary>Creates the layer from its Keras config (as <c>GetConfig</c> or Keras 3's <c>get_config</c> writes it).</summary>
    /// <param name="config">The config.</param>
    /// <param name="catalog">Resolves the components the config names; the built-ins when null.</param>
    /// <returns>The layer, not yet built.</returns>
    /// <exception cref="System.ArgumentException">A key is unexpected or a value invalid.</exception>
    public static Conv1D FromConfig(JsonObject? config, ComponentCatalog? catalog = null) => new(ReadConfig(config, nameof(Conv1D), 1, catalog));
}

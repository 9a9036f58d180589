// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace LayersFramework.Layers;

/// <summary>Keras's <c>Conv3DTranspose</c>: the transposed 3-D convolution, for volumes. Input (batch, depth, height, width, channels), or channels first.</summary>
/// <remarks>Everything is <see cref="ConvTransposeBase"/>'s; this class fixes the rank at 3.</remarks>
public sealed class Conv3DTranspose : ConvTransposeBase
{
    /// <summary>Validates and stores the hyper-parameters (Keras's arguments and defaults); weights come with the first call.</summary>
    /// <inheritdoc cref="ConvTransposeBase(int, int, IntTuple, System.Nullable{IntTuple}, string, System.Nullable{IntTuple}, string, System.Nullable{IntTuple}, int, object, bool, object, object, object, object, object, object, object, bool, string, long[])" path="/param[@name!='rank']"/>
    public Conv3DTranspose(
        int filters,
        IntTuple kernelSize,
        IntTuple? strides = null,
        string padding = "valid",
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
        : base(3, filters, kernelSize, strides, padding, outputPadding, dataFormat, dilationRate, groups, activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint, trainable, name, outputSize)
    {
    }

    /// <summary>Creates the layer from its Keras config (as <c>GetConfig</c> or Keras 3's <c>get_config</c> writes it).</summary>
    /// <param name="config">The config.</param>
    /// <param name="catalog">Resolves the components the config names (an application's catalog knows its own); the built-ins when null.</param>
    /// <returns>The layer, not yet built.</returns>
    /// <exception cref="System.ArgumentException">A key is unexpected or a value invalid.</exception>
    public static Conv3DTranspose FromConfig(JsonObject? config, ComponentCatalog? catalog = null)
    {
        var a = ReadConfig(config, nameof(Conv3DTranspose), 3, catalog);
        var (c, k) = (a.Common, a.Common.Components);
        return new Conv3DTranspose(
            c.Filters, c.KernelSize, c.Strides, c.Padding, a.OutputPadding, c.DataFormat, c.DilationRate, k.Activation, k.UseBias,
            k.KernelInitializer, k.BiasInitializer, k.KernelRegularizer, k.BiasRegularizer,
            k.ActivityRegularizer, k.KernelConstraint, k.BiasConstraint, c.Trainable, c.Name, c.Groups, a.OutputSize);
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using System.Text.Json.Nodes;
using LayersFramework.Ops;
using LayersFramework.Torch;

namespace LayersFramework.Layers;

/// <summary>
/// The forward convolution of any rank (Keras's BaseConv); <see cref="Conv1D"/>, <see cref="Conv2D"/> and
/// <see cref="Conv3D"/> only fix the rank.
/// </summary>
/// <remarks>
/// Kernel: Keras's layout <c>kernelSize + (inChannels / groups, filters)</c>, TensorFlow's filter layout, so it goes to
/// <see cref="Nn.Convolution(Tensor, Tensor, int[], string, string, int[])"/> unchanged; SAME padding splits as
/// TensorFlow splits it (the extra pixel at the end). Output length per dimension with E = (K − 1)·d + 1: "valid"
/// gives ⌊(L − E) / s⌋ + 1, "same" gives ⌈L / s⌉. Beyond Keras's TensorFlow backend: stride with dilation.
/// </remarks>
public abstract class ConvBase : ConvolutionLayerBase
{
    /// <summary>Validates and stores the hyper-parameters; weights come with the first call.</summary>
    /// <param name="arguments">Keras's arguments.</param>
    /// <exception cref="ArgumentException">An argument breaks one of Keras's rules; the message names it.</exception>
    private protected ConvBase(ConvolutionLayerArguments arguments)
        : base(arguments)
    {
    }

    /// <inheritdoc/>
    public override long?[] ComputeOutputShape(long?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        CheckInputRank(inputShape.Length, nameof(inputShape));
        var spatial = SpatialOf(inputShape);
        return WithChannels(inputShape[0], Enumerable.Range(0, Rank).Select(i => spatial[i] is long size ? (long?)Length(size, i, nameof(inputShape)) : null).ToArray());
    }

    /// <summary>Reads a forward convolution's Keras config into arguments.</summary>
    /// <param name="config">The config.</param>
    /// <param name="className">The layer's class name.</param>
    /// <param name="rank">The rank.</param>
    /// <param name="catalog">Resolves the components; the built-ins when null.</param>
    /// <returns>The arguments.</returns>
    private protected static ConvolutionLayerArguments ReadConfig(JsonObject? config, string className, int rank, ComponentCatalog? catalog)
    {
        var reader = new LayerConfigReader(config, className, catalog);
        var arguments = ReadCommon(reader, rank);
        reader.EnsureNoOtherKeys();
        return arguments;
    }

    /// <inheritdoc/>
    private protected override long[] KernelShape(long inChannels) => [.. KernelSize.Select(k => (long)k), inChannels / Groups, Filters];

    /// <inheritdoc/>
    private protected override long KernelInChannels() => Kernel!.Shape[^2] * Groups;

    /// <inheritdoc/>
    protected override Tensor Forward(Tensor inputs)
    {
        CheckInput(inputs);
        var spatial = SpatialOf(inputs.Shape.Select(size => (long?)size).ToArray());
        for (var i = 0; i < Rank; i++)
        {
            Length(spatial[i]!.Value, i, nameof(inputs));
        }

        using var scope = new DisposeScope();
        var convolved = Nn.Convolution(inputs, Kernel!.Value, Strides, TfPadding, TfDataFormat, DilationRate);
        return scope.MoveToOuter(AddBiasAndActivate(convolved));
    }

    /// <summary>TensorFlow's output length in dimension <paramref name="i"/>; an input shorter than a valid kernel is an error.</summary>
    private long Length(long input, int i, string parameterName)
    {
        if (Padding == "same")
        {
            return (input + Strides[i] - 1) / Strides[i];
        }

        if (input < Effective(i))
        {
            throw new ArgumentException(
                $"Layer {Name}: an input of size {input} in spatial dimension {i} is shorter than the dilated kernel ({Effective(i)}) with padding 'valid'.", parameterName);
        }

        return ((input - Effective(i)) / Strides[i]) + 1;
    }
}

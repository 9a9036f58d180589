// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using System.Text.Json.Nodes;
using LayersFramework.Ops;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Layers;

/// <summary>
/// The forward convolution of any rank (Keras's BaseConv); <see cref="Conv1D"/>, <see cref="Conv2D"/> and
/// <see cref="Conv3D"/> only fix the rank.
/// </summary>
/// <remarks>
/// <para>
/// Kernel: Keras's layout <c>kernelSize + (inChannels / groups, filters)</c>, TensorFlow's filter layout, handed to
/// libtorch as <c>(filters, inChannels / groups) + kernelSize</c> laid out for the input's memory format
/// (<see cref="WeightMemory"/>); libtorch's <c>conv{1,2,3}d</c> computes the convolution with the bias. Output length per dimension with
/// E = (K − 1)·d + 1: "valid" gives ⌊(L − E) / s⌋ + 1, "same" gives ⌈L / s⌉.
/// </para>
/// <para>
/// libtorch pads both sides equally; TensorFlow's SAME pads max((⌈L / s⌉ − 1)·s + E − L, 0) in all, half before and
/// the odd pixel after (the <c>tf.nn.convolution</c> docs), so the layer pads that extra pixel itself first. Beyond
/// Keras's TensorFlow backend: stride together with dilation.
/// </para>
/// </remarks>
public abstract class ConvBase : ConvolutionLayerBase
{
    private readonly long[] libtorchKernelOrder;
    private readonly long[] toChannelsFirst;
    private readonly long[] toChannelsLast;
    private readonly long[] strides;
    private readonly long[] dilations;

    /// <summary>Validates and stores the hyper-parameters; weights come with the first call.</summary>
    /// <param name="arguments">Keras's arguments.</param>
    /// <exception cref="ArgumentException">An argument breaks one of Keras's rules; the message names it.</exception>
    private protected ConvBase(ConvolutionLayerArguments arguments)
        : base(arguments)
    {
        libtorchKernelOrder = [Rank + 1, Rank, .. Enumerable.Range(0, Rank).Select(i => (long)i)];
        toChannelsFirst = [0, Rank + 1, .. Enumerable.Range(1, Rank).Select(i => (long)i)];
        toChannelsLast = [0, .. Enumerable.Range(2, Rank).Select(i => (long)i), 1];
        strides = Strides.Select(s => (long)s).ToArray();
        dilations = DilationRate.Select(d => (long)d).ToArray();
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
    protected override Tensor ComputeOutput(Tensor inputs, bool training)
    {
        CheckInput(inputs);
        var spatial = SpatialOf(inputs.shape);
        var before = new long[Rank];
        var after = new long[Rank];
        for (var i = 0; i < Rank; i++)
        {
            var length = Length(spatial[i], i, nameof(inputs));
            if (SamePadding)
            {
                var total = Math.Max(((length - 1) * Strides[i]) + Effective(i) - spatial[i], 0);
                (before[i], after[i]) = (total / 2, total - (total / 2));
            }
        }

        using var scope = torch.NewDisposeScope();
        var x = ChannelsFirst ? inputs : inputs.permute(toChannelsFirst);
        if (!before.AsSpan().SequenceEqual(after))
        {
            // The odd pixel of SAME padding goes after, as TensorFlow puts it; pad() takes the last dimension first.
            x = nn.functional.pad(x, Enumerable.Range(0, Rank).Reverse().SelectMany(i => new[] { 0L, after[i] - before[i] }).ToArray());
        }

        var kernel = WeightMemory.ForInput(Kernel!.Value.permute(libtorchKernelOrder), channelsLastInput: !ChannelsFirst);
        var bias = Bias?.Value;
        var convolved = Rank switch
        {
            1 => nn.functional.conv1d(x, kernel, bias, strides[0], before[0], dilations[0], Groups),
            2 => nn.functional.conv2d(x, kernel, bias, strides, before, dilations, Groups),
            _ => nn.functional.conv3d(x, kernel, bias, strides, before, dilations, Groups),
        };
        var output = ChannelsFirst ? convolved : convolved.permute(toChannelsLast);
        return scope.MoveToOuter(Activation.Apply(output));
    }

    /// <summary>TensorFlow's output length in dimension <paramref name="i"/> (the <c>tf.nn.convolution</c> docs); an input shorter than a valid kernel is an error.</summary>
    private long Length(long input, int i, string parameterName)
    {
        if (SamePadding)
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

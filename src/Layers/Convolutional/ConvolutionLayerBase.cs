// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using System.Text.Json.Nodes;
using LayersFramework.Engine;
using static TorchSharp.torch;

namespace LayersFramework.Layers;

/// <summary>
/// What Keras's convolution layers share, forward (<see cref="ConvBase"/>) and transposed
/// (<see cref="ConvTransposeBase"/>): the hyper-parameters and their validation, the kernel and bias with their
/// components, the bias and activation after the convolution, and the shared config keys.
/// </summary>
public abstract class ConvolutionLayerBase : KernelLayer
{
    /// <summary>Validates and stores the shared hyper-parameters.</summary>
    /// <param name="arguments">The arguments.</param>
    /// <exception cref="ArgumentException">An argument breaks one of Keras's rules; the message names it, the value and the rule.</exception>
#pragma warning disable CA2208 // The arguments are the leaves' constructor parameters: exceptions name those, as users wrote them.
    private protected ConvolutionLayerBase(ConvolutionLayerArguments arguments)
        : base((arguments ?? throw new ArgumentNullException(nameof(arguments))).Components, arguments.Trainable, arguments.Name)
    {
        var (rank, filters, groups) = (arguments.Rank, arguments.Filters, arguments.Groups);
        Rank = rank;
        if (filters < 1)
        {
            throw new ArgumentOutOfRangeException("filters", filters, $"Invalid value for argument filters. Expected a strictly positive value. Received filters={filters}.");
        }

        if (groups < 1 || filters % groups != 0)
        {
            throw new ArgumentOutOfRangeException("groups", groups, $"groups must be 1 or more and divide filters ({filters}); received groups={groups}.");
        }

        Filters = filters;
        Groups = groups;
        KernelSize = Positive(arguments.KernelSize, rank, "kernelSize", allowZero: false);
        Strides = Positive(arguments.Strides ?? 1, rank, "strides", allowZero: false);
        DilationRate = Positive(arguments.DilationRate ?? 1, rank, "dilationRate", allowZero: false);
        Padding = (arguments.Padding ?? "valid").ToLowerInvariant(); // null: the default, as for any optional argument
        if (Padding is not ("valid" or "same"))
        {
            throw new ArgumentException($"padding '{arguments.Padding}' is not 'valid' or 'same'.", "padding");
        }

        DataFormat = (arguments.DataFormat ?? "channels_last").ToLowerInvariant();
        if (DataFormat is not ("channels_last" or "channels_first"))
        {
            throw new ArgumentException($"dataFormat '{arguments.DataFormat}' is not 'channels_last' or 'channels_first'.", "dataFormat");
        }

        ChannelsFirst = DataFormat == "channels_first";
        SamePadding = Padding == "same";
        TfPadding = Padding.ToUpperInvariant();
        string[][] formats = [["NWC", "NCW"], ["NHWC", "NCHW"], ["NDHWC", "NCDHW"]];
        TfDataFormat = formats[rank - 1][ChannelsFirst ? 1 : 0];
    }
#pragma warning restore CA2208

    /// <summary>Gets the number of spatial dimensions.</summary>
    public int Rank { get; }

    /// <summary>Gets the number of output channels.</summary>
    public int Filters { get; }

    /// <summary>Gets the number of groups.</summary>
    public int Groups { get; }

    /// <summary>Gets the kernel size per dimension.</summary>
    public int[] KernelSize { get; }

    /// <summary>Gets the strides per dimension.</summary>
    public int[] Strides { get; }

    /// <summary>Gets the dilation per dimension.</summary>
    public int[] DilationRate { get; }

    /// <summary>Gets "valid" or "same".</summary>
    public string Padding { get; }

    /// <summary>Gets "channels_last" or "channels_first".</summary>
    public string DataFormat { get; }

    /// <summary>Gets a value indicating whether the channel axis comes right after the batch (parsed once, at construction).</summary>
    private protected bool ChannelsFirst { get; }

    /// <summary>Gets a value indicating whether the padding is "same" (parsed once, at construction).</summary>
    private protected bool SamePadding { get; }

    /// <summary>Gets TensorFlow's padding name, "VALID" or "SAME".</summary>
    private protected string TfPadding { get; }

    /// <summary>Gets TensorFlow's data format, such as "NHWC".</summary>
    private protected string TfDataFormat { get; }

    /// <summary>Gets the index of the channel axis counted from the end (1 for the last).</summary>
    private protected int ChannelIndexFromEnd => ChannelsFirst ? Rank + 1 : 1;

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["filters"] = Filters;
        config["kernel_size"] = Json(KernelSize);
        config["strides"] = Json(Strides);
        config["padding"] = Padding;
        config["data_format"] = DataFormat;
        config["dilation_rate"] = Json(DilationRate);
        config["groups"] = Groups;
        WriteComponents(config);
        return config;
    }

    /// <summary>Reads the keys every convolution layer's config has (Keras 3's or tf-keras's) into arguments.</summary>
    /// <param name="reader">The config's reader.</param>
    /// <param name="rank">The layer's rank.</param>
    /// <returns>The arguments; the caller reads its own keys and then checks for unexpected ones.</returns>
    private protected static ConvolutionLayerArguments ReadCommon(LayerConfigReader reader, int rank)
    {
        var values = reader.Values;
        return new ConvolutionLayerArguments(
            Rank: rank,
            Filters: values.SmallWholeNumber("filters", 0),
            KernelSize: IntTuple.FromArray(values.Ints("kernel_size", [])),
            Strides: IntTuple.FromArray(values.Ints("strides", [1])),
            Padding: values.Text("padding", "valid"),
            DataFormat: values.Node("data_format") is null ? null : values.Text("data_format", "channels_last"),
            DilationRate: IntTuple.FromArray(values.Ints("dilation_rate", [1])),
            Groups: values.SmallWholeNumber("groups", 1),
            Components: KernelComponents.Read(reader),
            Trainable: reader.Trainable,
            Name: reader.Name);
    }

    /// <summary>The kernel's shape in Keras's layout for this kind of convolution.</summary>
    /// <param name="inChannels">The input's channels.</param>
    /// <returns>The shape.</returns>
    private protected abstract long[] KernelShape(long inChannels);

    /// <summary>The number of input channels the kernel was built for.</summary>
    /// <returns>The channels.</returns>
    private protected abstract long KernelInChannels();

    /// <inheritdoc/>
    protected override void CreateWeights(long[] inputShape)
    {
        CheckInputRank(inputShape.Length, nameof(inputShape));
        var inChannels = inputShape[^ChannelIndexFromEnd];
        if (inChannels % Groups != 0)
        {
            throw new ArgumentException($"Layer {Name} has groups={Groups}, which does not divide the input's {inChannels} channels.", nameof(inputShape));
        }

        // Contiguous in Keras's layout (every weight is); the ops lay it out for libtorch on each call (WeightMemory).
        CreateKernelAndBias(KernelShape(inChannels), Filters);
    }

    /// <summary>Checks an input against the built kernel: its rank and its channels.</summary>
    /// <param name="inputs">The input.</param>
    /// <exception cref="ArgumentException">The rank or the channels differ.</exception>
    private protected void CheckInput(Tensor inputs)
    {
        var shape = inputs.shape;
        CheckInputRank(shape.Length, nameof(inputs));
        var inChannels = shape[^ChannelIndexFromEnd];
        if (inChannels != KernelInChannels())
        {
            throw new ArgumentException(
                $"Layer {Name} was built for {KernelInChannels()} input channels but the input {Tuples.Format(shape)} has {inChannels}.", nameof(inputs));
        }
    }

    /// <summary>Adds the bias (broadcast along the channel axis) and applies the activation.</summary>
    /// <param name="convolved">The convolution's result.</param>
    /// <returns>The layer's output.</returns>
    private protected Tensor AddBiasAndActivate(Tensor convolved) =>
        AddBiasAndActivate(convolved, ChannelsFirst ? [Filters, .. Enumerable.Repeat(1L, Rank)] : [Filters]);

    /// <summary>The spatial sizes of a shape in this layer's data format.</summary>
    /// <param name="shape">A full shape, batch first.</param>
    /// <returns>The spatial sizes.</returns>
    private protected long?[] SpatialOf(long?[] shape) => ChannelsFirst ? shape[2..] : shape[1..^1];

    /// <summary>The spatial sizes of a known shape in this layer's data format.</summary>
    /// <param name="shape">A full shape, batch first.</param>
    /// <returns>The spatial sizes.</returns>
    private protected long[] SpatialOf(long[] shape) => ChannelsFirst ? shape[2..] : shape[1..^1];

    /// <summary>A full output shape from the batch and spatial sizes, with <see cref="Filters"/> channels.</summary>
    /// <param name="batch">The batch size.</param>
    /// <param name="spatial">The spatial sizes.</param>
    /// <returns>The shape.</returns>
    private protected long?[] WithChannels(long? batch, long?[] spatial) =>
        ChannelsFirst ? [batch, Filters, .. spatial] : [batch, .. spatial, Filters];

    /// <summary>A known full output shape from the batch and spatial sizes, with <see cref="Filters"/> channels.</summary>
    /// <param name="batch">The batch size.</param>
    /// <param name="spatial">The spatial sizes.</param>
    /// <returns>The shape.</returns>
    private protected long[] WithChannels(long batch, long[] spatial) =>
        ChannelsFirst ? [batch, Filters, .. spatial] : [batch, .. spatial, Filters];

    /// <summary>The dilated kernel extent in one dimension, (K − 1)·d + 1.</summary>
    /// <param name="i">The dimension.</param>
    /// <returns>The extent.</returns>
    private protected long Effective(int i) => ((long)(KernelSize[i] - 1) * DilationRate[i]) + 1;

    /// <summary>Checks an input's rank: batch, channels and <see cref="Rank"/> spatial dimensions.</summary>
    /// <param name="inputRank">The rank.</param>
    /// <param name="parameterName">The argument, for messages.</param>
    private protected void CheckInputRank(int inputRank, string parameterName)
    {
        if (inputRank != Rank + 2)
        {
            throw new ArgumentException($"Layer {Name} expects inputs of rank {Rank + 2} ({TfDataFormat}); received rank {inputRank}.", parameterName);
        }
    }

    /// <summary>Expands and checks a tuple argument with Keras's message.</summary>
    /// <param name="tuple">The tuple.</param>
    /// <param name="rank">The number of values wanted.</param>
    /// <param name="parameterName">The argument.</param>
    /// <param name="allowZero">Whether 0 is allowed.</param>
    /// <returns>The values.</returns>
    private protected static int[] Positive(IntTuple tuple, int rank, string parameterName, bool allowZero)
    {
        var values = tuple.Expand(rank)
            ?? throw new ArgumentException($"The {parameterName} argument must be a tuple of {rank} integers. Received {parameterName}={tuple}.", parameterName);
        var bad = values.Where(v => allowZero ? v < 0 : v <= 0).Distinct().ToArray();
        if (bad.Length > 0)
        {
            throw new ArgumentException(
                $"The {parameterName} argument must be a tuple of {rank} integers. Received {parameterName}={tuple}, including values {{{string.Join(", ", bad)}}} that do not satisfy `value {(allowZero ? ">=" : ">")} 0`.",
                parameterName);
        }

        return values;
    }

    /// <summary>A tuple as a JSON array.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The array.</returns>
    private protected static JsonArray Json(int[] values) => new(values.Select(v => (JsonNode?)v).ToArray());
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using LayersFramework.Activations;
using LayersFramework.Configuration;
using LayersFramework.Constraints;
using LayersFramework.Initializers;
using LayersFramework.Ops;
using LayersFramework.Regularizers;
using LayersFramework.Torch;
using Microsoft.Extensions.Logging;

namespace LayersFramework.Layers;

/// <summary>
/// The transposed convolution of any rank (Keras's BaseConvTranspose); <see cref="Conv1DTranspose"/>,
/// <see cref="Conv2DTranspose"/> and <see cref="Conv3DTranspose"/> only fix the rank.
/// </summary>
/// <remarks>
/// <para>
/// Kernel: Keras's layout <c>kernelSize + (filters / groups, inChannels)</c>, which is TensorFlow's transposed
/// filter layout, so it goes to <see cref="Nn.ConvTranspose(Tensor, Tensor, long[], int[], string, string?, int[])"/>
/// unchanged. Bias: <c>(filters,)</c>.
/// </para>
/// <para>
/// Output length per spatial dimension, with E = (K − 1)·d + 1 (Keras 3's rule, reference 4.4): without output
/// padding, "valid" gives (L − 1)·s + max(E, s) and "same" gives L·s; with output padding p, "valid" gives
/// (L − 1)·s + E + p and "same" (L − 1)·s + E mod 2 + p. TensorFlow's SAME rule then places the window for that
/// length, so output padding moves it. A target size given at construction or call replaces the length; it must be
/// one TensorFlow accepts.
/// </para>
/// <para>Beyond Keras: <c>groups</c>, stride together with dilation, and the target output size (U-Net skip connections).</para>
/// </remarks>
public abstract partial class ConvTransposeBase : Layer
{
    private readonly string tfPadding;
    private readonly string tfDataFormat;
    private Variable? kernel;
    private Variable? bias;

    /// <summary>Validates and stores the hyper-parameters; weights come with the first call.</summary>
    /// <param name="rank">The number of spatial dimensions, 1 to 3.</param>
    /// <param name="filters">The number of output channels, 1 or more (a multiple of <paramref name="groups"/>).</param>
    /// <param name="kernelSize">The kernel's size: one value or one per dimension, each 1 or more.</param>
    /// <param name="strides">The strides: one value or one per dimension, each 1 or more; 1 unless given.</param>
    /// <param name="padding">"valid" (Keras's default) or "same", any case.</param>
    /// <param name="outputPadding">Extra length per dimension, each 0 or more and less than the stride; none unless given.</param>
    /// <param name="dataFormat">"channels_last" (the default) or "channels_first".</param>
    /// <param name="dilationRate">The dilation: one value or one per dimension, each 1 or more; 1 unless given.</param>
    /// <param name="groups">Blocked connections: filters and input channels both divide by it; 1 unless given.</param>
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
    /// <param name="outputSize">A target spatial output size (one per dimension) instead of Keras's length; none unless given.</param>
    /// <exception cref="ArgumentException">An argument breaks one of Keras's rules; the message names it, the value and the rule.</exception>
    protected ConvTransposeBase(
        int rank,
        int filters,
        IntTuple kernelSize,
        IntTuple? strides,
        string padding,
        IntTuple? outputPadding,
        string? dataFormat,
        IntTuple? dilationRate,
        int groups,
        object? activation,
        bool useBias,
        object? kernelInitializer,
        object? biasInitializer,
        object? kernelRegularizer,
        object? biasRegularizer,
        object? activityRegularizer,
        object? kernelConstraint,
        object? biasConstraint,
        bool trainable,
        string? name,
        long[]? outputSize)
        : base(name, trainable, activityRegularizer)
    {
        Rank = rank;
        if (filters < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(filters), filters, $"Invalid value for argument filters. Expected a strictly positive value. Received filters={filters}.");
        }

        if (groups < 1 || filters % groups != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(groups), groups, $"groups must be 1 or more and divide filters ({filters}); received groups={groups}.");
        }

        Filters = filters;
        Groups = groups;
        KernelSize = Positive(kernelSize, rank, nameof(kernelSize), allowZero: false);
        Strides = Positive(strides ?? 1, rank, nameof(strides), allowZero: false);
        DilationRate = Positive(dilationRate ?? 1, rank, nameof(dilationRate), allowZero: false);
        OutputPadding = outputPadding is { } given ? Positive(given, rank, nameof(outputPadding), allowZero: true) : null;
        if (OutputPadding is not null)
        {
            var bad = Enumerable.Range(0, rank).FirstOrDefault(i => OutputPadding[i] >= Strides[i], -1);
            if (bad >= 0)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"outputPadding must be strictly less than strides for all dimensions. At dimension {bad}, received outputPadding={Tuples.Format(OutputPadding)} and strides={Tuples.Format(Strides)}."),
                    nameof(outputPadding));
            }
        }

        Padding = (padding ?? throw new ArgumentNullException(nameof(padding))).ToLowerInvariant();
        if (Padding is not ("valid" or "same"))
        {
            throw new ArgumentException($"padding '{padding}' is not 'valid' or 'same'.", nameof(padding));
        }

        // TensorFlow's SAME rule rejects every length (L − 1)·s, which "same" gives for an even dilated kernel and
        // output padding 0: refuse it here, as Keras's TensorFlow backends do when called, rather than at call time.
        if (Padding == "same" && OutputPadding is not null)
        {
            var trap = Enumerable.Range(0, rank).FirstOrDefault(i => OutputPadding[i] == 0 && Effective(i) % 2 == 0, -1);
            if (trap >= 0)
            {
                throw new ArgumentException(
                    $"padding 'same' with outputPadding 0 and an even dilated kernel size ({Effective(trap)} in dimension {trap}) gives length (L - 1) * stride, which TensorFlow's SAME rule rejects; give outputPadding null or 1 or more.",
                    nameof(outputPadding));
            }
        }

        WarnAboutCheckerboard();
        DataFormat = (dataFormat ?? "channels_last").ToLowerInvariant();
        if (DataFormat is not ("channels_last" or "channels_first"))
        {
            throw new ArgumentException($"dataFormat '{dataFormat}' is not 'channels_last' or 'channels_first'.", nameof(dataFormat));
        }

        OutputSize = outputSize is null ? null : CheckedOutputSize(outputSize, nameof(outputSize));
        tfPadding = Padding.ToUpperInvariant();
        string[][] formats = [["NWC", "NCW"], ["NHWC", "NCHW"], ["NDHWC", "NCDHW"]];
        tfDataFormat = formats[rank - 1][DataFormat == "channels_first" ? 1 : 0];
        Activation = ActivationRegistry.Get(activation, nameof(activation));
        UseBias = useBias;
        KernelInitializer = InitializerRegistry.Get(kernelInitializer ?? "glorot_uniform", nameof(kernelInitializer))!;
        BiasInitializer = InitializerRegistry.Get(biasInitializer ?? "zeros", nameof(biasInitializer))!;
        KernelRegularizer = RegularizerRegistry.Get(kernelRegularizer, nameof(kernelRegularizer));
        BiasRegularizer = RegularizerRegistry.Get(biasRegularizer, nameof(biasRegularizer));
        KernelConstraint = ConstraintRegistry.Get(kernelConstraint, nameof(kernelConstraint));
        BiasConstraint = ConstraintRegistry.Get(biasConstraint, nameof(biasConstraint));
    }

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

    /// <summary>Gets the output padding per dimension, or null.</summary>
    public int[]? OutputPadding { get; }

    /// <summary>Gets "valid" or "same".</summary>
    public string Padding { get; }

    /// <summary>Gets "channels_last" or "channels_first".</summary>
    public string DataFormat { get; }

    /// <summary>Gets the target spatial output size given at construction, or null.</summary>
    public long[]? OutputSize { get; }

    /// <summary>Gets the activation.</summary>
    public IActivation Activation { get; }

    /// <summary>Gets a value indicating whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <summary>Gets the kernel's initializer.</summary>
    public IInitializer KernelInitializer { get; }

    /// <summary>Gets the bias's initializer.</summary>
    public IInitializer BiasInitializer { get; }

    /// <summary>Gets the kernel's regularizer, or null.</summary>
    public IRegularizer? KernelRegularizer { get; }

    /// <summary>Gets the bias's regularizer, or null.</summary>
    public IRegularizer? BiasRegularizer { get; }

    /// <summary>Gets the kernel's constraint, or null.</summary>
    public IConstraint? KernelConstraint { get; }

    /// <summary>Gets the bias's constraint, or null.</summary>
    public IConstraint? BiasConstraint { get; }

    /// <summary>Gets the kernel, <c>kernelSize + (filters / groups, inChannels)</c>; null before the first call.</summary>
    public Variable? Kernel => kernel;

    /// <summary>Gets the bias, <c>(filters,)</c>; null before the first call or without a bias.</summary>
    public Variable? Bias => bias;

    private int ChannelAxisFromEnd => DataFormat == "channels_first" ? -(Rank + 1) : -1;

    /// <summary>Applies the layer with a target spatial output size (the U-Net case), which must be one TensorFlow accepts.</summary>
    /// <param name="inputs">The input.</param>
    /// <param name="outputSize">One size per spatial dimension.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentException">A size does not fit the input; the message gives the valid range.</exception>
    public Tensor Call(Tensor inputs, long[] outputSize)
    {
        var size = CheckedOutputSize(outputSize, nameof(outputSize));
        return Run(inputs, x => Compute(x, size));
    }

    /// <inheritdoc/>
    public override long?[] ComputeOutputShape(long?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        CheckInputRank(inputShape.Length, nameof(inputShape));
        var spatial = SpatialOf(inputShape);
        var output = Enumerable.Range(0, Rank).Select(i => spatial[i] is long size ? (long?)(OutputSize?[i] ?? Length(size, i)) : null).ToArray();
        return DataFormat == "channels_first"
            ? [inputShape[0], Filters, .. output]
            : [inputShape[0], .. output, Filters];
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["filters"] = Filters;
        config["kernel_size"] = Json(KernelSize);
        config["strides"] = Json(Strides);
        config["padding"] = Padding;
        config["output_padding"] = OutputPadding is null ? null : Json(OutputPadding);
        config["data_format"] = DataFormat;
        config["dilation_rate"] = Json(DilationRate);
        config["groups"] = Groups;
        config["activation"] = ActivationRegistry.Serialize(Activation);
        config["use_bias"] = UseBias;
        config["kernel_initializer"] = InitializerRegistry.Serialize(KernelInitializer);
        config["bias_initializer"] = InitializerRegistry.Serialize(BiasInitializer);
        config["kernel_regularizer"] = RegularizerRegistry.Serialize(KernelRegularizer);
        config["bias_regularizer"] = RegularizerRegistry.Serialize(BiasRegularizer);
        config["activity_regularizer"] = RegularizerRegistry.Serialize(ActivityRegularizer);
        config["kernel_constraint"] = ConstraintRegistry.Serialize(KernelConstraint);
        config["bias_constraint"] = ConstraintRegistry.Serialize(BiasConstraint);
        if (OutputSize is not null)
        {
            config["output_size"] = new JsonArray(OutputSize.Select(v => (JsonNode?)v).ToArray());
        }

        return config;
    }

    /// <summary>
    /// Reads a Keras config of a transposed-convolution layer (Keras 3's or tf-keras's keys, plus our
    /// <c>groups</c> and <c>output_size</c>) into constructor arguments; the leaves call their constructor with them.
    /// </summary>
    /// <param name="config">The config.</param>
    /// <param name="className">The layer's class name, for messages.</param>
    /// <param name="catalog">Resolves the components the config names; the built-ins when null.</param>
    /// <returns>The arguments.</returns>
    /// <exception cref="ArgumentException">A key is unexpected, a value invalid, or a component unknown to the catalog.</exception>
    protected static ConvTransposeArguments ReadConfig(JsonObject? config, string className, ComponentCatalog? catalog)
    {
        catalog ??= ComponentCatalog.BuiltIns;
        var reader = new ConfigReader(config, className, nameof(config));
        var dtype = reader.Node("dtype");
        var dtypeName = dtype switch
        {
            null => "float32",
            JsonValue value => value.GetValue<string>(),
            JsonObject policy => policy["config"]?["name"]?.GetValue<string>() ?? "float32",
            _ => "unknown",
        };
        if (dtypeName != "float32")
        {
            throw new ArgumentException($"The config of {className} has dtype '{dtypeName}'; layers here compute in float32.", nameof(config));
        }

        var arguments = new ConvTransposeArguments(
            Filters: (int)reader.WholeNumber("filters", 0),
            KernelSize: IntTuple.FromArray(reader.Ints("kernel_size", [])),
            Strides: IntTuple.FromArray(reader.Ints("strides", [1])),
            Padding: reader.Text("padding", "valid"),
            OutputPadding: reader.Node("output_padding") is null ? (IntTuple?)null : IntTuple.FromArray(reader.Ints("output_padding", [])),
            DataFormat: reader.Node("data_format") is null ? null : reader.Text("data_format", "channels_last"),
            DilationRate: IntTuple.FromArray(reader.Ints("dilation_rate", [1])),
            Groups: (int)reader.WholeNumber("groups", 1),
            Activation: catalog.GetActivation(Component(reader.Node("activation")), "activation"),
            UseBias: reader.Boolean("use_bias", true),
            KernelInitializer: catalog.GetInitializer(Component(reader.Node("kernel_initializer")), "kernelInitializer"),
            BiasInitializer: catalog.GetInitializer(Component(reader.Node("bias_initializer")), "biasInitializer"),
            KernelRegularizer: catalog.GetRegularizer(Component(reader.Node("kernel_regularizer")), "kernelRegularizer"),
            BiasRegularizer: catalog.GetRegularizer(Component(reader.Node("bias_regularizer")), "biasRegularizer"),
            ActivityRegularizer: catalog.GetRegularizer(Component(reader.Node("activity_regularizer")), "activityRegularizer"),
            KernelConstraint: catalog.GetConstraint(Component(reader.Node("kernel_constraint")), "kernelConstraint"),
            BiasConstraint: catalog.GetConstraint(Component(reader.Node("bias_constraint")), "biasConstraint"),
            Trainable: reader.Boolean("trainable", true),
            Name: reader.Node("name") is null ? null : reader.Text("name", string.Empty),
            OutputSize: reader.Node("output_size") is JsonArray size ? size.Select(v => v!.GetValue<long>()).ToArray() : null);
        reader.EnsureNoOtherKeys();
        return arguments;
    }

    /// <summary>A serialized component as the registries take it: a name string as a string, an object as JSON.</summary>
    private static object? Component(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var name) ? name : node;

    /// <inheritdoc/>
    protected override void Build(long[] inputShape)
    {
        CheckInputRank(inputShape.Length, nameof(inputShape));
        var inChannels = inputShape[^-ChannelAxisFromEnd];
        if (inChannels % Groups != 0)
        {
            throw new ArgumentException($"Layer {Name} has groups={Groups}, which does not divide the input's {inChannels} channels.", nameof(inputShape));
        }

        kernel = AddWeight("kernel", [.. KernelSize.Select(k => (long)k), Filters / Groups, inChannels], KernelInitializer, KernelRegularizer, KernelConstraint);
        if (UseBias)
        {
            bias = AddWeight("bias", [Filters], BiasInitializer, BiasRegularizer, BiasConstraint);
        }
    }

    /// <inheritdoc/>
    protected override Tensor Forward(Tensor inputs) => Compute(inputs, OutputSize);

    private Tensor Compute(Tensor inputs, long[]? outputSize)
    {
        CheckInputRank(inputs.Rank, nameof(inputs));
        var shape = inputs.Shape;
        var inChannels = shape[^-ChannelAxisFromEnd];
        if (inChannels != kernel!.Shape[^1])
        {
            throw new ArgumentException(
                $"Layer {Name} was built for {kernel.Shape[^1]} input channels but the input {Tuples.Format(shape)} has {inChannels}.", nameof(inputs));
        }

        var spatial = SpatialOf(shape.Select(s => (long?)s).ToArray()).Select(s => s!.Value).ToArray();
        var output = outputSize ?? Enumerable.Range(0, Rank).Select(i => Length(spatial[i], i)).ToArray();
        long[] outputShape = DataFormat == "channels_first" ? [shape[0], Filters, .. output] : [shape[0], .. output, Filters];

        using var scope = new DisposeScope();
        var result = Nn.ConvTranspose(inputs, kernel.Value, outputShape, Strides, tfPadding, tfDataFormat, DilationRate);
        if (bias is not null)
        {
            var broadcast = DataFormat == "channels_first"
                ? bias.Value.Reshape([Filters, .. Enumerable.Repeat(1L, Rank)])
                : bias.Value;
            result = result + broadcast;
        }

        result = Activation.Apply(result);
        return scope.MoveToOuter(result);
    }

    /// <summary>
    /// Logs a warning when the kernel size is not a multiple of the stride in some dimension: output positions then
    /// receive unequal numbers of kernel taps, the checkerboard artifact of Odena, Dumoulin and Olah (2016),
    /// "Deconvolution and Checkerboard Artifacts". A warning, not an error: the configuration is legal and common.
    /// </summary>
    private void WarnAboutCheckerboard()
    {
        var uneven = Enumerable.Range(0, Rank).Where(i => Strides[i] > 1 && KernelSize[i] % Strides[i] != 0).ToArray();
        if (uneven.Length > 0)
        {
            Log.CheckerboardRisk(
                LayersFrameworkLogging.For(GetType()),
                Name,
                Tuples.Format(KernelSize),
                Tuples.Format(Strides),
                string.Join(", ", uneven));
        }
    }

    /// <summary>Keras 3's output length for dimension <paramref name="i"/> (reference 4.4).</summary>
    private long Length(long input, int i)
    {
        long stride = Strides[i];
        long effective = Effective(i);
        return (Padding, OutputPadding?[i]) switch
        {
            ("valid", null) => ((input - 1) * stride) + Math.Max(effective, stride),
            (_, null) => input * stride,
            ("valid", int extra) => ((input - 1) * stride) + effective + extra,
            (_, int extra) => ((input - 1) * stride) + (effective % 2) + extra,
        };
    }

    private long Effective(int i) => ((long)(KernelSize[i] - 1) * DilationRate[i]) + 1;

    private long?[] SpatialOf(long?[] shape) => DataFormat == "channels_first" ? shape[2..] : shape[1..^1];

    private long[] CheckedOutputSize(long[] outputSize, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(outputSize, parameterName);
        if (outputSize.Length != Rank)
        {
            throw new ArgumentException($"{parameterName} {Tuples.Format(outputSize)} must have {Rank} values, one per spatial dimension.", parameterName);
        }

        return (long[])outputSize.Clone();
    }

    private void CheckInputRank(int inputRank, string parameterName)
    {
        if (inputRank != Rank + 2)
        {
            throw new ArgumentException($"Layer {Name} expects inputs of rank {Rank + 2} ({tfDataFormat}); received rank {inputRank}.", parameterName);
        }
    }

    private static int[] Positive(IntTuple tuple, int rank, string parameterName, bool allowZero)
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

    private static JsonArray Json(int[] values) => new(values.Select(v => (JsonNode?)v).ToArray());

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Layer {Layer}: kernel size {KernelSize} is not a multiple of strides {Strides} in dimension(s) {Dimensions}; output positions receive unequal numbers of kernel taps, which causes checkerboard artifacts (Odena et al. 2016). Prefer a kernel size divisible by the stride.")]
        public static partial void CheckerboardRisk(ILogger logger, string layer, string kernelSize, string strides, string dimensions);
    }
}

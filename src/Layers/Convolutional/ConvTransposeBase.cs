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
public abstract partial class ConvTransposeBase : ConvolutionLayerBase
{
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
        : base(new ConvolutionLayerArguments(
            rank, filters, kernelSize, strides, padding, dataFormat, dilationRate, groups,
            new KernelComponents(activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint),
            trainable,
            name))
    {
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
        OutputSize = outputSize is null ? null : CheckedOutputSize(outputSize, nameof(outputSize));
    }

    /// <summary>Gets the output padding per dimension, or null.</summary>
    public int[]? OutputPadding { get; }

    /// <summary>Gets the target spatial output size given at construction, or null.</summary>
    public long[]? OutputSize { get; }

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
        return WithChannels(inputShape[0], output);
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["output_padding"] = OutputPadding is null ? null : Json(OutputPadding);
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
    /// <param name="rank">The layer's rank.</param>
    /// <param name="catalog">Resolves the components the config names; the built-ins when null.</param>
    /// <returns>The arguments.</returns>
    /// <exception cref="ArgumentException">A key is unexpected, a value invalid, or a component unknown to the catalog.</exception>
    protected static ConvTransposeArguments ReadConfig(JsonObject? config, string className, int rank, ComponentCatalog? catalog)
    {
        var reader = new LayerConfigReader(config, className, catalog);
        var arguments = new ConvTransposeArguments(
            ReadCommon(reader, rank),
            OutputPadding: reader.OptionalTuple("output_padding"),
            OutputSize: reader.Values.Node("output_size") is JsonArray size ? size.Select(v => v!.GetValue<long>()).ToArray() : null);
        reader.EnsureNoOtherKeys();
        return arguments;
    }

    /// <inheritdoc/>
    private protected override long[] KernelShape(long inChannels) => [.. KernelSize.Select(k => (long)k), Filters / Groups, inChannels];

    /// <inheritdoc/>
    private protected override long KernelInChannels() => Kernel!.Shape[^1];

    /// <inheritdoc/>
    protected override Tensor Forward(Tensor inputs) => Compute(inputs, OutputSize);

    private Tensor Compute(Tensor inputs, long[]? outputSize)
    {
        CheckInput(inputs);
        var shape = inputs.Shape;
        var spatial = SpatialOf(shape.Select(s => (long?)s).ToArray()).Select(s => s!.Value).ToArray();
        var output = outputSize ?? Enumerable.Range(0, Rank).Select(i => Length(spatial[i], i)).ToArray();
        var outputShape = WithChannels(shape[0], output.Select(size => (long?)size).ToArray()).Select(size => size!.Value).ToArray();

        using var scope = new DisposeScope();

        // The bias goes into libtorch's kernel, which adds it in the same pass as the convolution.
        var convolved = TransposedConvolution.Compute(
            inputs, Kernel!.Value, outputShape, Strides, Ops.Padding.Parse(TfPadding, Rank), Ops.DataFormat.Parse(TfDataFormat, Rank, "dataFormat"), DilationRate, nameof(inputs), "kernel", bias: Bias?.Value);
        return scope.MoveToOuter(Activation.Apply(convolved));
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

    private long[] CheckedOutputSize(long[] outputSize, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(outputSize, parameterName);
        if (outputSize.Length != Rank)
        {
            throw new ArgumentException($"{parameterName} {Tuples.Format(outputSize)} must have {Rank} values, one per spatial dimension.", parameterName);
        }

        return (long[])outputSize.Clone();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Layer {Layer}: kernel size {KernelSize} is not a multiple of strides {Strides} in dimension(s) {Dimensions}; output positions receive unequal numbers of kernel taps, which causes checkerboard artifacts (Odena et al. 2016). Prefer a kernel size divisible by the stride.")]
        public static partial void CheckerboardRisk(ILogger logger, string layer, string kernelSize, string strides, string dimensions);
    }
}

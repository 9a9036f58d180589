// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using LayersFramework.Engine;
using LayersFramework.Ops;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Layers;

/// <summary>
/// The transposed convolution of any rank (Keras's BaseConvTranspose); <see cref="Conv1DTranspose"/>,
/// <see cref="Conv2DTranspose"/> and <see cref="Conv3DTranspose"/> only fix the rank.
/// </summary>
/// <remarks>
/// <para>
/// Kernel: Keras's layout <c>kernelSize + (filters / groups, inChannels)</c>, which is TensorFlow's transposed
/// filter layout, so it goes to <see cref="ConvTransposeOperation"/> (TensorFlow's <c>conv_transpose</c>) unchanged;
/// the operation lays it out in memory for libtorch's kernel on each call (<see cref="WeightMemory"/>). Bias: <c>(filters,)</c>, added in
/// libtorch's kernel. The operation (its padding, data format, strides and dilation) is set up once, at construction.
/// </para>
/// <para>
/// Output length per spatial dimension, with E = (K − 1)·d + 1 (Keras 3's rule, <c>compute_conv_transpose_output_shape</c>
/// in keras/src/backend/common/backend_utils.py): without output padding, "valid" gives (L − 1)·s + max(E, s) and
/// "same" gives L·s; with output padding p, "valid" gives (L − 1)·s + E + p and "same" (L − 1)·s + E mod 2 + p.
/// TensorFlow's SAME rule then places the window for that length, so output padding moves it. A target size given at
/// construction or call replaces the length; it must be one TensorFlow accepts.
/// </para>
/// <para>Beyond Keras: <c>groups</c>, stride together with dilation, and the target output size (U-Net skip connections).</para>
/// </remarks>
public abstract partial class ConvTransposeBase : ConvolutionLayerBase
{
    private readonly ConvTransposeOperation operation;

    /// <summary>Validates and stores the hyper-parameters and sets up the operation; weights come with the first call.</summary>
    /// <param name="arguments">Keras's arguments (the leaves' constructors gather them).</param>
    /// <exception cref="ArgumentException">An argument breaks one of Keras's rules; the message names it, the value and the rule.</exception>
#pragma warning disable CA2208 // The arguments are the leaves' constructor parameters: exceptions name those, as users wrote them.
    protected ConvTransposeBase(ConvTransposeArguments arguments)
        : base((arguments ?? throw new ArgumentNullException(nameof(arguments))).Common)
    {
        OutputPadding = arguments.OutputPadding is { } given ? Positive(given, Rank, "outputPadding", allowZero: true) : null;
        if (OutputPadding is not null)
        {
            var bad = Enumerable.Range(0, Rank).FirstOrDefault(i => OutputPadding[i] >= Strides[i], -1);
            if (bad >= 0)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"outputPadding must be strictly less than strides for all dimensions. At dimension {bad}, received outputPadding={Tuples.Format(OutputPadding)} and strides={Tuples.Format(Strides)}."),
                    "outputPadding");
            }
        }

        // TensorFlow's SAME rule rejects every length (L − 1)·s, which "same" gives for an even dilated kernel and
        // output padding 0: refuse it here, as Keras's TensorFlow backends do when called, rather than at call time.
        if (SamePadding && OutputPadding is not null)
        {
            var trap = Enumerable.Range(0, Rank).FirstOrDefault(i => OutputPadding[i] == 0 && Effective(i) % 2 == 0, -1);
            if (trap >= 0)
            {
                throw new ArgumentException(
                    $"padding 'same' with outputPadding 0 and an even dilated kernel size ({Effective(trap)} in dimension {trap}) gives length (L - 1) * stride, which TensorFlow's SAME rule rejects; give outputPadding null or 1 or more.",
                    "outputPadding");
            }
        }

        OutputSize = arguments.OutputSize is null ? null : CheckedOutputSize(arguments.OutputSize, "outputSize");
        operation = new ConvTransposeOperation(Rank, Strides, TfPadding, TfDataFormat, DilationRate);
        WarnAboutCheckerboard();
    }
#pragma warning restore CA2208

    /// <summary>Gets the output padding per dimension, or null.</summary>
    public int[]? OutputPadding { get; }

    /// <summary>Gets the target spatial output size given at construction, or null.</summary>
    public long[]? OutputSize { get; }

    /// <summary>Applies the layer in inference mode with a target spatial output size (the U-Net case), which must be one TensorFlow accepts.</summary>
    /// <param name="inputs">The input.</param>
    /// <param name="outputSize">One size per spatial dimension; null for the size the layer computes, as <see cref="Layer.Call(Tensor)"/> gives.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentException">A size does not fit the input; the message gives the valid range.</exception>
    /// <exception cref="ObjectDisposedException">The layer is disposed.</exception>
    public Tensor Call(Tensor inputs, long[]? outputSize)
    {
        if (outputSize is null)
        {
            return Call(inputs); // null: the size the layer computes, as without the argument
        }

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
    /// <c>groups</c> and <c>output_size</c>) into the constructor's arguments; the leaves' <c>FromConfig</c> pass them on.
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
            OutputSize: reader.Values.OptionalWholeNumbers("output_size"));
        reader.EnsureNoOtherKeys();
        return arguments;
    }

    /// <inheritdoc/>
    private protected override long[] KernelShape(long inChannels) => [.. KernelSize.Select(k => (long)k), Filters / Groups, inChannels];

    /// <inheritdoc/>
    private protected override long KernelInChannels() => Kernel!.Shape[^1];

    /// <inheritdoc/>
    protected override Tensor ComputeOutput(Tensor inputs, bool training) => Compute(inputs, OutputSize);

    private Tensor Compute(Tensor inputs, long[]? outputSize)
    {
        CheckInput(inputs);
        var shape = inputs.shape;
        var spatial = SpatialOf(shape);
        var output = outputSize ?? Enumerable.Range(0, Rank).Select(i => Length(spatial[i], i)).ToArray();

        using var scope = torch.NewDisposeScope();
        var convolved = operation.Apply(inputs, Kernel!.Value, WithChannels(shape[0], output), Bias?.Value, nameof(inputs), "kernel");
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

    /// <summary>Keras 3's output length for dimension <paramref name="i"/> (see the remarks of the class).</summary>
    private long Length(long input, int i)
    {
        long stride = Strides[i];
        long effective = Effective(i);
        return (SamePadding, OutputPadding?[i]) switch
        {
            (false, null) => ((input - 1) * stride) + Math.Max(effective, stride),
            (true, null) => input * stride,
            (false, int extra) => ((input - 1) * stride) + effective + extra,
            (true, int extra) => ((input - 1) * stride) + (effective % 2) + extra,
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

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using LayersFramework.Engine;
using static TorchSharp.torch;

namespace LayersFramework.Ops;

/// <summary>
/// A transposed convolution whose arguments were validated and parsed once (a layer makes one when it is built or
/// constructed); each <see cref="Apply"/> then checks only the tensors and the output shape, exactly as
/// <see cref="Nn.ConvTranspose(Tensor, Tensor, long[], int[], string, string?, int[])"/> does.
/// </summary>
/// <remarks>
/// The computation is <see cref="Nn.ConvTranspose(Tensor, Tensor, long[], int[], string, string?, int[])"/>'s: TensorFlow's
/// placement of the output, its output-size rules, the path chosen per shape by <see cref="TransposedConvolutionTuning"/>,
/// and integer and half-precision inputs computed widened and returned in their own dtype. Unlike TensorFlow's op it
/// takes a bias, which libtorch's kernel adds in the same pass when that path runs.
/// </remarks>
/// <example>
/// <code>
/// // A 2x up-sampling, NHWC, made once and applied to every batch.
/// var upsample = new ConvTransposeOperation(rank: 2, strides: [2, 2], padding: "same");
/// using var y = upsample.Apply(x /* (8, 16, 16, 64) */, kernel /* (4, 4, 32, 64) */, outputShape: [8, 32, 32, 32], bias: bias /* (32,) */);
/// </code>
/// </example>
public sealed class ConvTransposeOperation
{
    private readonly DataFormat format;
    private readonly Padding padding;
    private readonly long[] stride;
    private readonly long[] dilation;

    /// <summary>Initializes a new instance of the <see cref="ConvTransposeOperation"/> class, validating every argument.</summary>
    /// <param name="rank">The number of spatial dimensions: 1, 2 or 3.</param>
    /// <param name="strides">The spatial strides: <paramref name="rank"/> values of 1 or more (as in <see cref="Nn"/>'s ops, 1 value for all dimensions, or <paramref name="rank"/> + 2 in the data format's order with batch and channel entries 1, are accepted too).</param>
    /// <param name="padding">"SAME" or "VALID", in any case.</param>
    /// <param name="dataFormat">"NWC"/"NCW", "NHWC"/"NCHW" or "NDHWC"/"NCDHW" for the rank; null for channels last.</param>
    /// <param name="dilations">The spatial dilations, in the same forms as <paramref name="strides"/>; null for 1 in every dimension.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rank"/> is not 1, 2 or 3, or a stride or dilation is less than 1.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="strides"/> or <paramref name="padding"/> is null.</exception>
    /// <exception cref="ArgumentException">An argument has the wrong length or an unknown value; the message names it, the value and what would be valid.</exception>
    public ConvTransposeOperation(int rank, int[] strides, string padding, string? dataFormat = null, int[]? dilations = null)
    {
        if (rank is < 1 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(rank), rank, string.Create(CultureInfo.InvariantCulture, $"rank {rank} is not a transposed convolution's: it must be 1, 2 or 3."));
        }

        ArgumentNullException.ThrowIfNull(strides);
        ArgumentNullException.ThrowIfNull(padding);
        Rank = rank;
        format = DataFormat.Parse(dataFormat, rank, nameof(dataFormat));
        var upper = padding.ToUpperInvariant();
        this.padding = upper is "SAME" or "VALID" ? Padding.Parse(upper, rank) : Padding.Parse(padding, rank);
        stride = WindowArguments.Spatial(strides, format, nameof(strides));
        dilation = WindowArguments.Spatial(dilations, format, nameof(dilations));
    }

    /// <summary>Gets the number of spatial dimensions.</summary>
    public int Rank { get; }

    /// <summary>Computes the transposed convolution of <paramref name="input"/>.</summary>
    /// <param name="input"><see cref="Rank"/> + 2 dimensions in the data format: (batch, spatial..., in_channels) or (batch, in_channels, spatial...).</param>
    /// <param name="filters">TensorFlow's layout: (spatial..., out_channels, in_channels), of the input's dtype; for a grouped transpose, out_channels per group.</param>
    /// <param name="outputShape">The full output shape, <see cref="Rank"/> + 2 values in the data format's order; for stride &gt; 1 several sizes fit an input, and each is accepted.</param>
    /// <param name="bias">One value per output channel, (out_channels,), or null for none.</param>
    /// <param name="inputName">The input's name in messages, such as a layer's "inputs".</param>
    /// <param name="filtersName">The filters' name in messages, such as a layer's "kernel".</param>
    /// <returns>The output, of <paramref name="outputShape"/> and the input's dtype, dense in the data format.</returns>
    /// <exception cref="ArgumentException">A tensor or the output shape breaks one of TensorFlow's rules, or the bias has the wrong shape; the message names it.</exception>
    public Tensor Apply(Tensor input, Tensor filters, long[] outputShape, Tensor? bias = null, string inputName = "input", string filtersName = "filters")
    {
        ArgumentNullException.ThrowIfNull(outputShape);
        if (outputShape.Length != Rank + 2)
        {
            throw new ArgumentException(
                $"outputShape {Tuples.Format(outputShape)} has {outputShape.Length} values; a {Rank}-D transposed convolution takes {Rank + 2} values in {format.Name} order.", nameof(outputShape));
        }

        return TransposedConvolution.Compute(input, filters, outputShape, stride, dilation, padding, format, inputName, filtersName, bias);
    }
}

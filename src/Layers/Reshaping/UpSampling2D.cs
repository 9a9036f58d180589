// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using System.Text.Json.Nodes;
using LayersFramework.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Layers;

/// <summary>
/// Keras's <c>UpSampling2D</c>: repeats rows and columns (<c>"nearest"</c>) or interpolates them (<c>"bilinear"</c>,
/// as <c>tf.image.resize</c> with half-pixel centres: source coordinate <c>(o + 0.5) / size − 0.5</c>, clamped at
/// the edges). No weights.
/// </summary>
/// <remarks>
/// Bilinear resizing is computed as two small interpolation matrices, <c>A_h · x · A_wᵀ</c>, so autograd
/// differentiates it through matrix products.
/// </remarks>
public sealed class UpSampling2D : Layer
{
    private readonly bool channelsFirst;
    private readonly bool bilinear;

    /// <summary>Validates and stores Keras's arguments.</summary>
    /// <param name="size">The factors for rows and columns, each 1 or more; 2 unless given.</param>
    /// <param name="dataFormat">"channels_last" (the default) or "channels_first".</param>
    /// <param name="interpolation">"nearest" (the default) or "bilinear".</param>
    /// <param name="name">The layer's name; unique from the class name unless given.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the message names it.</exception>
    public UpSampling2D(IntTuple? size = null, string? dataFormat = null, string? interpolation = "nearest", string? name = null)
        : base(name, trainable: true, activityRegularizer: null)
    {
        var factors = (size ?? 2).Expand(2);
        if (factors is null || factors.Any(f => f < 1))
        {
            throw new ArgumentException($"The size argument must be a tuple of 2 integers of 1 or more. Received size={size}.", nameof(size));
        }

        Size = factors;
        DataFormat = (dataFormat ?? "channels_last").ToLowerInvariant();
        if (DataFormat is not ("channels_last" or "channels_first"))
        {
            throw new ArgumentException($"dataFormat '{dataFormat}' is not 'channels_last' or 'channels_first'.", nameof(dataFormat));
        }

        Interpolation = (interpolation ?? "nearest").ToLowerInvariant(); // null: the default
        if (Interpolation is not ("nearest" or "bilinear"))
        {
            throw new ArgumentException($"interpolation '{interpolation}' is not 'nearest' or 'bilinear'.", nameof(interpolation));
        }

        channelsFirst = DataFormat == "channels_first";
        bilinear = Interpolation == "bilinear";
    }

    /// <summary>Gets the row and column factors.</summary>
    public int[] Size { get; }

    /// <summary>Gets "channels_last" or "channels_first".</summary>
    public string DataFormat { get; }

    /// <summary>Gets "nearest" or "bilinear".</summary>
    public string Interpolation { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The config.</param>
    /// <param name="catalog">Unused: the layer names no components.</param>
    /// <returns>The layer.</returns>
    public static UpSampling2D FromConfig(JsonObject? config, ComponentCatalog? catalog = null)
    {
        var reader = new LayerConfigReader(config, nameof(UpSampling2D), catalog);
        var format = reader.Values.Node("data_format") is null ? null : reader.Values.Text("data_format", "channels_last");
        var layer = new UpSampling2D(IntTuple.FromArray(reader.Values.Ints("size", [2, 2])), format, reader.Values.Text("interpolation", "nearest"), reader.Name)
        {
            Trainable = reader.Trainable,
        };
        reader.EnsureNoOtherKeys();
        return layer;
    }

    /// <inheritdoc/>
    public override long?[] ComputeOutputShape(long?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        CheckRank(inputShape.Length, nameof(inputShape));
        var (h, w) = channelsFirst ? (2, 3) : (1, 2);
        var output = (long?[])inputShape.Clone();
        output[h] = inputShape[h] * Size[0];
        output[w] = inputShape[w] * Size[1];
        return output;
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["size"] = new JsonArray(Size[0], Size[1]);
        config["data_format"] = DataFormat;
        config["interpolation"] = Interpolation;
        return config;
    }

    /// <inheritdoc/>
    protected override Tensor ComputeOutput(Tensor inputs, bool training)
    {
        CheckRank((int)inputs.dim(), nameof(inputs));
        using var scope = torch.NewDisposeScope();
        var nchw = channelsFirst ? inputs : inputs.permute(0, 3, 1, 2);
        var (n, c, h, w) = (nchw.shape[0], nchw.shape[1], nchw.shape[2], nchw.shape[3]);

        // The output grows with the size factors, which come from a config: refuse it before allocating.
        MemoryBudget.Check([n, c, h, Size[0], w, Size[1]], inputs.dtype, $"Layer {Name}'s output", nameof(inputs));
        if (bilinear)
        {
            MemoryBudget.Check([h, Size[0], h], ScalarType.Float64, $"Layer {Name}'s interpolation matrix", nameof(inputs));
            MemoryBudget.Check([w, Size[1], w], ScalarType.Float64, $"Layer {Name}'s interpolation matrix", nameof(inputs));
        }

        Tensor resized;
        if (!bilinear)
        {
            resized = nchw.reshape(n, c, h, 1, w, 1).expand(n, c, h, Size[0], w, Size[1]).reshape(n, c, h * Size[0], w * Size[1]);
        }
        else
        {
            var rows = InterpolationMatrix(h, Size[0], inputs.dtype, inputs.device);
            var columns = InterpolationMatrix(w, Size[1], inputs.dtype, inputs.device);
            resized = rows.matmul(nchw).matmul(columns.transpose(0, 1));
        }

        var result = channelsFirst ? resized : resized.permute(0, 2, 3, 1).contiguous();
        return scope.MoveToOuter(result);
    }

    /// <summary>The (length · factor) × length matrix of half-pixel bilinear interpolation along one axis.</summary>
    private static Tensor InterpolationMatrix(long length, int factor, ScalarType dtype, Device device)
    {
        var outputs = length * factor;
        var weights = new double[outputs * length];
        for (long o = 0; o < outputs; o++)
        {
            var source = Math.Clamp(((o + 0.5) / factor) - 0.5, 0, length - 1);
            var low = (long)Math.Floor(source);
            var high = Math.Min(low + 1, length - 1);
            var fraction = source - low;
            weights[(o * length) + low] += 1 - fraction;
            weights[(o * length) + high] += fraction;
        }

        using var matrix = torch.tensor(weights, [outputs, length]);
        return matrix.to(dtype, device);
    }

    private void CheckRank(int rank, string parameterName)
    {
        if (rank != 4)
        {
            throw new ArgumentException($"Layer {Name} expects inputs of rank 4 ({(channelsFirst ? "NCHW" : "NHWC")}); received rank {rank}.", parameterName);
        }
    }
}

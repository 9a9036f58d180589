// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using static TorchSharp.torch;

namespace LayersFramework.Ops;

/// <summary>
/// A TensorFlow data format for N spatial dimensions: channels last (NWC, NHWC, NDHWC) or channels first
/// (NCW, NCHW, NCDHW). Knows where the channel and spatial axes are and converts to and from libtorch's
/// channels-first order with views (no copies).
/// </summary>
internal sealed class DataFormat
{
    private static readonly string[][] Names =
    [
        ["NWC", "NCW"],
        ["NHWC", "NCHW"],
        ["NDHWC", "NCDHW"],
    ];

    private DataFormat(string name, int spatialRank, bool channelsFirst)
    {
        Name = name;
        SpatialRank = spatialRank;
        ChannelsFirst = channelsFirst;
    }

    /// <summary>Gets the format's name, such as "NHWC".</summary>
    public string Name { get; }

    /// <summary>Gets the number of spatial dimensions, N.</summary>
    public int SpatialRank { get; }

    /// <summary>Gets a value indicating whether channels come right after the batch.</summary>
    public bool ChannelsFirst { get; }

    /// <summary>Gets the axis of the channels in a tensor of this format.</summary>
    public int ChannelAxis => ChannelsFirst ? 1 : SpatialRank + 1;

    /// <summary>Gets TensorFlow's default format for N spatial dimensions (channels last).</summary>
    public static DataFormat Default(int spatialRank) => new(Names[spatialRank - 1][0], spatialRank, channelsFirst: false);

    /// <summary>Parses a format name for N spatial dimensions; null means TensorFlow's default (channels last).</summary>
    public static DataFormat Parse(string? name, int spatialRank, string parameterName)
    {
        var allowed = Names[spatialRank - 1];
        if (name is null)
        {
            return Default(spatialRank);
        }

        var index = Array.IndexOf(allowed, name);
        if (index < 0)
        {
            var hint = allowed.FirstOrDefault(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase)) is { } match
                ? $" Formats are upper case: did you mean '{match}'?"
                : string.Empty;
            throw new ArgumentException(
                $"{parameterName} '{name}' is not a {spatialRank}-D data format; expected '{allowed[0]}' (channels last) or '{allowed[1]}' (channels first).{hint}",
                parameterName);
        }

        return new DataFormat(name, spatialRank, channelsFirst: index == 1);
    }

    /// <summary>The axis of spatial dimension <paramref name="i"/> (0-based) in a tensor of this format.</summary>
    public int SpatialAxis(int i) => ChannelsFirst ? i + 2 : i + 1;

    /// <summary>Reads the spatial sizes of a shape in this format.</summary>
    public long[] Spatial(long[] shape) => Enumerable.Range(0, SpatialRank).Select(i => shape[SpatialAxis(i)]).ToArray();

    /// <summary>Builds a full shape in this format from batch, channels and spatial sizes.</summary>
    public long[] Shape(long batch, long channels, long[] spatial) =>
        ChannelsFirst ? [batch, channels, .. spatial] : [batch, .. spatial, channels];

    /// <summary>A channels-first view of a tensor in this format (an alias when already channels first).</summary>
    public Tensor ToChannelsFirst(Tensor x) =>
        ChannelsFirst ? x.alias() : x.permute([0, SpatialRank + 1, .. Enumerable.Range(1, SpatialRank).Select(i => (long)i)]);

    /// <summary>A view in this format of a channels-first tensor (an alias when this format is channels first).</summary>
    public Tensor FromChannelsFirst(Tensor x) =>
        ChannelsFirst ? x.alias() : x.permute([0, .. Enumerable.Range(2, SpatialRank).Select(i => (long)i), 1]);

    /// <summary>
    /// A dense tensor in this format holding a channels-first result. A result may lie in memory in the other
    /// order (libtorch chooses its convolutions' output memory format, and TensorFlow's crop leaves a strided view), so
    /// it is rearranged once here (no copy when its view in this format is already dense), as TensorFlow's results are.
    /// </summary>
    public Tensor DenseFromChannelsFirst(Tensor x)
    {
        var view = FromChannelsFirst(x);
        if (view.is_contiguous())
        {
            return view;
        }

        using (view)
        {
            return view.contiguous();
        }
    }

    /// <summary>The name of spatial dimension <paramref name="i"/> for messages: width, height, depth.</summary>
    public string DimensionName(int i) => SpatialRank switch
    {
        1 => "width",
        2 => i == 0 ? "height" : "width",
        _ => i switch { 0 => "depth", 1 => "height", _ => "width" },
    };
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using System.Linq;

namespace LayersFramework.Ops;

/// <summary>A validated padding argument: SAME, VALID, or explicit (before, after) amounts per spatial dimension.</summary>
internal sealed class Padding
{
    private Padding(PaddingKind kind, long[] before, long[] after)
    {
        Kind = kind;
        Before = before;
        After = after;
    }

    /// <summary>Gets the kind.</summary>
    public PaddingKind Kind { get; }

    /// <summary>Gets the explicit amounts before each spatial dimension (zeros unless explicit).</summary>
    public long[] Before { get; }

    /// <summary>Gets the explicit amounts after each spatial dimension (zeros unless explicit).</summary>
    public long[] After { get; }

    /// <summary>Gets the text for messages: 'SAME', 'VALID' or the pairs.</summary>
    public string Description => Kind switch
    {
        PaddingKind.Same => "'SAME'",
        PaddingKind.Valid => "'VALID'",
        _ => "explicit " + string.Join(", ", Before.Zip(After, (b, a) => string.Create(CultureInfo.InvariantCulture, $"[{b}, {a}]"))),
    };

    /// <summary>Parses TensorFlow's padding strings, exactly "SAME" or "VALID".</summary>
    public static Padding Parse(string padding, int spatialRank, string parameterName = "padding")
    {
        var zeros = new long[spatialRank];
        switch (padding)
        {
            case "SAME":
                return new Padding(PaddingKind.Same, zeros, zeros);
            case "VALID":
                return new Padding(PaddingKind.Valid, zeros, zeros);
            case "EXPLICIT":
                throw new ArgumentException(
                    $"{parameterName} 'EXPLICIT' is not a valid value; to pad explicitly, pass the amounts as a list of [before, after] pairs.",
                    parameterName);
            default:
                var hint = padding is not null && (padding.Equals("SAME", StringComparison.OrdinalIgnoreCase) || padding.Equals("VALID", StringComparison.OrdinalIgnoreCase))
                    ? $" TensorFlow's padding names are upper case: did you mean '{padding.ToUpperInvariant()}'?"
                    : string.Empty;
                throw new ArgumentException($"{parameterName} '{padding}' is not 'SAME' or 'VALID', nor a list of [before, after] pairs.{hint}", parameterName);
        }
    }

    /// <summary>
    /// Validates explicit padding as <c>tf.nn.conv2d_transpose</c> takes it: N + 2 [before, after] pairs in the
    /// data format's order whose batch and channel pairs are [0, 0], or (beyond TensorFlow) just the N spatial pairs.
    /// </summary>
    public static Padding Explicit(long[][] pairs, DataFormat format, string parameterName = "padding")
    {
        ArgumentNullException.ThrowIfNull(pairs, parameterName);
        var rank = format.SpatialRank;
        if (pairs.Length != rank + 2 && pairs.Length != rank)
        {
            throw new ArgumentException(
                $"{parameterName} has {pairs.Length} [before, after] pairs; a {rank}-D convolution takes {rank + 2} (one per dimension of {format.Name}) or {rank} (spatial only).",
                parameterName);
        }

        for (var i = 0; i < pairs.Length; i++)
        {
            if (pairs[i] is not { Length: 2 })
            {
                throw new ArgumentException(
                    $"Element {i} of {parameterName} is {FormatPair(pairs[i])}; each element must be a [before, after] pair.", parameterName);
            }

            if (pairs[i][0] < 0 || pairs[i][1] < 0)
            {
                throw new ArgumentOutOfRangeException(
                    parameterName, FormatPair(pairs[i]), $"Element {i} of {parameterName} is negative; padding amounts must be 0 or more.");
            }
        }

        var spatial = pairs.Length == rank ? pairs : Enumerable.Range(0, rank).Select(i => pairs[format.SpatialAxis(i)]).ToArray();
        if (pairs.Length == rank + 2)
        {
            foreach (var axis in new[] { 0, format.ChannelAxis })
            {
                if (pairs[axis][0] != 0 || pairs[axis][1] != 0)
                {
                    throw new ArgumentException(
                        $"{parameterName} pads the {(axis == 0 ? "batch" : "channel")} dimension (element {axis}: {FormatPair(pairs[axis])}); only spatial dimensions can be padded, so it must be [0, 0].",
                        parameterName);
                }
            }
        }

        return new Padding(PaddingKind.Explicit, spatial.Select(p => p[0]).ToArray(), spatial.Select(p => p[1]).ToArray());
    }

    private static string FormatPair(long[]? pair) =>
        pair is null ? "null" : "[" + string.Join(", ", pair.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";
}

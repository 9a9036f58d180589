// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using LayersFramework.Engine;

namespace LayersFramework.Ops;

/// <summary>Normalises <c>strides</c> and <c>dilations</c> as TensorFlow's <c>_get_sequence</c> does, with its kernel checks.</summary>
internal static class WindowArguments
{
    /// <summary>
    /// Returns the N spatial values of a strides or dilations argument given as null (all ones), one value,
    /// N values, or N + 2 values in the data format's order whose batch and channel entries must be 1.
    /// Every spatial value must be at least 1.
    /// </summary>
    public static long[] Spatial(int[]? values, DataFormat format, string parameterName)
    {
        var rank = format.SpatialRank;
        if (values is null)
        {
            return Enumerable.Repeat(1L, rank).ToArray();
        }

        long[] spatial;
        if (values.Length == 1)
        {
            spatial = Enumerable.Repeat((long)values[0], rank).ToArray();
        }
        else if (values.Length == rank)
        {
            spatial = values.Select(v => (long)v).ToArray();
        }
        else if (values.Length == rank + 2)
        {
            foreach (var axis in new[] { 0, format.ChannelAxis })
            {
                if (values[axis] != 1)
                {
                    throw new ArgumentException(
                        $"{parameterName} {Tuples.Format(values)} has {values[axis]} for the {(axis == 0 ? "batch" : "channel")} dimension (index {axis} in {format.Name}); " +
                        "only spatial dimensions can have a value other than 1.",
                        parameterName);
                }
            }

            spatial = Enumerable.Range(0, rank).Select(i => (long)values[format.SpatialAxis(i)]).ToArray();
        }
        else
        {
            throw new ArgumentException(
                $"{parameterName} {Tuples.Format(values)} has {values.Length} values; expected 1, {rank} or {rank + 2} for a {rank}-D convolution.",
                parameterName);
        }

        var bad = Array.FindIndex(spatial, v => v < 1);
        if (bad >= 0)
        {
            throw new ArgumentOutOfRangeException(
                parameterName, Tuples.Format(values), $"{parameterName} must be 1 or more in every spatial dimension; the {format.DimensionName(bad)} has {spatial[bad]}.");
        }

        return spatial;
    }
}

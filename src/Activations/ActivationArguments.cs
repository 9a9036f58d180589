// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using System.Linq;
using LayersFramework.Torch;

namespace LayersFramework.Activations;

/// <summary>The argument checks the activations share, so that each rule has one message.</summary>
internal static class ActivationArguments
{
    /// <summary>Returns <paramref name="value"/> if it is finite.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    public static double Finite(double value, string parameterName, string kerasName) =>
        double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(parameterName, value, $"{kerasName} must be a finite number.");

    /// <summary>Returns <paramref name="value"/> if it is finite and not negative.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN, infinite or negative.</exception>
    public static double FiniteNonNegative(double value, string parameterName, string kerasName, string reason) =>
        double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(parameterName, value, $"{kerasName} must be a finite number ≥ 0: {reason}.");

    /// <summary>Returns <paramref name="value"/> if it is not NaN (infinities are allowed).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN.</exception>
    public static double NotNaN(double value, string parameterName, string kerasName) =>
        double.IsNaN(value)
            ? throw new ArgumentOutOfRangeException(parameterName, value, $"{kerasName} must be a number, not NaN.")
            : value;

    /// <summary>Turns a possibly negative axis into a dimension index of <paramref name="x"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is 0-D or has no such axis (ParamName "x").</exception>
    public static int NormalizeAxis(Tensor x, int axis, string activation)
    {
        var rank = x.Rank;
        if (axis < -rank || axis >= rank || rank == 0)
        {
            var shape = "(" + string.Join(", ", x.Shape.Select(size => size.ToString(CultureInfo.InvariantCulture))) + ")";
            var range = rank == 0 ? "a 0-D tensor has no axes" : string.Create(CultureInfo.InvariantCulture, $"valid axes are {-rank}..{rank - 1}");
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{activation} applies along axis {axis}, but the input has shape {shape}: {range}."),
                nameof(x));
        }

        return axis < 0 ? axis + rank : axis;
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using LayersFramework.Engine;
using static TorchSharp.torch;

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
        var rank = (int)x.dim();
        if (axis < -rank || axis >= rank || rank == 0)
        {
            var shape = Tuples.Format(x.shape);
            var range = rank == 0 ? "a 0-D tensor has no axes" : string.Create(CultureInfo.InvariantCulture, $"valid axes are {-rank}..{rank - 1}");
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{activation} applies along axis {axis}, but the input has shape {shape}: {range}."),
                nameof(x));
        }

        return axis < 0 ? axis + rank : axis;
    }

    /// <summary>
    /// x where <paramref name="condition"/> holds and <paramref name="otherwise"/> elsewhere, as libtorch's
    /// <c>where(condition, x, Scalar)</c>, which TorchSharp does not bind: the value is a 0-D float64 tensor, which
    /// type promotion treats as a dimensionless operand, so a floating-point x keeps its dtype. Differentiable in x.
    /// </summary>
    /// <remarks>The 0-D tensor belongs to the caller's dispose scope; call this inside one.</remarks>
    public static Tensor Where(Tensor condition, Tensor x, double otherwise) =>
        where(condition, x, tensor(otherwise, device: x.device));
}

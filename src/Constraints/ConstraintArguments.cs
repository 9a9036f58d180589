// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;

namespace LayersFramework.Constraints;

/// <summary>The constants and argument checks the constraints share, each with one message.</summary>
internal static class ConstraintArguments
{
    /// <summary>Keras's <c>backend.epsilon()</c>, added to every norm before dividing by it.</summary>
    public const double Epsilon = 1e-7;

    /// <summary>Checks that a norm bound is a finite number, 0 or more.</summary>
    /// <param name="value">The bound.</param>
    /// <param name="className">The constraint, for the message.</param>
    /// <param name="parameterName">The argument it came from.</param>
    /// <exception cref="ArgumentOutOfRangeException">The bound is negative, infinite or NaN.</exception>
    public static void CheckNorm(double value, string className, string parameterName)
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(
                parameterName, value, $"{className}'s {parameterName} is a norm, so it must be a finite number, 0 or more; got {Format(value)}.");
        }
    }

    /// <summary>Formats a number for messages: round-trip precision, invariant culture.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The text.</returns>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

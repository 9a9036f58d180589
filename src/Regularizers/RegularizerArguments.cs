// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace LayersFramework.Regularizers;

/// <summary>The argument checks the regularizers share, each with one message.</summary>
internal static class RegularizerArguments
{
    /// <summary>
    /// Keras 3's <c>validate_float_arg</c>: a penalty factor must be a finite number, 0 or more (tf-keras also
    /// accepted negative factors).
    /// </summary>
    /// <param name="value">The factor.</param>
    /// <param name="parameterName">The argument it came from.</param>
    /// <returns>The factor.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The factor is negative, infinite or NaN.</exception>
    public static double CheckFactor(double value, [CallerArgumentExpression(nameof(value))] string parameterName = "")
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                value,
                $"Invalid value for argument {parameterName}: expected a non-negative float. Received: {parameterName}={Format(value)}.");
        }

        return value;
    }

    /// <summary>Formats a number for messages: round-trip precision, invariant culture.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The text.</returns>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

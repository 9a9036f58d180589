// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LayersFramework.Layers;

/// <summary>
/// Where layers write their warnings (for example the checkerboard warning of a transposed convolution). Nothing
/// is written unless an application sets <see cref="LoggerFactory"/> (the dependency-injection entry point does).
/// </summary>
public static class LayersFrameworkLogging
{
    private static ILoggerFactory loggerFactory = NullLoggerFactory.Instance;

    /// <summary>Gets or sets the factory of the loggers layers write to; no logging unless set.</summary>
    public static ILoggerFactory LoggerFactory
    {
        get => loggerFactory;
        set => loggerFactory = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>A logger for a layer type.</summary>
    internal static ILogger For(Type type) => loggerFactory.CreateLogger(type.FullName ?? type.Name);
}

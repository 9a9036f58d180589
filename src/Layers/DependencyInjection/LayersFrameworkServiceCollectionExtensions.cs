// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Layers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LayersFramework.DependencyInjection;

/// <summary>The dependency-injection entry point: <c>services.AddLayersFramework(...)</c>.</summary>
public static class LayersFrameworkServiceCollectionExtensions
{
    /// <summary>
    /// Registers LayersFramework's <see cref="ComponentCatalog"/> (a singleton: the built-ins plus the application's
    /// own components) and its <see cref="LayersFrameworkOptions"/>. Calling it again, from the application or from a
    /// library that brings components of its own, adds those components to the same catalog and registers nothing
    /// twice.
    /// </summary>
    /// <remarks>
    /// When the container has an <see cref="ILoggerFactory"/>, resolving the catalog points
    /// <see cref="LayersFrameworkLogging.LoggerFactory"/> at it, so that layers' warnings reach the application's logs.
    /// </remarks>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adds the application's own components; optional.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddLayersFramework(this IServiceCollection services, Action<LayersFrameworkOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<LayersFrameworkOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(CreateCatalog);
        return services;
    }

    private static ComponentCatalog CreateCatalog(IServiceProvider provider)
    {
        if (provider.GetService<ILoggerFactory>() is { } loggerFactory)
        {
            LayersFrameworkLogging.LoggerFactory = loggerFactory;
        }

        return new ComponentCatalog(provider.GetRequiredService<IOptions<LayersFrameworkOptions>>().Value);
    }
}

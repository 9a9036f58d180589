// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Activations;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Layers;

/// <summary>Registrations particular to one family.</summary>
public static class LayersFrameworkOptionsExtensions
{
    /// <summary>
    /// Adds a function as an activation under <paramref name="name"/> and "<paramref name="package"/>&gt;<paramref name="name"/>",
    /// as Keras's <c>register_keras_serializable</c> does for a function.
    /// </summary>
    /// <param name="activations">The activation registrations.</param>
    /// <param name="name">The name, such as "cube"; a layer given <c>new DelegateActivation(name, function)</c> serializes under it.</param>
    /// <param name="function">The function; it must return a new tensor and should be differentiable.</param>
    /// <param name="package">The package part of the registered name; "Custom" unless given.</param>
    /// <returns>The registrations, for chaining.</returns>
    public static ComponentRegistrations<IActivation> AddFunction(
        this ComponentRegistrations<IActivation> activations, string name, Func<Tensor, Tensor> function, string? package = ComponentNames.DefaultPackage)
    {
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(function);
        return activations.Add(registry => registry.RegisterFunction(name, function, package));
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>
/// The base of the built-in activations and of <see cref="DelegateActivation"/>: checks the argument, leaves the
/// computation to <see cref="Compute"/>, and formats the activation with its options.
/// </summary>
/// <remarks>
/// Activations hold no state besides their options, which are validated by the constructor and never change, so an
/// instance can be shared between layers and threads.
/// </remarks>
/// <example>
/// <code>
/// public sealed class Cube : ActivationFunction
/// {
///     public override string Name => "cube";
///     protected override Tensor Compute(Tensor x) => x.pow(3);
/// }
/// </code>
/// </example>
public abstract class ActivationFunction : IActivation
{
    /// <summary>Initializes a new instance of the <see cref="ActivationFunction"/> class.</summary>
    protected ActivationFunction()
    {
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public Tensor Apply(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Compute(x);
    }

    /// <summary>Returns the options as Keras names them; an empty object for an activation that takes none.</summary>
    /// <returns>A new config object.</returns>
    public virtual JsonObject GetConfig() => [];

    /// <summary>Returns the name, followed by the options when there are any, such as <c>relu(negative_slope=0, max_value=6, threshold=0)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var config = GetConfig();
        if (config.Count == 0)
        {
            return Name;
        }

        var options = config.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}={pair.Value?.ToJsonString() ?? "null"}"));
        return $"{Name}({string.Join(", ", options)})";
    }

    /// <summary>Computes the activation of a non-null input.</summary>
    /// <param name="x">The input; it must not be modified.</param>
    /// <returns>A new tensor the caller owns (never <paramref name="x"/> itself: return an alias for the identity).</returns>
    protected abstract Tensor Compute(Tensor x);
}

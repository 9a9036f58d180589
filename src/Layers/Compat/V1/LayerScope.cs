// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LayersFramework.Engine;
using static TorchSharp.torch;

namespace LayersFramework.Layers.Compat.V1;

/// <summary>
/// TensorFlow 1's functional layers (<c>tf.compat.v1.layers.conv2d_transpose</c>) with their variable-scope rules: a
/// call builds a layer on first use and applies it; calling again with the same <c>name</c> and <c>reuse: true</c>
/// applies the same layer (shared weights); the same name without reuse is an error, as is reuse of a name that does
/// not exist, as <c>tf.compat.v1.variable_scope</c>'s <c>get_variable</c> refuses them
/// (tensorflow/python/ops/variable_scope.py). The scope owns its layers and frees them when disposed.
/// </summary>
/// <example>
/// <code>
/// using var scope = new LayerScope();
/// var a = scope.Conv2DTranspose(x, filters: 8, kernelSize: 3, strides: 2, padding: "same", name: "up");
/// var b = scope.Conv2DTranspose(y, filters: 8, kernelSize: 3, strides: 2, padding: "same", name: "up", reuse: true); // same weights
/// </code>
/// </example>
public sealed class LayerScope : IDisposable
{
    private readonly Dictionary<string, Layer> layers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> defaultNameCounts = new(StringComparer.Ordinal);

    /// <summary>Gets the layers made in this scope, by name.</summary>
    public IReadOnlyDictionary<string, Layer> Layers => layers;

    /// <summary>
    /// Gets the regularization losses of every layer in the scope (TensorFlow 1's REGULARIZATION_LOSSES collection),
    /// computed anew; the caller owns them. As in TensorFlow 1, nothing adds them to a training loss automatically.
    /// </summary>
    public IReadOnlyList<Tensor> RegularizationLosses => layers.Values.SelectMany(layer => layer.Losses).ToList();

    /// <summary><c>tf.compat.v1.layers.conv2d_transpose</c>: builds (or, with <paramref name="reuse"/>, finds) the layer and applies it.</summary>
    /// <param name="inputs">The input, (batch, height, width, channels) or channels first.</param>
    /// <param name="filters">The number of output channels.</param>
    /// <param name="kernelSize">The kernel size.</param>
    /// <param name="strides">The strides; 1 unless given.</param>
    /// <param name="padding">"valid" (the default) or "same".</param>
    /// <param name="dataFormat">"channels_last" (TensorFlow 1's default here) or "channels_first".</param>
    /// <param name="activation">The activation; none unless given.</param>
    /// <param name="useBias">Whether to add a bias.</param>
    /// <param name="kernelInitializer">The kernel's initializer; glorot_uniform unless given.</param>
    /// <param name="biasInitializer">The bias's initializer; zeros unless given.</param>
    /// <param name="kernelRegularizer">The kernel's regularizer, or null.</param>
    /// <param name="biasRegularizer">The bias's regularizer, or null.</param>
    /// <param name="activityRegularizer">The output's regularizer, or null.</param>
    /// <param name="kernelConstraint">The kernel's constraint, or null.</param>
    /// <param name="biasConstraint">The bias's constraint, or null.</param>
    /// <param name="trainable">Whether the weights train.</param>
    /// <param name="name">The layer's (and its variable scope's) name; a unique "conv2d_transpose", "conv2d_transpose_1", ... unless given.</param>
    /// <param name="reuse">Whether to apply the existing layer of that name instead of creating one.</param>
    /// <returns>The output, which the caller owns.</returns>
    /// <exception cref="ArgumentException">The name exists and reuse is not set, reuse is set and the name does not exist, or the shapes differ from the existing layer's.</exception>
    public Tensor Conv2DTranspose(
        Tensor inputs,
        int filters,
        IntTuple kernelSize,
        IntTuple? strides = null,
        string? padding = "valid",
        string dataFormat = "channels_last",
        object? activation = null,
        bool useBias = true,
        object? kernelInitializer = null,
        object? biasInitializer = null,
        object? kernelRegularizer = null,
        object? biasRegularizer = null,
        object? activityRegularizer = null,
        object? kernelConstraint = null,
        object? biasConstraint = null,
        bool trainable = true,
        string? name = null,
        bool? reuse = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        const string BaseName = "conv2d_transpose";
        var scopeName = name ?? (reuse == true ? BaseName : NextDefaultName(BaseName));
        if (layers.TryGetValue(scopeName, out var existing))
        {
            if (reuse != true)
            {
                throw new ArgumentException(
                    $"Variable {scopeName}/kernel already exists, disallowed. Did you mean to set reuse: true? Give another name for a new layer.", nameof(reuse));
            }

            var layer = (Layers.Conv2DTranspose)existing;
            CheckSameShape(layer, filters, kernelSize, inputs, scopeName);
            return layer.Call(inputs);
        }

        if (reuse == true)
        {
            throw new ArgumentException(
                $"Variable {scopeName}/kernel does not exist: reuse: true applies a layer made earlier with the same name. Leave reuse unset to create it.", nameof(reuse));
        }

        var created = new Layers.Conv2DTranspose(
            filters,
            kernelSize,
            strides: strides,
            padding: padding,
            dataFormat: dataFormat,
            activation: activation,
            useBias: useBias,
            kernelInitializer: kernelInitializer,
            biasInitializer: biasInitializer,
            kernelRegularizer: kernelRegularizer,
            biasRegularizer: biasRegularizer,
            activityRegularizer: activityRegularizer,
            kernelConstraint: kernelConstraint,
            biasConstraint: biasConstraint,
            trainable: trainable,
            name: scopeName);
        try
        {
            var output = created.Call(inputs);
            layers[scopeName] = created;
            return output;
        }
        catch
        {
            created.Dispose();
            throw;
        }
    }

    /// <summary>Frees every layer of the scope.</summary>
    public void Dispose()
    {
        foreach (var layer in layers.Values)
        {
            layer.Dispose();
        }

        layers.Clear();
    }

    private static void CheckSameShape(Layers.Conv2DTranspose layer, int filters, IntTuple kernelSize, Tensor inputs, string scopeName)
    {
        var kernel = kernelSize.Expand(2) ?? [];
        var inChannels = layer.DataFormat == "channels_first" ? inputs.shape[1] : inputs.shape[^1];
        long[] wanted = [.. kernel.Select(k => (long)k), filters, inChannels];
        var found = layer.Kernel!.Shape;
        if (!wanted.SequenceEqual(found))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Trying to share variable {scopeName}/kernel, but specified shape {Tuples.Format(wanted)} and found shape {Tuples.Format(found)}."),
                nameof(kernelSize));
        }
    }

    private string NextDefaultName(string baseName)
    {
        defaultNameCounts.TryGetValue(baseName, out var count);
        string candidate;
        do
        {
            candidate = count == 0 ? baseName : string.Create(CultureInfo.InvariantCulture, $"{baseName}_{count}");
            count++;
        }
        while (layers.ContainsKey(candidate));

        defaultNameCounts[baseName] = count;
        return candidate;
    }
}

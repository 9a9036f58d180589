// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using LayersFramework.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Layers;

/// <summary>
/// Moves weights between Keras's layouts, which the layers here keep, and PyTorch's <c>nn</c> modules' layouts, so
/// that a trained PyTorch <c>ConvTranspose2d</c>, <c>Conv2d</c> or <c>Linear</c> (from a <c>state_dict</c> saved as
/// safetensors) can be loaded into the matching layer, and back.
/// </summary>
/// <remarks>
/// Layouts: transposed convolution, Keras <c>kernelSize + (out / groups, in)</c>, PyTorch <c>(in, out / groups) + kernelSize</c>;
/// convolution, Keras <c>kernelSize + (in / groups, out)</c>, PyTorch <c>(out, in / groups) + kernelSize</c>; dense, Keras
/// <c>(in, out)</c>, PyTorch <c>(out, in)</c>. Biases are the same. Padding conventions differ between the
/// frameworks (see the README on SAME): the weights carry over exactly; the layer's padding must be chosen to match.
/// </remarks>
public static class PyTorchLayout
{
    /// <summary>Loads a PyTorch <c>ConvTranspose{1,2,3}d</c>'s weight (and bias) into a built transposed-convolution layer.</summary>
    /// <param name="layer">The layer, built.</param>
    /// <param name="weight">PyTorch's weight, <c>(in, out / groups) + kernelSize</c>.</param>
    /// <param name="bias">PyTorch's bias <c>(out,)</c>, or null when the layer has none.</param>
    /// <exception cref="InvalidOperationException">The layer is not built.</exception>
    /// <exception cref="ArgumentException">A shape does not fit the layer, or a bias is missing or extra.</exception>
    public static void LoadConvTranspose(ConvTransposeBase layer, Tensor weight, Tensor? bias)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(weight);
        using var scope = torch.NewDisposeScope();
        Load(layer, weight, bias, ToKeras(weight, layer.Rank, transposed: true, nameof(weight)));
    }

    /// <summary>Loads a PyTorch <c>Conv{1,2,3}d</c>'s weight (and bias) into a built convolution layer.</summary>
    /// <param name="layer">The layer, built.</param>
    /// <param name="weight">PyTorch's weight, <c>(out, in / groups) + kernelSize</c>.</param>
    /// <param name="bias">PyTorch's bias, or null when the layer has none.</param>
    /// <exception cref="InvalidOperationException">The layer is not built.</exception>
    /// <exception cref="ArgumentException">A shape does not fit the layer.</exception>
    public static void LoadConv(ConvBase layer, Tensor weight, Tensor? bias)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(weight);
        using var scope = torch.NewDisposeScope();
        Load(layer, weight, bias, ToKeras(weight, layer.Rank, transposed: false, nameof(weight)));
    }

    /// <summary>Loads a PyTorch <c>Linear</c>'s weight <c>(out, in)</c> (and bias) into a built <see cref="Dense"/>.</summary>
    /// <param name="layer">The layer, built.</param>
    /// <param name="weight">PyTorch's weight.</param>
    /// <param name="bias">PyTorch's bias, or null when the layer has none.</param>
    /// <exception cref="InvalidOperationException">The layer is not built.</exception>
    /// <exception cref="ArgumentException">A shape does not fit the layer.</exception>
    public static void LoadDense(Dense layer, Tensor weight, Tensor? bias)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.dim() != 2)
        {
            throw new ArgumentException($"A PyTorch Linear weight has rank 2 (out, in); received {Tuples.Format(weight.shape)}.", nameof(weight));
        }

        using var scope = torch.NewDisposeScope();
        Load(layer, weight, bias, weight.transpose(0, 1));
    }

    /// <summary>A transposed-convolution layer's weight (and bias) in PyTorch's <c>ConvTranspose{1,2,3}d</c> layout.</summary>
    /// <param name="layer">The layer, built.</param>
    /// <returns>New tensors: the weight <c>(in, out / groups) + kernelSize</c> and the bias, or null.</returns>
    public static (Tensor Weight, Tensor? Bias) ExportConvTranspose(ConvTransposeBase layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return Export(layer, layer.Kernel, layer.Bias, ToPyTorchOrder(layer.Rank));
    }

    /// <summary>A convolution layer's weight (and bias) in PyTorch's <c>Conv{1,2,3}d</c> layout.</summary>
    /// <param name="layer">The layer, built.</param>
    /// <returns>New tensors: the weight <c>(out, in / groups) + kernelSize</c> and the bias, or null.</returns>
    public static (Tensor Weight, Tensor? Bias) ExportConv(ConvBase layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return Export(layer, layer.Kernel, layer.Bias, ToPyTorchOrder(layer.Rank));
    }

    /// <summary>A dense layer's weight <c>(out, in)</c> (and bias) in PyTorch's <c>Linear</c> layout.</summary>
    /// <param name="layer">The layer, built.</param>
    /// <returns>New tensors: the weight and the bias, or null.</returns>
    public static (Tensor Weight, Tensor? Bias) ExportDense(Dense layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return Export(layer, layer.Kernel, layer.Bias, [1, 0]);
    }

    /// <summary>Keras order from PyTorch's: spatial axes first, then (out/g, in) for a transpose or (in/g, out) for a convolution.</summary>
    private static Tensor ToKeras(Tensor weight, int rank, bool transposed, string parameterName)
    {
        if (weight.dim() != rank + 2)
        {
            throw new ArgumentException($"A PyTorch {(transposed ? "ConvTranspose" : "Conv")}{rank}d weight has rank {rank + 2}; received {Tuples.Format(weight.shape)}.", parameterName);
        }

        // PyTorch (a, b, k...) with (a, b) = (in, out/g) or (out, in/g); Keras (k..., b, a) in both cases.
        long[] order = [.. Enumerable.Range(2, rank).Select(i => (long)i), 1, 0];
        return weight.permute(order);
    }

    /// <summary>The permutation from Keras's layout to PyTorch's, the inverse of <see cref="ToKeras"/>'s: for both kinds of convolution, the last two axes reversed, then the spatial ones.</summary>
    private static long[] ToPyTorchOrder(int rank) => [rank + 1, rank, .. Enumerable.Range(0, rank).Select(i => (long)i)];

    private static void Load(Layer layer, Tensor weight, Tensor? bias, Tensor kerasKernel)
    {
        if (!layer.Built)
        {
            throw new InvalidOperationException($"Layer {layer.Name} is not built: call it once (to create its weights) before loading PyTorch weights.");
        }

        var weights = layer.Weights;
        var hasBias = weights.Count > 1;
        if (hasBias != bias is not null)
        {
            throw new ArgumentException(
                hasBias ? $"Layer {layer.Name} has a bias; give PyTorch's bias too." : $"Layer {layer.Name} has no bias (useBias: false), but a bias was given.", nameof(bias));
        }

        if (!kerasKernel.shape.AsSpan().SequenceEqual(weights[0].Shape))
        {
            throw new ArgumentException(
                $"The PyTorch weight {Tuples.Format(weight.shape)} becomes {Tuples.Format(kerasKernel.shape)} in Keras's layout, but layer {layer.Name}'s kernel is {Tuples.Format(weights[0].Shape)}.", nameof(weight));
        }

        // SetWeights copies into the weights, converting to their dtype and device.
        layer.SetWeights(bias is null ? [kerasKernel] : [kerasKernel, bias]);
    }

    private static (Tensor Weight, Tensor? Bias) Export(Layer layer, Variable? kernel, Variable? bias, long[] order)
    {
        if (kernel is null)
        {
            throw new InvalidOperationException($"Layer {layer.Name} is not built: call it once before exporting its weights.");
        }

        using var scope = torch.NewDisposeScope();
        var permuted = kernel.Value.detach().permute(order);
        var pyTorchWeight = permuted.is_contiguous() ? permuted.clone() : permuted.contiguous();
        var pyTorchBias = bias?.Value.detach().clone();
        return (scope.MoveToOuter(pyTorchWeight), pyTorchBias is null ? null : scope.MoveToOuter(pyTorchBias));
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using LayersFramework.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Layers;

/// <summary>
/// Moves a model's weights to and from a PyTorch <c>state_dict</c>: PyTorch's names (<c>"0.weight"</c>,
/// <c>"1.running_mean"</c>) and layouts, for the modules a list of <see cref="PyTorchModule"/> names.
/// </summary>
/// <remarks>
/// <para>
/// Per layer: <see cref="Dense"/> ↔ <c>Linear</c> (<c>weight</c> (out, in), <c>bias</c>); convolutions ↔
/// <c>Conv{n}d</c> (<c>weight</c> (out, in / groups) + kernel), transposed convolutions ↔ <c>ConvTranspose{n}d</c>
/// (<c>weight</c> (in, out / groups) + kernel), both with <c>bias</c>; <see cref="BatchNormalization"/> ↔
/// <c>BatchNorm{n}d</c> (<c>weight</c> = gamma, <c>bias</c> = beta, <c>running_mean</c>, <c>running_var</c>,
/// <c>num_batches_tracked</c>). The layout conversions are <see cref="PyTorchLayout"/>'s.
/// </para>
/// <para>
/// The weights carry over exactly; the hyper-parameters do not travel with them and must match by construction.
/// Batch normalization's defaults differ: Keras's epsilon is 1e-3 and momentum 0.99, PyTorch's eps 1e-5 and momentum
/// 0.1 (= 1 − 0.9); PyTorch's running variance is unbiased, Keras's moving variance biased. Padding differs too (see
/// the README on SAME). <c>num_batches_tracked</c>, which PyTorch uses only when its momentum is None, is not kept
/// here: it is ignored on import and exported as 0, a fresh module's value.
/// </para>
/// </remarks>
public static class PyTorchStateDict
{
    /// <summary>The model's weights as a PyTorch state dict.</summary>
    /// <param name="modules">The layers and their modules' names.</param>
    /// <returns>New contiguous tensors by PyTorch name (owned by the current dispose scope, or the caller).</returns>
    /// <exception cref="InvalidOperationException">A layer is not built.</exception>
    /// <exception cref="ArgumentException">A layer has no PyTorch counterpart here, an image shape does not fit, or two modules share a name.</exception>
    public static Dictionary<string, Tensor> Export(IEnumerable<PyTorchModule> modules)
    {
        using var scope = torch.NewDisposeScope();
        var parameters = Plan(modules);
        var stateDict = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using (torch.no_grad())
        {
            foreach (var parameter in parameters)
            {
                var value = parameter.Weight is null ? torch.tensor(0L) : parameter.ToPyTorch(parameter.Weight.Value.detach());

                // A copy either way: an identity conversion (a bias) returns the weight itself.
                stateDict[parameter.Key] = scope.MoveToOuter(value.is_contiguous() ? value.clone() : value.contiguous());
            }
        }

        return stateDict;
    }

    /// <summary>
    /// Loads a PyTorch state dict into the model's layers. Every name, shape and dtype is checked first; nothing changes
    /// unless all fit, and then every problem is listed at once.
    /// </summary>
    /// <param name="stateDict">PyTorch's tensors by name, such as <c>torch.load(path)</c> or a safetensors file gives.</param>
    /// <param name="modules">The layers and their modules' names.</param>
    /// <param name="strict">Whether entries of the state dict that no module takes are an error, as in PyTorch's <c>load_state_dict</c>.</param>
    /// <exception cref="InvalidOperationException">A layer is not built.</exception>
    /// <exception cref="ArgumentException">The state dict does not fit (the message lists each missing, unexpected or mis-shaped entry), or a module is as <see cref="Export"/> refuses.</exception>
    public static void Load(IReadOnlyDictionary<string, Tensor> stateDict, IEnumerable<PyTorchModule> modules, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        using var scope = torch.NewDisposeScope();
        var parameters = Plan(modules);
        var problems = new List<string>();
        var converted = new List<(Variable Weight, Tensor Value)>();
        using (torch.no_grad())
        {
            foreach (var parameter in parameters)
            {
                if (!stateDict.TryGetValue(parameter.Key, out var saved))
                {
                    problems.Add($"missing \"{parameter.Key}\"");
                    continue;
                }

                if (parameter.Weight is null)
                {
                    continue; // num_batches_tracked: not kept here
                }

                var expected = parameter.ToPyTorch(parameter.Weight.Value.detach()).shape;
                if (!saved.shape.AsSpan().SequenceEqual(expected) || !saved.is_floating_point())
                {
                    problems.Add($"\"{parameter.Key}\" is {saved.dtype} {Tuples.Format(saved.shape)} but {parameter.Weight.Path} needs a floating-point {Tuples.Format(expected)}");
                    continue;
                }

                converted.Add((parameter.Weight, parameter.ToKeras(saved)));
            }
        }

        var taken = parameters.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        if (strict)
        {
            problems.AddRange(stateDict.Keys.Where(key => !taken.Contains(key)).Order(StringComparer.Ordinal).Select(key => $"unexpected \"{key}\""));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"The state dict does not fit the modules: {string.Join("; ", problems)}.", nameof(stateDict));
        }

        foreach (var (weight, value) in converted)
        {
            weight.Assign(value);
        }
    }

    /// <summary>Every entry of the modules' state dict: its name, the weight behind it (null for num_batches_tracked) and the conversions.</summary>
    private static List<Parameter> Plan(IEnumerable<PyTorchModule> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        var parameters = new List<Parameter>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            ArgumentNullException.ThrowIfNull(module, nameof(modules));
            if (!names.Add(module.Name))
            {
                throw new ArgumentException($"Two modules are named \"{module.Name}\".", nameof(modules));
            }

            if (module.Layer is not (Dense or ConvolutionLayerBase or BatchNormalization))
            {
                throw new ArgumentException(
                    $"Module \"{module.Name}\": layer {module.Layer.Name} is a {module.Layer.GetType().Name}, which has no PyTorch counterpart here (Dense, the convolutions, the transposed convolutions and BatchNormalization have); list only layers with weights.",
                    nameof(modules));
            }

            if (!module.Layer.Built)
            {
                throw new InvalidOperationException($"Layer {module.Layer.Name} is not built: call it once (to create its weights) before moving weights to or from PyTorch.");
            }

            var problem = ProblemWith(module);
            if (problem is not null)
            {
                throw new ArgumentException($"Module \"{module.Name}\": {problem}.", nameof(modules));
            }

            parameters.AddRange(ParametersOf(module));
        }

        return parameters;
    }

    private static IEnumerable<Parameter> ParametersOf(PyTorchModule module)
    {
        var prefix = module.Name + ".";
        switch (module.Layer)
        {
            case Dense dense:
                {
                    var output = FeatureOrder.Of(module.OutputImage);
                    var input = FeatureOrder.Of(module.InputImage);
                    yield return new Parameter(prefix + "weight", dense.Kernel, k => input.ToPyTorch(output.ToPyTorch(k.transpose(0, 1), 0), 1), w => input.ToKeras(output.ToKeras(w, 0), 1).transpose(0, 1));
                    if (dense.Bias is not null)
                    {
                        yield return new Parameter(prefix + "bias", dense.Bias, b => output.ToPyTorch(b, 0), b => output.ToKeras(b, 0));
                    }

                    break;
                }

            case ConvolutionLayerBase convolution:
                {
                    var rank = convolution.Rank;
                    long[] toPyTorch = [rank + 1, rank, .. Enumerable.Range(0, rank).Select(i => (long)i)];
                    long[] toKeras = [.. Enumerable.Range(2, rank).Select(i => (long)i), 1, 0];
                    yield return new Parameter(prefix + "weight", convolution.Kernel!, k => k.permute(toPyTorch), w => w.permute(toKeras));
                    if (convolution.Bias is not null)
                    {
                        yield return new Parameter(prefix + "bias", convolution.Bias, b => b, b => b);
                    }

                    break;
                }

            case BatchNormalization norm:
                {
                    var features = FeatureOrder.Of(module.OutputImage);
                    foreach (var (key, weight) in new[] { ("weight", norm.Gamma), ("bias", norm.Beta), ("running_mean", norm.MovingMean), ("running_var", norm.MovingVariance) })
                    {
                        if (weight is not null)
                        {
                            yield return new Parameter(prefix + key, weight, v => features.ToPyTorch(v, 0), v => features.ToKeras(v, 0));
                        }
                    }

                    yield return new Parameter(prefix + "num_batches_tracked", null, v => v, v => v);
                    break;
                }

            default:
                throw new InvalidOperationException($"{module.Layer.GetType().Name} passed Plan's check but has no parameters here.");
        }
    }

    /// <summary>What makes the image shapes of a built module of a known kind unusable, or null.</summary>
    private static string? ProblemWith(PyTorchModule module)
    {
        var layer = module.Layer;
        var (features, inputFeatures) = layer switch
        {
            Dense dense => (dense.Units, dense.Kernel!.Shape[0]),
            BatchNormalization norm => (norm.MovingMean!.Shape[0], -1L),
            _ => (-1L, -1L),
        };
        foreach (var (image, count, property, use) in new[] { (module.OutputImage, features, "OutputImage", "a Dense or BatchNormalization before a Reshape"), (module.InputImage, inputFeatures, "InputImage", "a Dense after a Flatten") })
        {
            if (image is not null && count < 0)
            {
                return $"{property} is for {use}; {layer.Name} is a {layer.GetType().Name}";
            }

            if (image is not null && (image.Length < 2 || image.Any(size => size <= 0) || image.Aggregate(1L, (product, size) => product * size) != count))
            {
                return $"{property} {Tuples.Format(image)} (spatial sizes, then channels) must have {count} elements, the feature count of {layer.Name}";
            }
        }

        return null;
    }

    /// <summary>One state-dict entry: PyTorch's name, the weight, and the conversions between the layouts.</summary>
    private sealed record Parameter(string Key, Variable? Weight, Func<Tensor, Tensor> ToPyTorch, Func<Tensor, Tensor> ToKeras);

    /// <summary>How features flattened from a channels-last image (Keras) map to those from the same channels-first image (PyTorch); the identity without an image.</summary>
    private sealed class FeatureOrder
    {
        private readonly Tensor? kerasOfPyTorch;
        private readonly Tensor? pyTorchOfKeras;

        private FeatureOrder(Tensor? kerasOfPyTorch, Tensor? pyTorchOfKeras)
        {
            this.kerasOfPyTorch = kerasOfPyTorch;
            this.pyTorchOfKeras = pyTorchOfKeras;
        }

        /// <summary>The order for features flattened from an image of this channels-last shape, checked by <see cref="ProblemWith"/>.</summary>
        public static FeatureOrder Of(int[]? image)
        {
            if (image is null)
            {
                return new FeatureOrder(null, null);
            }

            var features = image.Aggregate(1L, (product, size) => product * size);
            // Keras flattens (h, w, c), PyTorch (c, h, w): number the features in one order, read them in the other.
            long[] shape = [.. image.Select(size => (long)size)];
            var last = image.Length - 1;
            long[] channelsFirst = [last, .. Enumerable.Range(0, last).Select(i => (long)i)];
            long[] channelsLast = [.. Enumerable.Range(1, last).Select(i => (long)i), 0];
            var kerasOfPyTorch = torch.arange(features).reshape(shape).permute(channelsFirst).flatten();
            var pyTorchOfKeras = torch.arange(features).reshape([shape[last], .. shape[..last]]).permute(channelsLast).flatten();
            return new FeatureOrder(kerasOfPyTorch, pyTorchOfKeras);
        }

        public Tensor ToPyTorch(Tensor keras, long axis) => kerasOfPyTorch is null ? keras : keras.index_select(axis, kerasOfPyTorch);

        public Tensor ToKeras(Tensor pyTorch, long axis) => pyTorchOfKeras is null ? pyTorch : pyTorch.index_select(axis, pyTorchOfKeras);
    }
}

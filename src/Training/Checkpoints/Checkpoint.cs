// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using LayersFramework.Engine;
using LayersFramework.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Training;

/// <summary>
/// Saves and restores a model's weights, and optionally an optimizer's state, as one file: safetensors, or PyTorch's
/// <c>.pt</c> format, as the extension says (<see cref="TensorFile"/>: atomic writes, checked reads). Weights are named
/// by their path (<c>"layer name/weight name"</c>) in Keras's layouts, optimizer entries by <c>"optimizer/..."</c>; give
/// layers names to keep the names stable across programs. To exchange weights with a PyTorch module, in its names and
/// layouts, use <see cref="PyTorchWeights"/>.
/// </summary>
public static class Checkpoint
{
    private const string OptimizerPrefix = "optimizer/";

    /// <summary>Writes the model's weights (and the optimizer's state) to <paramref name="path"/>, atomically.</summary>
    /// <param name="path">A <c>.safetensors</c> or <c>.pt</c> file; a previous checkpoint there is replaced only once the new one is complete.</param>
    /// <param name="model">The model, built.</param>
    /// <param name="optimizer">The optimizer whose state to save, or null.</param>
    /// <param name="metadata">Further string metadata (such as the epoch), or null.</param>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    /// <exception cref="ArgumentException">Two weights share a path.</exception>
    public static void Save(string path, Layer model, Optimizer? optimizer = null, IReadOnlyDictionary<string, string>? metadata = null) =>
        Save(path, [new CheckpointPart(string.Empty, model, optimizer)], metadata);

    /// <summary>
    /// Writes several models (each with its optimizer) to one file, atomically, so that they can only be restored
    /// together (a GAN's generator and discriminator): each part's entries are prefixed with <c>"part name/"</c>.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="parts">The parts, with distinct names.</param>
    /// <param name="metadata">Further string metadata, or null.</param>
    /// <exception cref="InvalidOperationException">A model is not built.</exception>
    /// <exception cref="ArgumentException">Two weights share a name.</exception>
    public static void Save(string path, IReadOnlyList<CheckpointPart> parts, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(parts);
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        // "format": "pt" is what safetensors' own PyTorch writer puts there; tools read it as "tensors for PyTorch".
        var meta = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>(), StringComparer.Ordinal) { ["format"] = "pt" };
        foreach (var part in parts)
        {
            var model = part.Model;
            if (!model.Built)
            {
                throw new InvalidOperationException($"Model {model.Name} is not built, so it has no weights to save: call it once first.");
            }

            foreach (var weight in model.Weights)
            {
                if (!tensors.TryAdd(part.Prefix + weight.Path, weight.Value.detach()))
                {
                    throw new ArgumentException($"Two weights share the name \"{part.Prefix + weight.Path}\"; give the layers distinct names.", nameof(parts));
                }
            }

            foreach (var (name, value) in part.Optimizer?.GetState() ?? new Dictionary<string, Tensor>())
            {
                tensors[part.Prefix + OptimizerPrefix + name] = value;
            }

            meta[$"layersframework.{part.Prefix}model"] = model.Name;
            if (part.Optimizer is not null)
            {
                meta[$"layersframework.{part.Prefix}optimizer"] = part.Optimizer.GetType().Name;
            }
        }

        TensorFile.Save(path, tensors, meta);
    }

    /// <summary>
    /// Restores the model's weights (and the optimizer's state) from a checkpoint; checks every name, shape and dtype
    /// first and changes nothing unless all of them fit.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="model">The model, built with the same architecture.</param>
    /// <param name="optimizer">The optimizer to restore, or null to ignore saved optimizer state.</param>
    /// <returns>The checkpoint's metadata.</returns>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    /// <exception cref="InvalidDataException">The file is truncated or corrupted, or does not fit the model; the message lists what does not match.</exception>
    public static IReadOnlyDictionary<string, string> Load(string path, Layer model, Optimizer? optimizer = null) =>
        Load(path, [new CheckpointPart(string.Empty, model, optimizer)]);

    /// <summary>Restores several models (and optimizers) saved together; checks all of them first and changes nothing unless everything fits.</summary>
    /// <param name="path">The file.</param>
    /// <param name="parts">The parts, named as when saved.</param>
    /// <returns>The checkpoint's metadata.</returns>
    /// <exception cref="InvalidOperationException">A model is not built.</exception>
    /// <exception cref="InvalidDataException">The file is truncated or corrupted, or does not fit; the message lists what does not match.</exception>
    public static IReadOnlyDictionary<string, string> Load(string path, IReadOnlyList<CheckpointPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        foreach (var part in parts.Where(p => !p.Model.Built))
        {
            throw new InvalidOperationException($"Model {part.Model.Name} is not built: call it once (to create its weights) before loading a checkpoint into it.");
        }

        using var scope = torch.NewDisposeScope();
        var (tensors, metadata) = TensorFile.Load(path);
        var problems = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var optimizerStates = new List<(CheckpointPart Part, Dictionary<string, Tensor> State)>();
        foreach (var part in parts)
        {
            foreach (var weight in part.Model.Weights)
            {
                var name = part.Prefix + weight.Path;
                known.Add(name);
                if (!tensors.TryGetValue(name, out var saved))
                {
                    problems.Add($"missing \"{name}\" {Tuples.Format(weight.Shape)}");
                }
                else if (!saved.shape.AsSpan().SequenceEqual(weight.Shape) || saved.dtype != weight.Value.dtype)
                {
                    problems.Add($"\"{name}\" is {saved.dtype} {Tuples.Format(saved.shape)} in the file but {weight.Value.dtype} {Tuples.Format(weight.Shape)} in the model");
                }
            }

            var prefix = part.Prefix + OptimizerPrefix;
            var state = tensors.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[prefix.Length..], p => p.Value, StringComparer.Ordinal);
            known.UnionWith(state.Keys.Select(key => prefix + key));
            if (part.Optimizer is not null)
            {
                if (state.Count == 0)
                {
                    problems.Add($"no optimizer state for {(part.Prefix.Length == 0 ? "the model" : part.Name)}, but an optimizer was given to restore");
                }

                optimizerStates.Add((part, state));
            }
        }

        problems.AddRange(tensors.Keys.Where(name => !known.Contains(name)).Order(StringComparer.Ordinal).Select(name => $"unexpected \"{name}\""));
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{path} does not fit {string.Join(" and ", parts.Select(p => p.Model.Name))}: {string.Join("; ", problems)}.");
        }

        foreach (var (part, state) in optimizerStates)
        {
            try
            {
                part.Optimizer!.SetState(state, part.Model.TrainableWeights);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"{path}: the optimizer state does not fit: {e.Message}", e);
            }
        }

        foreach (var part in parts)
        {
            foreach (var weight in part.Model.Weights)
            {
                weight.Assign(tensors[part.Prefix + weight.Path]);
            }
        }

        return metadata;
    }
}

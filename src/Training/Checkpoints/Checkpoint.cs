// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using LayersFramework.Layers;
using LayersFramework.Torch;

namespace LayersFramework.Training;

/// <summary>
/// Saves and restores a model's weights, and optionally an optimizer's state, as one safetensors file
/// (<see cref="SafeTensorsFile"/>: atomic writes, checked reads). Weights are named by their path
/// (<c>"layer name/weight name"</c>), optimizer entries by <c>"optimizer/..."</c>; give layers names to keep the names
/// stable across programs.
/// </summary>
public static class Checkpoint
{
    private const string OptimizerPrefix = "optimizer/";

    /// <summary>Writes the model's weights (and the optimizer's state) to <paramref name="path"/>, atomically.</summary>
    /// <param name="path">The file; a previous checkpoint there is replaced only once the new one is complete.</param>
    /// <param name="model">The model, built.</param>
    /// <param name="optimizer">The optimizer whose state to save, or null.</param>
    /// <param name="metadata">Further string metadata (such as the epoch), or null.</param>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    /// <exception cref="ArgumentException">Two weights share a path.</exception>
    public static void Save(string path, Layer model, Optimizer? optimizer = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.Built)
        {
            throw new InvalidOperationException($"Model {model.Name} is not built, so it has no weights to save: call it once first.");
        }

        using var scope = new DisposeScope();
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var weight in model.Weights)
        {
            if (!tensors.TryAdd(weight.Path, weight.Value.Detach()))
            {
                throw new ArgumentException($"Two weights of {model.Name} share the path \"{weight.Path}\"; give the layers distinct names.", nameof(model));
            }
        }

        if (optimizer is not null)
        {
            foreach (var (name, value) in optimizer.GetState())
            {
                tensors[OptimizerPrefix + name] = value;
            }
        }

        var meta = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["format"] = "pt",
            ["layersframework.model"] = model.Name,
        };
        if (optimizer is not null)
        {
            meta["layersframework.optimizer"] = optimizer.GetType().Name;
        }

        SafeTensorsFile.Save(path, tensors, meta);
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
    public static IReadOnlyDictionary<string, string> Load(string path, Layer model, Optimizer? optimizer = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.Built)
        {
            throw new InvalidOperationException($"Model {model.Name} is not built: call it once (to create its weights) before loading a checkpoint into it.");
        }

        using var scope = new DisposeScope();
        var (tensors, metadata) = SafeTensorsFile.Load(path);
        var problems = new List<string>();
        var weights = model.Weights;
        foreach (var weight in weights)
        {
            if (!tensors.TryGetValue(weight.Path, out var saved))
            {
                problems.Add($"missing \"{weight.Path}\" {Tuples.Format(weight.Shape)}");
            }
            else if (!saved.Shape.AsSpan().SequenceEqual(weight.Shape) || saved.Dtype != weight.Value.Dtype)
            {
                problems.Add($"\"{weight.Path}\" is {saved.Dtype} {Tuples.Format(saved.Shape)} in the file but {weight.Value.Dtype} {Tuples.Format(weight.Shape)} in the model");
            }
        }

        var known = weights.Select(w => w.Path).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(tensors.Keys.Where(name => !known.Contains(name) && !name.StartsWith(OptimizerPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(name => $"unexpected \"{name}\""));
        var optimizerState = tensors.Where(p => p.Key.StartsWith(OptimizerPrefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[OptimizerPrefix.Length..], p => p.Value, StringComparer.Ordinal);
        if (optimizer is not null && optimizerState.Count == 0)
        {
            problems.Add("no optimizer state, but an optimizer was given to restore");
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{path} does not fit model {model.Name}: {string.Join("; ", problems)}.");
        }

        if (optimizer is not null)
        {
            try
            {
                optimizer.SetState(optimizerState, model.TrainableWeights);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"{path}: the optimizer state does not fit: {e.Message}", e);
            }
        }

        foreach (var weight in weights)
        {
            weight.Assign(tensors[weight.Path]);
        }

        return metadata;
    }
}

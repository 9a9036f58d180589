// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LayersFramework.Layers;
using TorchSharp;

namespace LayersFramework.Training;

/// <summary>
/// Saves and loads a model's weights as a PyTorch <c>state_dict</c> file, in PyTorch's names and layouts
/// (<see cref="PyTorchStateDict"/>), so that PyTorch's <c>module.load_state_dict(torch.load(path))</c> reads what this
/// writes and the other way round: <c>.pt</c>/<c>.pth</c> (<c>torch.save</c>) or <c>.safetensors</c>, as the extension
/// says (<see cref="TensorFile"/>).
/// </summary>
public static class PyTorchWeights
{
    /// <summary>Writes the modules' state dict to <paramref name="path"/>, atomically.</summary>
    /// <param name="path">A <c>.pt</c>, <c>.pth</c>, <c>.bin</c> or <c>.safetensors</c> file.</param>
    /// <param name="modules">The layers and their modules' names in the PyTorch model.</param>
    /// <exception cref="InvalidOperationException">A layer is not built.</exception>
    /// <exception cref="ArgumentException">A module is not one <see cref="PyTorchStateDict"/> moves, or the extension is unknown.</exception>
    public static void Save(string path, IEnumerable<PyTorchModule> modules)
    {
        using var scope = torch.NewDisposeScope();
        TensorFile.Save(path, PyTorchStateDict.Export(modules));
    }

    /// <summary>Loads a PyTorch state dict file into the layers; checks the whole file and every entry first, and changes nothing unless all fit.</summary>
    /// <param name="path">A <c>.pt</c>, <c>.pth</c>, <c>.bin</c> or <c>.safetensors</c> file, such as <c>torch.save(model.state_dict(), path)</c> writes.</param>
    /// <param name="modules">The layers and their modules' names in the PyTorch model.</param>
    /// <param name="strict">Whether entries that no listed module takes are an error, as in PyTorch's <c>load_state_dict</c>.</param>
    /// <exception cref="InvalidOperationException">A layer is not built.</exception>
    /// <exception cref="InvalidDataException">The file is truncated, corrupted or does not fit the modules; the message names the file and lists every mismatch.</exception>
    public static void Load(string path, IEnumerable<PyTorchModule> modules, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(modules);
        var list = modules.ToList();
        using var scope = torch.NewDisposeScope();
        var (stateDict, _) = TensorFile.Load(path);
        try
        {
            PyTorchStateDict.Load(stateDict, list, strict);
        }
        catch (ArgumentException e) when (e.ParamName == "stateDict")
        {
            throw new InvalidDataException($"{path}: {e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal)}", e);
        }
    }
}

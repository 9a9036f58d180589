// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Training;

/// <summary>The loss a training step minimizes, as Keras's <c>compute_loss</c> forms it: the data loss plus the model's regularization <see cref="Layer.Losses"/>.</summary>
public static class TotalLoss
{
    /// <summary>Adds every regularization loss of <paramref name="model"/> (weight penalties and the last call's activity penalties) to the data loss.</summary>
    /// <param name="dataLoss">The data loss, a scalar.</param>
    /// <param name="model">The model (or layer) whose losses to add.</param>
    /// <returns>The total, a scalar.</returns>
    public static Tensor Of(Tensor dataLoss, Layer model)
    {
        ArgumentNullException.ThrowIfNull(dataLoss);
        ArgumentNullException.ThrowIfNull(model);
        using var scope = torch.NewDisposeScope();
        var total = dataLoss;
        foreach (var penalty in model.Losses)
        {
            total = total + penalty;
        }

        return scope.MoveToOuter(ReferenceEquals(total, dataLoss) ? dataLoss.alias() : total);
    }
}

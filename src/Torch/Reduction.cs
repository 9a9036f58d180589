// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Torch;

/// <summary>How a loss reduces its per-element values. The values are libtorch's <c>at::Reduction</c> codes.</summary>
public enum Reduction
{
    /// <summary>No reduction: one loss value per element.</summary>
    None = 0,

    /// <summary>The mean over all elements.</summary>
    Mean = 1,

    /// <summary>The sum over all elements.</summary>
    Sum = 2,
}

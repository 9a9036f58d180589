// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Training;

/// <summary>How a loss reduces its per-sample values, Keras 3's <c>reduction</c> argument.</summary>
public enum LossReduction
{
    /// <summary>"sum_over_batch_size" (Keras's default): the sum of the (weighted) per-sample losses divided by their number.</summary>
    SumOverBatchSize,

    /// <summary>"sum": the sum of the (weighted) per-sample losses.</summary>
    Sum,

    /// <summary>"mean_with_sample_weight": the weighted sum divided by the sum of the sample weights.</summary>
    MeanWithSampleWeight,

    /// <summary>"none": the per-sample losses, unreduced.</summary>
    None,
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Ops;

/// <summary>The ways a transposed convolution can be computed; each gives the same values, to rounding.</summary>
public enum TransposedConvolutionPath
{
    /// <summary>libtorch's own <c>conv_transpose{1,2,3}d</c> kernel, which libtorch runs on oneDNN for float32 on CPU; it applies to every shape.</summary>
    LibtorchKernel,

    /// <summary>Output windows that do not overlap (1×1 inputs, or strides of at least the kernel): one matrix product over the batch, the blocks laid side by side.</summary>
    NonOverlapping,

    /// <summary>Small 1-D and 2-D inputs: one matrix product over the batch, then libtorch's col2im.</summary>
    GemmFold,
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Linq;
using LayersFramework.Torch;

namespace LayersFramework.Ops;

/// <summary>
/// The transposed convolution as the data-gradient of the matching forward convolution
/// (<see cref="Functional.ConvTransposeAdjoint"/>): for float32 on CPU libtorch runs it, and both of its gradients,
/// on oneDNN's convolution primitives over the whole batch.
/// </summary>
/// <remarks>
/// Measured at batch 64 on 2 threads (2026-11-22, python3-torch timing the same libtorch calls), forward+backward
/// took 0.3–0.7 of libtorch's own kernel's time on the DCGAN, U-Net, k3 s1 and 3-D layers of the convtranspose
/// benchmark; the exceptions are measured per shape by <see cref="TransposedConvolutionTuning"/>.
/// </remarks>
internal static class AdjointTransposedConvolution
{
    /// <summary>Tells whether the path applies: libtorch's output padding below the stride in every dimension.</summary>
    /// <param name="stride">The strides.</param>
    /// <param name="plan">libtorch's padding and output padding.</param>
    /// <returns>Whether it applies.</returns>
    public static bool Applies(long[] stride, TransposePlan plan) =>
        plan.OutputPadding.Select((padding, i) => padding < stride[i]).All(below => below);

    /// <summary>Computes the transposed convolution, channels-first, as libtorch's kernel would before TensorFlow's crop.</summary>
    /// <param name="input">The input (N, Cin, spatial…), any memory format.</param>
    /// <param name="weight">libtorch's weight (Cin, Cout/groups, k…).</param>
    /// <param name="stride">The strides.</param>
    /// <param name="dilation">The dilations.</param>
    /// <param name="groups">The groups.</param>
    /// <param name="plan">libtorch's padding and output padding.</param>
    /// <returns>The output (N, Cout, sizes…), in the input's memory format.</returns>
    public static Tensor Compute(Tensor input, Tensor weight, long[] stride, long[] dilation, long groups, TransposePlan plan) =>
        Functional.ConvTransposeAdjoint(input, weight, stride, plan.TorchPadding, plan.OutputPadding, groups, dilation);
}

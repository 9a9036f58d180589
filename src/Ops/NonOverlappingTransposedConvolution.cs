// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using LayersFramework.Torch;

namespace LayersFramework.Ops;

/// <summary>
/// The transposed convolution of an input whose spatial size is 1 in every dimension (a DCGAN generator's first
/// layer, from a 1×1 latent): each example's output is its channel vector times the filters, so the whole batch is
/// one matrix product <c>(N, Cin) · (Cin, Cout·k…)</c> followed by TensorFlow's crop and zero fill.
/// </summary>
/// <remarks>
/// libtorch 1.13's CPU kernel computes this one example at a time (a GEMM of one row plus col2im per example), which
/// is why this path is many times faster at batch 64. It is built from differentiable libtorch operations (matmul,
/// reshape, pad), so autograd gives both gradients; tests compare outputs and gradients with the kernel's.
/// </remarks>
internal static class PointwiseTransposedConvolution
{
    /// <summary>Tells whether the path applies: every input spatial size 1, no dilation, one group.</summary>
    /// <param name="inputSpatial">The input's spatial sizes.</param>
    /// <param name="dilation">The dilations.</param>
    /// <param name="groups">The groups.</param>
    /// <returns>Whether it applies.</returns>
    public static bool Applies(long[] inputSpatial, long[] dilation, long groups) =>
        groups == 1 && inputSpatial.All(size => size == 1) && dilation.All(d => d == 1);

    /// <summary>Computes the transposed convolution, channels-first.</summary>
    /// <param name="input">The input (N, Cin, 1, …, 1).</param>
    /// <param name="weight">libtorch's weight (Cin, Cout, k…).</param>
    /// <param name="kernel">The kernel sizes.</param>
    /// <param name="plan">Where TensorFlow's output lies in libtorch's.</param>
    /// <returns>The output (N, Cout, output sizes…).</returns>
    public static Tensor Compute(Tensor input, Tensor weight, long[] kernel, TransposePlan plan)
    {
        using var scope = new DisposeScope();
        var (batch, inChannels, outChannels) = (input.Size(0), input.Size(1), weight.Size(1));
        var full = input.Reshape(batch, inChannels).Matmul(weight.Reshape(inChannels, -1)).Reshape([batch, outChannels, .. kernel]);

        // Output position t of dimension i is the full result's position t + libtorch's padding + TensorFlow's crop;
        // the full result has k positions, so Pad crops before (negative) and crops or zero-fills after.
        var pads = new long[2 * kernel.Length];
        for (var i = 0; i < kernel.Length; i++)
        {
            var offset = plan.TorchPadding[i] + plan.CropStart[i];
            var slot = 2 * (kernel.Length - 1 - i);
            pads[slot] = -offset;
            pads[slot + 1] = offset + plan.Output[i] - kernel[i];
        }

        return scope.MoveToOuter(pads.All(p => p == 0) ? full : full.Pad(pads));
    }
}

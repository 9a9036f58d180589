// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Ops;

/// <summary>
/// The transposed convolution whose output windows do not overlap: in every spatial dimension either the input has
/// one position (a DCGAN generator's first layer, from a 1×1 latent) or the stride is at least the kernel (a U-Net's
/// k2 s2 up-convolution). Each input position's channel vector times the filters is then its own output block, so
/// the whole batch is one matrix product <c>(N·L…, Cin) · (Cin, Cout·k…)</c>, and the blocks are laid side by side
/// (with zeros between them when the stride exceeds the kernel) before TensorFlow's crop and zero fill.
/// </summary>
/// <remarks>
/// libtorch's CPU kernel without oneDNN computes this one example at a time (a GEMM plus col2im per example). This path is
/// built from differentiable libtorch operations (matmul, pad, permute, reshape), so autograd gives both gradients;
/// tests compare outputs and gradients with the kernel's. The blocks are laid out in the input's memory format, so a
/// channels-last input gives a channels-last output without a further copy.
/// </remarks>
internal static class NonOverlappingTransposedConvolution
{
    /// <summary>Tells whether the path applies: one group, no dilation, and in every dimension one input position or a stride of at least the kernel.</summary>
    /// <param name="inputSpatial">The input's spatial sizes.</param>
    /// <param name="kernel">The kernel sizes.</param>
    /// <param name="stride">The strides.</param>
    /// <param name="dilation">The dilations.</param>
    /// <param name="groups">The groups.</param>
    /// <returns>Whether it applies.</returns>
    public static bool Applies(long[] inputSpatial, long[] kernel, long[] stride, long[] dilation, long groups) =>
        groups == 1 && dilation.All(d => d == 1) && inputSpatial.Select((size, i) => size == 1 || stride[i] >= kernel[i]).All(disjoint => disjoint);

    /// <summary>Computes the transposed convolution, channels-first (in the input's memory format).</summary>
    /// <param name="input">The input (N, Cin, L…).</param>
    /// <param name="weight">libtorch's weight (Cin, Cout, k…).</param>
    /// <param name="kernel">The kernel sizes.</param>
    /// <param name="stride">The strides.</param>
    /// <param name="plan">Where TensorFlow's output lies in libtorch's.</param>
    /// <param name="channelsLast">Whether to lay the output out channels-last.</param>
    /// <returns>The output (N, Cout, output sizes…).</returns>
    public static Tensor Compute(Tensor input, Tensor weight, long[] kernel, long[] stride, TransposePlan plan, bool channelsLast)
    {
        using var scope = torch.NewDisposeScope();
        var rank = kernel.Length;
        var (batch, inChannels, outChannels) = (input.size(0), input.size(1), weight.size(1));
        var sizes = Enumerable.Range(0, rank).Select(i => input.size(i + 2)).ToArray();

        // Each block spans its kernel, padded with zeros to the stride where the stride is longer; a dimension with
        // one input position has one block, of the kernel's size.
        var block = sizes.Select((size, i) => size == 1 ? kernel[i] : stride[i]).ToArray();
        long[] toSpatialLast = [0, .. Enumerable.Range(2, rank).Select(i => (long)i), 1];
        var rows = input.permute(toSpatialLast).reshape(-1, inChannels);

        // Channels-last blocks come out of the product as (N, L…, k…, Cout) and channels-first ones as (N, L…, Cout, k…),
        // so that the shuffle below moves runs of channels, or of kernel taps, that lie together in memory.
        long[] weightOrder = channelsLast ? [0, .. Enumerable.Range(2, rank).Select(i => (long)i), 1] : [.. Enumerable.Range(0, rank + 2).Select(i => (long)i)];
        long[] blockShape = channelsLast ? [batch, .. sizes, .. kernel, outChannels] : [batch, .. sizes, outChannels, .. kernel];
        var blocks = rows.matmul(weight.permute(weightOrder).reshape(inChannels, -1)).reshape(blockShape);
        var firstTap = channelsLast ? 1 + rank : 2 + rank;
        var blockPads = new long[2 * (blockShape.Length - firstTap)];
        for (var i = 0; i < rank; i++)
        {
            blockPads[(2 * (blockShape.Length - 1 - (firstTap + i))) + 1] = block[i] - kernel[i];
        }

        if (blockPads.Any(p => p != 0))
        {
            blocks = torch.nn.functional.pad(blocks, blockPads);
        }

        // Interleave each dimension's block index with its position in the block: (N, L1, b1, L2, b2, …), with the
        // channels last or second.
        var interleaved = Enumerable.Range(0, rank).SelectMany(i => new long[] { 1 + i, firstTap + i }).ToArray();
        var image = channelsLast
            ? blocks.permute([0, .. interleaved, (2 * rank) + 1]).reshape([batch, .. sizes.Select((size, i) => size * block[i]), outChannels]).permute([0, rank + 1, .. Enumerable.Range(1, rank).Select(i => (long)i)])
            : blocks.permute([0, 1 + rank, .. interleaved]).reshape([batch, outChannels, .. sizes.Select((size, i) => size * block[i])]);

        // Output position t of dimension i is the image's position t + libtorch's padding + TensorFlow's crop; pad
        // crops before (negative) and crops or zero-fills after.
        var pads = new long[2 * rank];
        for (var i = 0; i < rank; i++)
        {
            var offset = plan.TorchPadding[i] + plan.CropStart[i];
            var slot = 2 * (rank - 1 - i);
            pads[slot] = -offset;
            pads[slot + 1] = offset + plan.Output[i] - (sizes[i] * block[i]);
        }

        return scope.MoveToOuter(pads.All(p => p == 0) ? image : torch.nn.functional.pad(image, pads));
    }
}

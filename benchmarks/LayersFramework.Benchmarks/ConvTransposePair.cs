// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using LayersFramework.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Benchmarks;

/// <summary>
/// One shape of the suite set up on both sides: our layer in Keras's data format, and TorchSharp's
/// <c>nn.ConvTranspose{1,2,3}d</c> with the same weights and the same input values, each side in the memory format
/// its <see cref="PairLayout"/> says (channels-last for TorchSharp is an NCHW view of NHWC memory with the weight in
/// channels-last order, as <c>module.to(memory_format=torch.channels_last)</c> gives in PyTorch).
/// </summary>
internal sealed class ConvTransposePair : IDisposable
{
    private readonly Tensor oursInput;
    private readonly Tensor theirsInput;
    private readonly Tensor oursUpstream;
    private readonly Tensor theirsUpstream;

    private ConvTransposePair(ConvTransposeShape shape, PairLayout layout)
    {
        Shape = shape;
        Layout = layout;
        var channelsLast = OursChannelsLast;
        var rank = shape.Rank;
        long[] spatial = [.. Enumerable.Repeat((long)shape.Size, rank)];
        long[] inputShape = channelsLast ? [shape.Batch, .. spatial, shape.In] : [shape.Batch, shape.In, .. spatial];
        long[] toChannelsFirst = [0, rank + 1, .. Enumerable.Range(1, rank).Select(i => (long)i)];

        using var scope = NewDisposeScope();
        using var generator = new torch.Generator(1);
        oursInput = randn(inputShape, generator: generator).requires_grad_(true).DetachFromDisposeScope();
        using (no_grad())
        {
            var copy = oursInput.detach().clone();
            var theirs = layout switch
            {
                PairLayout.ChannelsLast => copy.permute(toChannelsFirst),
                PairLayout.ChannelsFirst => copy,
                _ => copy.permute(toChannelsFirst).contiguous(),
            };
            theirsInput = theirs.requires_grad_(true).DetachFromDisposeScope();
        }

        Ours = CreateOurs(shape, channelsLast);
        Theirs = CreateTheirs(shape);
        using (no_grad())
        {
            // Builds our layer (its kernel in Keras's layout, then its bias), and gives TorchSharp the same values.
            var ourOutput = Ours.Call(oursInput);
            var weights = Ours.GetWeights();
            var kernel = weights[0].permute([rank + 1, rank, .. Enumerable.Range(0, rank).Select(i => (long)i)]);
            if (layout == PairLayout.ChannelsLast && rank > 1)
            {
                // (Cin, Cout, k…) viewed over memory ordered (Cin, k…, Cout).
                long[] channelsToEnd = [0, .. Enumerable.Range(2, rank).Select(i => (long)i), 1];
                kernel = kernel.permute(channelsToEnd).contiguous().permute([0, rank + 1, .. Enumerable.Range(1, rank).Select(i => (long)i)]);
            }
            else
            {
                kernel = kernel.contiguous();
            }

            SetWeight(Theirs, kernel, weights[1].contiguous());

            // A dense upstream gradient, as a real loss gives, in each side's output layout.
            oursUpstream = ones_like(ourOutput).DetachFromDisposeScope();
            theirsUpstream = ones_like(Theirs.call(theirsInput)).DetachFromDisposeScope();
        }
    }

    /// <summary>Gets the shape.</summary>
    public ConvTransposeShape Shape { get; }

    /// <summary>Gets the memory format of each side.</summary>
    public PairLayout Layout { get; }

    /// <summary>Gets a value indicating whether our layer runs channels-last (Keras's NHWC).</summary>
    public bool OursChannelsLast => Layout != PairLayout.ChannelsFirst;

    /// <summary>Gets our layer.</summary>
    public Layer Ours { get; }

    /// <summary>Gets TorchSharp's module.</summary>
    public nn.Module<Tensor, Tensor> Theirs { get; }

    /// <summary>Creates both sides.</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="layout">Each side's memory format.</param>
    /// <returns>The pair.</returns>
    public static ConvTransposePair Create(ConvTransposeShape shape, PairLayout layout) => new(shape, layout);

    /// <summary>One forward pass of our layer, and with <paramref name="backward"/> its backward pass to the input and the weights.</summary>
    /// <param name="backward">Whether to differentiate.</param>
    public void RunOurs(bool backward) => Run(Ours, x => Ours.Call(x), oursInput, oursUpstream, backward);

    /// <summary>The same for TorchSharp's module.</summary>
    /// <param name="backward">Whether to differentiate.</param>
    public void RunTheirs(bool backward) => Run(Theirs, x => Theirs.call(x), theirsInput, theirsUpstream, backward);

    /// <summary>
    /// The largest difference between the two sides' outputs (channels-first), or null where TensorFlow's SAME
    /// placement crops differently from PyTorch's symmetric padding (then the outputs are shifted by one position).
    /// </summary>
    /// <returns>The difference.</returns>
    public double? OutputDifference()
    {
        if (!Shape.SamePlacement)
        {
            return null;
        }

        using var scope = NewDisposeScope();
        using var mode = no_grad();
        var rank = Shape.Rank;
        var ours = Ours.Call(oursInput);
        if (OursChannelsLast)
        {
            ours = ours.permute([0, rank + 1, .. Enumerable.Range(1, rank).Select(i => (long)i)]);
        }

        return (ours - Theirs.call(theirsInput)).abs().max().item<float>();
    }

    /// <summary>Frees both sides.</summary>
    public void Dispose()
    {
        Ours.Dispose();
        Theirs.Dispose();
        oursInput.Dispose();
        theirsInput.Dispose();
        oursUpstream.Dispose();
        theirsUpstream.Dispose();
    }

    private static void Run(nn.Module module, Func<Tensor, Tensor> call, Tensor input, Tensor upstream, bool backward)
    {
        using var scope = NewDisposeScope();
        if (!backward)
        {
            using var mode = no_grad();
            call(input);
            return;
        }

        call(input).backward([upstream]);

        // As an optimizer's zero_grad(set_to_none) would: the next pass allocates fresh gradients.
        module.zero_grad();
        input.grad = null;
    }

    private static Layer CreateOurs(ConvTransposeShape shape, bool channelsLast)
    {
        var format = channelsLast ? "channels_last" : "channels_first";
        return shape.Rank switch
        {
            1 => new Conv1DTranspose(shape.Out, shape.Kernel, strides: shape.Stride, padding: shape.Padding, dataFormat: format),
            2 => new Conv2DTranspose(shape.Out, shape.Kernel, strides: shape.Stride, padding: shape.Padding, dataFormat: format),
            _ => new Conv3DTranspose(shape.Out, shape.Kernel, strides: shape.Stride, padding: shape.Padding, dataFormat: format),
        };
    }

    private static nn.Module<Tensor, Tensor> CreateTheirs(ConvTransposeShape shape) => shape.Rank switch
    {
        1 => nn.ConvTranspose1d(shape.In, shape.Out, shape.Kernel, shape.Stride, shape.TorchPadding, shape.TorchOutputPadding),
        2 => nn.ConvTranspose2d(shape.In, shape.Out, shape.Kernel, shape.Stride, shape.TorchPadding, shape.TorchOutputPadding),
        _ => nn.ConvTranspose3d(shape.In, shape.Out, shape.Kernel, shape.Stride, shape.TorchPadding, shape.TorchOutputPadding),
    };

    private static void SetWeight(nn.Module<Tensor, Tensor> module, Tensor kernel, Tensor bias)
    {
        var convolution = (TorchSharp.Modules.Convolution)module;
        convolution.weight = nn.Parameter(kernel.detach());
        convolution.bias = nn.Parameter(bias.detach());
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Benchmarks;

/// <summary>The memory format each side of a <see cref="ConvTransposePair"/> computes in.</summary>
internal enum PairLayout
{
    /// <summary>Both channels-last: Keras's NHWC data for us; for TorchSharp an NCHW view of the same memory, with its weight channels-last too.</summary>
    ChannelsLast,

    /// <summary>Both channels-first: our layer with <c>dataFormat: "channels_first"</c>, TorchSharp's module on the same NCHW tensor.</summary>
    ChannelsFirst,

    /// <summary>The comparison users make, each side in its framework's default: our layer on NHWC data (Keras's), TorchSharp's module on an NCHW tensor (PyTorch's).</summary>
    Defaults,
}

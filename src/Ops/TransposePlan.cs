// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Ops;

/// <summary>How one TensorFlow transposed convolution runs on libtorch, per spatial dimension.</summary>
/// <param name="TorchPadding">libtorch's symmetric padding (cropped from both ends of the full result).</param>
/// <param name="OutputPadding">libtorch's output padding (zeros appended; always less than the stride).</param>
/// <param name="CropStart">Where the requested output starts in libtorch's result.</param>
/// <param name="Output">The requested output sizes.</param>
internal sealed record TransposePlan(long[] TorchPadding, long[] OutputPadding, long[] CropStart, long[] Output);

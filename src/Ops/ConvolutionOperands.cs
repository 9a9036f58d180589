// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using static TorchSharp.torch;

namespace LayersFramework.Ops;

/// <summary>What <c>ConvolutionArguments.Validate</c> established about a convolution's operands.</summary>
/// <param name="InputShape">The input's shape, in its data format.</param>
/// <param name="FilterShape">The filters' shape, in TensorFlow's layout.</param>
/// <param name="Kernel">The kernel's spatial sizes.</param>
/// <param name="Stride">The spatial strides.</param>
/// <param name="Dilation">The spatial dilations.</param>
/// <param name="InChannels">The input's channel count.</param>
/// <param name="Widened">The dtype to compute in, or null for the input's own.</param>
internal sealed record ConvolutionOperands(long[] InputShape, long[] FilterShape, long[] Kernel, long[] Stride, long[] Dilation, long InChannels, ScalarType? Widened);

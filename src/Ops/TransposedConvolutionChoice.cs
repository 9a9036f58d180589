// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Collections.Generic;

namespace LayersFramework.Ops;

/// <summary>The path chosen for one transposed-convolution shape, and what each candidate took when it was timed.</summary>
/// <param name="Shape">The shape, data type, memory format and thread count, as text.</param>
/// <param name="Backward">Whether the timing included the backward pass.</param>
/// <param name="Path">The path chosen.</param>
/// <param name="Milliseconds">Each candidate's best time; empty when the choice followed the rule.</param>
public sealed record TransposedConvolutionChoice(string Shape, bool Backward, TransposedConvolutionPath Path, IReadOnlyDictionary<TransposedConvolutionPath, double> Milliseconds);

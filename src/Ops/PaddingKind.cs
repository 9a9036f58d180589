// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Ops;

/// <summary>TensorFlow's three kinds of padding.</summary>
internal enum PaddingKind
{
    /// <summary>"SAME": the forward convolution's output is ceil(input / stride); the odd unit of padding goes after.</summary>
    Same,

    /// <summary>"VALID": no padding.</summary>
    Valid,

    /// <summary>Explicit (before, after) amounts per spatial dimension.</summary>
    Explicit,
}

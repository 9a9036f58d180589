// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Torch;

/// <summary>Which kind of C++ exception libtorch raised.</summary>
public enum NativeErrorKind
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary><c>c10::Error</c>: libtorch's general error (shape mismatches, invalid arguments).</summary>
    Torch = 1,

    /// <summary><c>c10::IndexError</c>: a dimension or index out of range.</summary>
    Index = 2,

    /// <summary><c>c10::ValueError</c>: an argument with an invalid value.</summary>
    Value = 3,

    /// <summary><c>c10::TypeError</c>: an unsupported dtype or argument type.</summary>
    Type = 4,

    /// <summary><c>c10::NotImplementedError</c>: the operation has no kernel for these inputs.</summary>
    NotImplemented = 5,

    /// <summary><c>std::bad_alloc</c>: native memory ran out.</summary>
    OutOfMemory = 6,

    /// <summary>Another <c>std::exception</c>.</summary>
    Std = 7,

    /// <summary>Something that is not a <c>std::exception</c>.</summary>
    Unknown = 8,
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Torch;

/// <summary>Element types of a tensor. The values are libtorch's own <c>c10::ScalarType</c> codes.</summary>
#pragma warning disable CA1028, CA1720 // int8_t like the native argument; the members are dtype names, as in every tensor library.
public enum ScalarType : sbyte
{
    /// <summary>Unsigned 8-bit integer (<see cref="byte"/>).</summary>
    UInt8 = 0,

    /// <summary>Signed 8-bit integer (<see cref="sbyte"/>).</summary>
    Int8 = 1,

    /// <summary>Signed 16-bit integer (<see cref="short"/>).</summary>
    Int16 = 2,

    /// <summary>Signed 32-bit integer (<see cref="int"/>).</summary>
    Int32 = 3,

    /// <summary>Signed 64-bit integer (<see cref="long"/>); the type of indices.</summary>
    Int64 = 4,

    /// <summary>IEEE half precision (<see cref="System.Half"/>).</summary>
    Float16 = 5,

    /// <summary>IEEE single precision (<see cref="float"/>); the default.</summary>
    Float32 = 6,

    /// <summary>IEEE double precision (<see cref="double"/>).</summary>
    Float64 = 7,

    /// <summary>Boolean (<see cref="bool"/>), the result of comparisons.</summary>
    Bool = 11,

    /// <summary>Brain floating point: float32's range with 8 bits of mantissa. Read it back as float32.</summary>
    BFloat16 = 15,
}
#pragma warning restore CA1028, CA1720

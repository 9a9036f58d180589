// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Torch;

/// <summary>How a tensor's elements are laid out in memory. The values are libtorch's <c>c10::MemoryFormat</c> codes.</summary>
#pragma warning disable CA1028 // The underlying type matches the native int8_t argument.
public enum MemoryFormat : sbyte
#pragma warning restore CA1028
{
    /// <summary>Row-major over the logical shape (NCHW for images).</summary>
    Contiguous = 0,

    /// <summary>Keep the source's layout (for clones).</summary>
    Preserve = 1,

    /// <summary>Channels last for 4-D tensors: logical NCHW stored as NHWC.</summary>
    ChannelsLast = 2,

    /// <summary>Channels last for 5-D tensors: logical NCDHW stored as NDHWC.</summary>
    ChannelsLast3d = 3,
}

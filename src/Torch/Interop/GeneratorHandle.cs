// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;

namespace LayersFramework.Torch.Interop;

/// <summary>Owns one native <c>at::Generator*</c>.</summary>
internal sealed class GeneratorHandle : SafeHandle
{
    /// <summary>Stands for libtorch's default generator in native arguments; never released.</summary>
    internal static readonly GeneratorHandle Default = new();

    internal GeneratorHandle(IntPtr handle)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(handle);
    }

    public GeneratorHandle()
        : base(IntPtr.Zero, ownsHandle: false)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.LFT_Generator_free(handle);
        return true;
    }
}

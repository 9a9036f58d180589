// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace LayersFramework.Torch.Interop;

/// <summary>
/// Owns one native <c>at::Tensor*</c>. Releasing it deletes that handle (libtorch frees the storage when the
/// last handle to it goes). Counts the live handles for leak tests.
/// </summary>
internal sealed class TensorHandle : SafeHandle
{
    private static long liveCount;

    /// <summary>A handle that stands for "no tensor" in optional native arguments; never released.</summary>
    internal static readonly TensorHandle Null = new();

    internal TensorHandle(IntPtr handle)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(handle);
        Interlocked.Increment(ref liveCount);
    }

    // Used by the LibraryImport marshaller and for Null.
    public TensorHandle()
        : base(IntPtr.Zero, ownsHandle: false)
    {
    }

    internal static long LiveCount => Interlocked.Read(ref liveCount);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.LFT_Tensor_free(handle);
        Interlocked.Decrement(ref liveCount);
        return true;
    }
}

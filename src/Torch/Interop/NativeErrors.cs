// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;

namespace LayersFramework.Torch.Interop;

/// <summary>Turns a native failure (null handle or negative status) into a <see cref="TorchException"/>.</summary>
internal static class NativeErrors
{
    /// <summary>Returns <paramref name="handle"/>, or throws the pending native error when it is null.</summary>
    internal static IntPtr Check(IntPtr handle) => handle != IntPtr.Zero ? handle : throw Take();

    /// <summary>Returns <paramref name="status"/>, or throws the pending native error when it is negative.</summary>
    internal static int Check(int status) => status >= 0 ? status : throw Take();

    /// <inheritdoc cref="Check(int)"/>
    internal static long Check(long status) => status >= 0 ? status : throw Take();

    /// <summary>Reads and clears this thread's native error slot.</summary>
    internal static TorchException Take()
    {
        var kind = (NativeErrorKind)NativeMethods.LFT_last_error_kind();
        var message = Marshal.PtrToStringUTF8(NativeMethods.LFT_last_error_message()) ?? string.Empty;
        NativeMethods.LFT_clear_error();
        return kind == NativeErrorKind.None
            ? new TorchException(NativeErrorKind.Unknown, "a native call failed without reporting an error")
            : new TorchException(kind, message);
    }
}

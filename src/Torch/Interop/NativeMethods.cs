// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Torch.Interop;

/// <summary>
/// Every P/Invoke into the native shim, one file per native area, each declaration named after its export.
/// Tensor-returning exports give <see cref="System.IntPtr.Zero"/> on failure and status-returning ones a
/// negative value; <see cref="NativeErrors"/> turns either into a managed exception.
/// </summary>
internal static partial class NativeMethods
{
    /// <summary>The shim's name as <c>LibraryImport</c> resolves it (file <c>libLayersFramework.Torch.Native.so</c>).</summary>
    internal const string LibraryName = "LayersFramework.Torch.Native";

    // Runs before the first native call: the loader explains a missing shim or libtorch and checks versions.
#pragma warning disable CA1810 // The resolver must be registered before any P/Invoke runs; a field initializer cannot do that.
    static NativeMethods() => NativeLibraryLoader.Register();
#pragma warning restore CA1810
}

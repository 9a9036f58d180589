// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch;

/// <summary>Sets libtorch's grad mode on this thread and restores the previous one when disposed.</summary>
public sealed class GradModeScope : IDisposable
{
    private readonly bool previous;
    private bool disposed;

    internal GradModeScope(bool enabled)
    {
        previous = Autograd.IsGradEnabled;
        NativeMethods.LFT_set_grad_enabled(enabled);
    }

    /// <summary>Restores the grad mode that was in force when the scope began (once; later calls do nothing).</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            NativeMethods.LFT_set_grad_enabled(previous);
            disposed = true;
        }
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace LayersFramework.Examples.FashionGan;

/// <summary>
/// Ctrl-C (SIGINT) as a request to stop between training steps, while it is registered: the first one sets
/// <see cref="Requested"/> instead of ending the process, so the training loop can finish its step, save a checkpoint
/// there and end with <see cref="ExitCode"/>; a second one ends the process at once, as Ctrl-C does without this
/// (the checkpoint already on disk stays whole: saves are atomic).
/// </summary>
internal sealed class Interruption : IDisposable
{
    /// <summary>The exit code of a run Ctrl-C stopped: 128 + SIGINT (2), as shells report a program that SIGINT ended.</summary>
    public const int ExitCode = 130;

    private readonly CancellationTokenSource requests = new();
    private readonly PosixSignalRegistration registration;

    /// <summary>Initializes a new instance of the <see cref="Interruption"/> class: handles Ctrl-C until disposed.</summary>
    public Interruption() => registration = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

    /// <summary>Gets the token that is cancelled at the first Ctrl-C.</summary>
    public CancellationToken Requested => requests.Token;

    /// <summary>Restores Ctrl-C's default behaviour.</summary>
    public void Dispose()
    {
        registration.Dispose();
        requests.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The first request is kept (and the process goes on); at the second, the default happens: the process ends.
        context.Cancel = !requests.IsCancellationRequested;
        try
        {
            requests.Cancel();
        }
        catch (ObjectDisposedException)
        {
            context.Cancel = false; // a signal that raced Dispose: as if no longer registered
        }
    }
}

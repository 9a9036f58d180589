// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using TorchSharp;

namespace LayersFramework.Engine;

/// <summary>
/// A TorchSharp dispose scope (<c>torch.NewDisposeScope()</c>) that refuses to be disposed on another thread than the
/// one that opened it. TorchSharp keeps each thread's current scope in a thread-static chain and checks nothing: a
/// scope disposed elsewhere (a <c>using</c> across an <c>await</c> that resumed on another thread, or
/// <c>Task.Run(scope.Dispose)</c>) edits the opening thread's chain while that thread may be using it, which can leave
/// a dead scope current for good, crash on a corrupted set, or free tensors still in use.
/// </summary>
/// <remarks>
/// A Dispose on the wrong thread throws <see cref="InvalidOperationException"/> and changes nothing. The opening thread
/// then disposes the scope itself at its next <see cref="ThreadDisposeScope"/> open or dispose, innermost first, so
/// its chain stays whole. Keep scopes inside synchronous code, or open them after an <c>await</c>, not across one.
/// </remarks>
/// <example>
/// <code>
/// for (var step = 0; step &lt; steps; step++)
/// {
///     using var scope = new ThreadDisposeScope();
///     var loss = TrainStep(model, batch); // every tensor made here is freed at the end of the step
/// }
/// </code>
/// </example>
public sealed class ThreadDisposeScope : IDisposable
{
    // This thread's scopes not yet disposed, oldest first.
    [ThreadStatic]
    private static List<ThreadDisposeScope>? open;

    private readonly int thread = Environment.CurrentManagedThreadId;
    private volatile bool orphaned;

    /// <summary>Initializes a new instance of the <see cref="ThreadDisposeScope"/> class: opens a dispose scope on this thread.</summary>
    public ThreadDisposeScope()
    {
        DisposeOrphans();
        Scope = torch.NewDisposeScope();
        (open ??= []).Add(this);
    }

    /// <summary>Gets TorchSharp's scope, for <c>MoveToOuter</c>, <c>Detach</c> and the like.</summary>
    public DisposeScope Scope { get; }

    /// <summary>Disposes every tensor made in the scope and makes its outer scope current again.</summary>
    /// <exception cref="InvalidOperationException">Called on another thread than the one that opened the scope; nothing was disposed.</exception>
    public void Dispose()
    {
        var here = Environment.CurrentManagedThreadId;
        if (here != thread)
        {
            orphaned = true;
            throw new InvalidOperationException(
                $"A dispose scope opened on thread {thread} was disposed on thread {here}. TorchSharp keeps the current dispose scope per thread, "
                + "so a scope must be disposed on the thread that opened it: do not keep one open across an 'await', or hand it to another thread. "
                + $"Nothing was disposed now; thread {thread} disposes the scope at its next ThreadDisposeScope open or dispose.");
        }

        DisposeOrphans();
        if (open?.Remove(this) == true)
        {
            Scope.Dispose();
        }
    }

    /// <summary>Disposes, on their own thread and innermost first, the scopes another thread tried to dispose.</summary>
    private static void DisposeOrphans()
    {
        if (open is not { Count: > 0 } scopes)
        {
            return;
        }

        for (var index = scopes.Count - 1; index >= 0; index--)
        {
            if (scopes[index].orphaned)
            {
                var scope = scopes[index];
                scopes.RemoveAt(index);
                scope.Scope.Dispose();
            }
        }
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Engine.Tests;

/// <summary>
/// Dispose scopes disposed on another thread than the one that opened them (a <c>using</c> across an <c>await</c>,
/// <c>Task.Run(scope.Dispose)</c>): TorchSharp's own, and <see cref="ThreadDisposeScope"/>, which refuses.
/// </summary>
public sealed class ThreadDisposeScopeTests
{
    [Fact]
    public void TorchSharpsScope_DisposedOnAnotherThreadWhileItsOwnerWaits_LeavesTheOuterScopeCurrent()
    {
        // TorchSharp edits the opening thread's chain from the other thread; while the owner waits, that is safe.
        using var outer = NewDisposeScope();
        var inner = NewDisposeScope();
        var made = ones(2);

        Assert.Null(OnAnotherThread(inner.Dispose));
        var after = ones(2);

        Assert.True(made.IsInvalid);
        Assert.Same(outer, CurrentDisposeScope);
        Assert.True(outer.Contains(after));
    }

    [Fact]
    public void DisposedOnAnotherThread_Throws_ChangesNothing_AndItsOwnerDisposesItNext()
    {
        Tensor made, later;
        var outer = new ThreadDisposeScope();
        var inner = new ThreadDisposeScope();
        made = ones(2);

        var error = OnAnotherThread(inner.Dispose);
        Assert.False(made.IsInvalid);
        Assert.Same(inner.Scope, CurrentDisposeScope);
        later = ones(2);
        outer.Dispose();

        var refused = Assert.IsType<InvalidOperationException>(error);
        Assert.Contains($"A dispose scope opened on thread {Environment.CurrentManagedThreadId} was disposed on thread", refused.Message, StringComparison.Ordinal);
        Assert.Contains("do not keep one open across an 'await'", refused.Message, StringComparison.Ordinal);
        Assert.True(made.IsInvalid);
        Assert.True(later.IsInvalid);
        Assert.Null(CurrentDisposeScope);
    }

    [Fact]
    public void DisposedOnAnotherThreadWhileItsOwnerWorks_NeitherCrashesNorLeaks()
    {
        // With TorchSharp's scope this race crashed the test process (a corrupted set, then a finalizer's
        // ObjectDisposedException) or left a dead scope current; the wrong-thread Dispose now touches nothing.
        var refused = 0;
        var kept = new List<Tensor>();
        for (var iteration = 0; iteration < 2_000; iteration++)
        {
            var outer = new ThreadDisposeScope();
            var inner = new ThreadDisposeScope();
            var other = new Thread(() =>
            {
                try
                {
                    inner.Dispose();
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref refused);
                }
            });
            other.Start();
            for (var work = 0; work < 5; work++)
            {
                using var nested = new ThreadDisposeScope();
                kept.Add(ones(2) + 1);
            }

            other.Join();
            kept.Add(ones(2));
            outer.Dispose();
            Assert.Null(CurrentDisposeScope);
        }

        Assert.Equal(2_000, refused);
        Assert.All(kept, tensor => Assert.True(tensor.IsInvalid));
    }

    /// <summary>Runs an action on a new thread while this one waits; returns what it threw.</summary>
    private static Exception? OnAnotherThread(Action action)
    {
        Exception? thrown = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                thrown = e;
            }
        });
        thread.Start();
        thread.Join();
        return thrown;
    }
}

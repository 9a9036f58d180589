// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace LayersFramework.Torch;

/// <summary>
/// Owns every tensor created on this thread while it is the innermost scope, and disposes them all when it
/// is disposed, except those moved out with <see cref="MoveToOuter"/> or <see cref="Detach"/>. Scopes nest.
/// </summary>
/// <remarks>
/// Tensors that must outlive every scope (weights, optimizer state) are taken out with
/// <see cref="Tensor.DetachFromDisposeScope"/> when they are created; a scope never frees them afterwards.
/// </remarks>
/// <example>
/// <code>
/// for (var step = 0; step &lt; steps; step++)
/// {
///     using var scope = new DisposeScope();
///     var loss = model.Call(batch).Square().Mean();  // every temporary belongs to the scope
///     loss.Backward();
///     lossValue = loss.Item();
/// } // all temporaries freed here
/// </code>
/// </example>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic]
    private static DisposeScope? current;

    private readonly HashSet<Tensor> tensors = new(ReferenceEqualityComparer.Instance);
    private bool disposed;

    /// <summary>Opens a scope on this thread; it becomes the innermost one until disposed.</summary>
    public DisposeScope()
    {
        Outer = current;
        current = this;
    }

    /// <summary>Gets the innermost open scope on this thread, or null.</summary>
    public static DisposeScope? Current => current;

    /// <summary>Gets the scope that was innermost when this one opened, or null.</summary>
    public DisposeScope? Outer { get; }

    /// <summary>Gets the number of tensors this scope will dispose.</summary>
    public int Count => tensors.Count;

    /// <summary>Moves a tensor to the enclosing scope (or out of all scopes if there is none).</summary>
    /// <param name="tensor">A tensor of this scope.</param>
    /// <returns>The tensor.</returns>
    public Tensor MoveToOuter(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        Take(tensor);
        Outer?.Adopt(tensor);
        return tensor;
    }

    /// <summary>Takes a tensor out of this scope: nothing disposes it but its owner.</summary>
    /// <param name="tensor">A tensor of this scope.</param>
    /// <returns>The tensor.</returns>
    public Tensor Detach(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        Take(tensor);
        return tensor;
    }

    /// <summary>Disposes every tensor the scope still owns, closing any scopes opened inside it first.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        // Scopes opened inside this one and left open are closed with it.
        while (current is not null && current != this && IsInside(current))
        {
            current.Dispose();
        }

        foreach (var tensor in tensors)
        {
            tensor.OwningScope = null;
            tensor.Dispose();
        }

        tensors.Clear();
        disposed = true;
        if (current == this)
        {
            current = Outer;
        }
    }

    /// <summary>Registers a new tensor with the innermost scope of this thread, if any.</summary>
    internal static void Register(Tensor tensor) => current?.Adopt(tensor);

    /// <summary>Forgets a tensor that was disposed by its owner.</summary>
    internal void Forget(Tensor tensor)
    {
        tensors.Remove(tensor);
        tensor.OwningScope = null;
    }

    private void Adopt(Tensor tensor)
    {
        tensors.Add(tensor);
        tensor.OwningScope = this;
    }

    private void Take(Tensor tensor)
    {
        if (tensor.OwningScope != this)
        {
            throw new ArgumentException("The tensor does not belong to this scope.", nameof(tensor));
        }

        Forget(tensor);
    }

    private bool IsInside(DisposeScope scope)
    {
        for (var outer = scope.Outer; outer is not null; outer = outer.Outer)
        {
            if (outer == this)
            {
                return true;
            }
        }

        return false;
    }
}

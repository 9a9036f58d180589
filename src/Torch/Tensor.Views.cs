// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch;

/// <content>Views and layout: reshaping, reordering, slicing, joining and padding.</content>
public sealed partial class Tensor
{
    /// <summary>Returns the same elements in a new shape (a view when the strides allow, else a copy); one size may be -1.</summary>
    /// <param name="shape">The new sizes; their product must equal <see cref="NumElements"/>.</param>
    /// <returns>The reshaped tensor.</returns>
    public Tensor Reshape(params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return Wrap(NativeMethods.LFT_Tensor_reshape(Handle, shape, shape.Length));
    }

    /// <summary>Returns a view with a new shape; fails when the strides do not allow a view (use <see cref="Reshape"/>).</summary>
    /// <inheritdoc cref="Reshape"/>
    public Tensor View(params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return Wrap(NativeMethods.LFT_Tensor_view(Handle, shape, shape.Length));
    }

    /// <summary>Returns a view with the dimensions reordered.</summary>
    /// <param name="dims">For each output dimension, the input dimension it takes.</param>
    /// <returns>The permuted view.</returns>
    public Tensor Permute(params long[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        return Wrap(NativeMethods.LFT_Tensor_permute(Handle, dims, dims.Length));
    }

    /// <summary>Returns a view with two dimensions swapped.</summary>
    /// <param name="dim0">The first dimension.</param>
    /// <param name="dim1">The second dimension.</param>
    /// <returns>The transposed view.</returns>
    public Tensor Transpose(long dim0, long dim1) => Wrap(NativeMethods.LFT_Tensor_transpose(Handle, dim0, dim1));

    /// <summary>Returns a view of <paramref name="length"/> entries of one dimension from <paramref name="start"/>.</summary>
    /// <param name="dim">The dimension.</param>
    /// <param name="start">The first entry kept.</param>
    /// <param name="length">How many entries.</param>
    /// <returns>The narrowed view.</returns>
    public Tensor Narrow(long dim, long start, long length) => Wrap(NativeMethods.LFT_Tensor_narrow(Handle, dim, start, length));

    /// <summary>Returns a view of entries start, start+step, ... below end of one dimension (Python's <c>x[start:end:step]</c>).</summary>
    /// <param name="dim">The dimension.</param>
    /// <param name="start">The first entry; negative counts from the end.</param>
    /// <param name="end">The bound, excluded; negative counts from the end; clipped to the size.</param>
    /// <param name="step">The step; 1 or more.</param>
    /// <returns>The sliced view.</returns>
    public Tensor Slice(long dim, long start, long end, long step = 1) =>
        Wrap(NativeMethods.LFT_Tensor_slice(Handle, dim, start, end, step));

    /// <summary>Returns a view of one entry of a dimension, with that dimension removed.</summary>
    /// <param name="dim">The dimension.</param>
    /// <param name="index">The entry; negative counts from the end.</param>
    /// <returns>The view.</returns>
    public Tensor Select(long dim, long index) => Wrap(NativeMethods.LFT_Tensor_select(Handle, dim, index));

    /// <summary>Gathers the entries of one dimension listed in <paramref name="index"/> (a copy).</summary>
    /// <param name="dim">The dimension.</param>
    /// <param name="index">A 1-D int64 tensor of entries.</param>
    /// <returns>The gathered tensor.</returns>
    public Tensor IndexSelect(long dim, Tensor index) => Wrap(NativeMethods.LFT_Tensor_index_select(Handle, dim, index.Handle));

    /// <summary>Removes every dimension of size 1.</summary>
    /// <returns>The squeezed view.</returns>
    public Tensor Squeeze() => Wrap(NativeMethods.LFT_Tensor_squeeze(Handle));

    /// <summary>Removes one dimension if its size is 1 (otherwise returns an alias).</summary>
    /// <param name="dim">The dimension.</param>
    /// <returns>The squeezed view.</returns>
    public Tensor Squeeze(long dim) => Wrap(NativeMethods.LFT_Tensor_squeeze_dim(Handle, dim));

    /// <summary>Inserts a dimension of size 1.</summary>
    /// <param name="dim">Where the new dimension goes.</param>
    /// <returns>The view.</returns>
    public Tensor Unsqueeze(long dim) => Wrap(NativeMethods.LFT_Tensor_unsqueeze(Handle, dim));

    /// <summary>Broadcasts size-1 dimensions to larger sizes without copying; -1 keeps a size.</summary>
    /// <param name="shape">The sizes wanted.</param>
    /// <returns>The expanded view.</returns>
    public Tensor Expand(params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return Wrap(NativeMethods.LFT_Tensor_expand(Handle, shape, shape.Length));
    }

    /// <summary>Tiles the tensor: dimension i is repeated <c>repeats[i]</c> times (a copy).</summary>
    /// <param name="repeats">The repetitions per dimension.</param>
    /// <returns>The tiled tensor.</returns>
    public Tensor Repeat(params long[] repeats)
    {
        ArgumentNullException.ThrowIfNull(repeats);
        return Wrap(NativeMethods.LFT_Tensor_repeat(Handle, repeats, repeats.Length));
    }

    /// <summary>Merges dimensions <paramref name="startDim"/> to <paramref name="endDim"/> into one.</summary>
    /// <param name="startDim">The first dimension merged.</param>
    /// <param name="endDim">The last dimension merged.</param>
    /// <returns>The flattened tensor.</returns>
    public Tensor Flatten(long startDim = 0, long endDim = -1) => Wrap(NativeMethods.LFT_Tensor_flatten(Handle, startDim, endDim));

    /// <summary>Reverses the order of entries along the given dimensions (a copy).</summary>
    /// <param name="dims">The dimensions.</param>
    /// <returns>The flipped tensor.</returns>
    public Tensor Flip(params long[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        return Wrap(NativeMethods.LFT_Tensor_flip(Handle, dims, dims.Length));
    }

    /// <summary>Returns a view of a diagonal of the matrices over two dimensions.</summary>
    /// <param name="offset">0 for the main diagonal, positive above it, negative below.</param>
    /// <param name="dim1">The row dimension.</param>
    /// <param name="dim2">The column dimension.</param>
    /// <returns>The diagonal, as the last dimension.</returns>
    public Tensor Diagonal(long offset = 0, long dim1 = 0, long dim2 = 1) =>
        Wrap(NativeMethods.LFT_Tensor_diagonal(Handle, offset, dim1, dim2));

    /// <summary>
    /// Pads the last dimensions, as <c>torch.nn.functional.pad</c>: <paramref name="pads"/> holds (before, after)
    /// pairs starting with the last dimension; negative values crop.
    /// </summary>
    /// <param name="pads">An even number of values: last dimension's before and after, then the one before it, ...</param>
    /// <param name="mode">"constant", "reflect", "replicate" or "circular".</param>
    /// <param name="value">The fill value for "constant".</param>
    /// <returns>The padded tensor.</returns>
    /// <exception cref="ArgumentException"><paramref name="mode"/> is not one of the four names.</exception>
    public Tensor Pad(long[] pads, string mode = "constant", double value = 0)
    {
        ArgumentNullException.ThrowIfNull(pads);
        string[] modes = ["constant", "reflect", "replicate", "circular"];
        if (!modes.Contains(mode))
        {
            throw new ArgumentException(
                $"Padding mode '{mode}' is not one of {string.Join(", ", modes.Select(m => $"'{m}'"))}.", nameof(mode));
        }

        return Wrap(NativeMethods.LFT_Tensor_pad(Handle, pads, pads.Length, mode, value));
    }

    /// <summary>Joins tensors along an existing dimension.</summary>
    /// <param name="tensors">The tensors; their other sizes must agree.</param>
    /// <param name="dim">The dimension along which to join.</param>
    /// <returns>The joined tensor.</returns>
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        var handles = Handles(tensors, nameof(tensors));
        var result = Wrap(NativeMethods.LFT_cat(handles, handles.Length, dim));
        GC.KeepAlive(tensors);
        return result;
    }

    /// <summary>Joins tensors of equal shape along a new dimension.</summary>
    /// <param name="tensors">The tensors; all of one shape.</param>
    /// <param name="dim">Where the new dimension goes.</param>
    /// <returns>The stacked tensor.</returns>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        var handles = Handles(tensors, nameof(tensors));
        var result = Wrap(NativeMethods.LFT_stack(handles, handles.Length, dim));
        GC.KeepAlive(tensors);
        return result;
    }

    /// <summary>The raw handles of a list of live tensors (keep the list alive for the duration of the call).</summary>
    internal static IntPtr[] Handles(IReadOnlyList<Tensor> tensors, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(tensors, parameterName);
        var handles = new IntPtr[tensors.Count];
        for (var i = 0; i < handles.Length; i++)
        {
            var tensor = tensors[i] ?? throw new ArgumentNullException(parameterName, $"Element {i} of {parameterName} is null.");
            ObjectDisposedException.ThrowIf(tensor.IsDisposed, tensor);
            handles[i] = tensor.Handle.DangerousGetHandle();
        }

        return handles;
    }
}

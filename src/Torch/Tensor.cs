// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;
using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch;

/// <summary>
/// A libtorch tensor on the CPU, owned through a native handle. Dispose it (or create it inside a
/// <see cref="DisposeScope"/>) to free its memory at once; an undisposed tensor is freed by the garbage
/// collector, later.
/// </summary>
/// <remarks>
/// Every operation returns a new <see cref="Tensor"/> object that the caller owns, including views that
/// share storage with their source; in-place operations (named <c>...InPlace</c>) return nothing.
/// </remarks>
/// <example>
/// <code>
/// using var scope = new DisposeScope();
/// var x = Tensor.FromArray(new float[] { 1, 2, 3, 4 }, [2, 2]);
/// var y = (x * 2 + 1).Sum();
/// float total = y.ToArray&lt;float&gt;()[0]; // 24
/// </code>
/// </example>
public sealed partial class Tensor : IDisposable
{
    private long[]? shape;

    internal Tensor(IntPtr handle)
    {
        Handle = new TensorHandle(handle);
        DisposeScope.Register(this);
    }

    /// <summary>Gets the number of tensors created and not yet freed, across all threads (for leak tests).</summary>
    public static long LiveCount => TensorHandle.LiveCount;

    /// <summary>Gets the sizes of the dimensions (a copy: changing it changes nothing).</summary>
    public long[] Shape => (long[])CachedShape.Clone();

    /// <summary>Gets the number of dimensions.</summary>
    public int Rank => CachedShape.Length;

    /// <summary>Gets the number of elements.</summary>
    public long NumElements => NativeErrors.Check(NativeMethods.LFT_Tensor_numel(Handle));

    /// <summary>Gets the element type.</summary>
    public ScalarType Dtype
    {
        get
        {
            var dtype = NativeMethods.LFT_Tensor_dtype(Handle);
            return (sbyte)dtype >= 0 ? dtype : throw NativeErrors.Take();
        }
    }

    /// <summary>Gets the strides, in elements, of each dimension.</summary>
    public unsafe long[] Strides
    {
        get
        {
            var result = new long[Rank];
            fixed (long* output = result)
            {
                NativeErrors.Check(NativeMethods.LFT_Tensor_strides(Handle, output, result.Length));
            }

            return result;
        }
    }

    /// <summary>Gets a value indicating whether this tensor has been disposed.</summary>
    public bool IsDisposed => Handle.IsClosed;

    /// <summary>Gets the scope that will dispose this tensor, if any.</summary>
    public DisposeScope? OwningScope { get; internal set; }

    internal TensorHandle Handle { get; }

    private unsafe long[] CachedShape
    {
        get
        {
            if (shape is null)
            {
                Span<long> buffer = stackalloc long[16];
                long rank;
                fixed (long* output = buffer)
                {
                    rank = NativeErrors.Check(NativeMethods.LFT_Tensor_sizes(Handle, output, buffer.Length));
                }

                if (rank > buffer.Length)
                {
                    var large = new long[rank];
                    fixed (long* output = large)
                    {
                        NativeErrors.Check(NativeMethods.LFT_Tensor_sizes(Handle, output, large.Length));
                    }

                    shape = large;
                }
                else
                {
                    shape = buffer[..(int)rank].ToArray();
                }
            }

            return shape;
        }
    }

    /// <summary>Gets the size of one dimension; negative dimensions count from the end.</summary>
    /// <param name="dim">The dimension.</param>
    /// <returns>Its size.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The tensor has no such dimension.</exception>
    public long Size(int dim)
    {
        var sizes = CachedShape;
        var index = dim < 0 ? dim + sizes.Length : dim;
        if (sizes.Length == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dim), dim, "A zero-dimensional tensor has no dimensions to size.");
        }

        if (index < 0 || index >= sizes.Length)
        {
            throw new ArgumentOutOfRangeException(
                nameof(dim), dim, $"A tensor of shape {Tuples.Format(sizes)} has dimensions -{sizes.Length}..{sizes.Length - 1}.");
        }

        return sizes[index];
    }

    /// <summary>Frees the native tensor now. Views and other handles to the same storage stay valid.</summary>
    public void Dispose()
    {
        OwningScope?.Forget(this);
        Handle.Dispose();
    }

    /// <summary>Moves this tensor out of its dispose scope into the enclosing one (or out of all scopes).</summary>
    /// <returns>This tensor.</returns>
    public Tensor MoveToOuterDisposeScope()
    {
        OwningScope?.MoveToOuter(this);
        return this;
    }

    /// <summary>
    /// Takes this tensor out of every dispose scope: it lives until disposed explicitly. Weights and optimizer
    /// state are held this way.
    /// </summary>
    /// <returns>This tensor.</returns>
    public Tensor DetachFromDisposeScope()
    {
        OwningScope?.Detach(this);
        return this;
    }

    /// <summary>Returns libtorch's printout of the values, or the shape and dtype once disposed.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        IsDisposed
            ? "Tensor (disposed)"
            : Marshal.PtrToStringUTF8(NativeErrors.Check(NativeMethods.LFT_Tensor_to_string(Handle))) ?? string.Empty;

    /// <summary>Wraps a handle returned by the shim, throwing the native error when it is null.</summary>
    internal static Tensor Wrap(IntPtr handle) => new(NativeErrors.Check(handle));

    /// <summary>The handle of an optional argument: <see cref="TensorHandle.Null"/> for none.</summary>
    internal static TensorHandle HandleOf(Tensor? tensor) => tensor?.Handle ?? TensorHandle.Null;
}

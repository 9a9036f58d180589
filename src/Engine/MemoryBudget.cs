// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using System.Threading;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Engine;

/// <summary>
/// The most memory one tensor that the framework is asked to create may take: weights and transposed-convolution
/// outputs whose size comes from an argument (<c>filters: 2_000_000_000</c>, a kernel of 100000×100000, an output
/// shape of 10^12 elements) are refused before anything is allocated, with the bytes they would need.
/// </summary>
/// <remarks>
/// The default is this machine's memory, or its container's limit (<see cref="GC.GetGCMemoryInfo()"/>'s total
/// available bytes): a tensor larger than that cannot succeed, and on Linux it would otherwise be promised by the
/// kernel and fail later, killing the process. Set a lower limit to protect a server from requests it should not try,
/// for the whole process (<see cref="MaxTensorBytes"/>) or for one request (<see cref="LimitTo"/>).
/// </remarks>
public static class MemoryBudget
{
    // A limit for the code running inside LimitTo, and the tasks it starts; null outside any.
    private static readonly AsyncLocal<long?> ScopedLimit = new();

    private static long maxTensorBytes = DefaultMaxTensorBytes;

    /// <summary>Gets the default limit: the memory available to this process.</summary>
    public static long DefaultMaxTensorBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Gets or sets the most bytes one tensor may take.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static long MaxTensorBytes
    {
        get => maxTensorBytes;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            maxTensorBytes = value;
        }
    }

    /// <summary>Gets the limit that applies here: <see cref="MaxTensorBytes"/>, or the lowest <see cref="LimitTo"/> around this code.</summary>
    public static long CurrentMaxTensorBytes => Math.Min(maxTensorBytes, ScopedLimit.Value ?? long.MaxValue);

    /// <summary>
    /// Lowers the limit for the code that runs until the returned object is disposed, and for the tasks it starts (the
    /// limit flows as an <see cref="AsyncLocal{T}"/> does), leaving other threads alone: a server can give each request
    /// its own limit. Limits nest; the lowest applies, and no scope raises the process's limit.
    /// </summary>
    /// <param name="bytes">The most bytes one tensor may take here.</param>
    /// <returns>Restores the limit that applied before when disposed.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    /// <example>
    /// <code>
    /// using (MemoryBudget.LimitTo(256L &lt;&lt; 20))
    /// {
    ///     using var model = LayerRegistry.Get(untrustedConfig);
    ///     var y = model.Call(x); // a weight or output above 256 MiB is refused, naming its size
    /// }
    /// </code>
    /// </example>
    public static IDisposable LimitTo(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        var previous = ScopedLimit.Value;
        ScopedLimit.Value = Math.Min(bytes, previous ?? long.MaxValue);
        return new Restore(previous);
    }

    /// <summary>Refuses a tensor of this shape and dtype when it would exceed <see cref="CurrentMaxTensorBytes"/>, or when its size overflows 64 bits.</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="dtype">The element type.</param>
    /// <param name="what">What the tensor is, for the message ("weight dense/kernel").</param>
    /// <param name="parameterName">The argument the size came from.</param>
    /// <exception cref="ArgumentException">The tensor would be too large; the message says how many bytes it needs.</exception>
    public static void Check(ReadOnlySpan<long> shape, ScalarType dtype, string what, string parameterName)
    {
        var bytes = (decimal)dtype.ElementSize();
        foreach (var size in shape)
        {
            bytes *= Math.Max(size, 0);
            if (bytes > long.MaxValue)
            {
                break;
            }
        }

        var limit = CurrentMaxTensorBytes;
        if (bytes > limit)
        {
            var amount = bytes > long.MaxValue ? "more than 2^63" : ((long)bytes).ToString("N0", CultureInfo.InvariantCulture);
            throw new ArgumentException(
                $"{what} of shape {Tuples.Format(shape.ToArray())} and dtype {dtype} would need {amount} bytes, more than the memory budget " +
                $"({limit.ToString("N0", CultureInfo.InvariantCulture)} bytes, MemoryBudget); nothing was allocated. Raise the limit if this is meant.",
                parameterName);
        }
    }

    private sealed class Restore(long? previous) : IDisposable
    {
        private bool restored;

        public void Dispose()
        {
            if (!restored)
            {
                restored = true;
                ScopedLimit.Value = previous;
            }
        }
    }
}

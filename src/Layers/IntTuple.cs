// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using LayersFramework.Engine;

namespace LayersFramework.Layers;

/// <summary>
/// A Keras tuple argument (kernel size, strides, dilation rate, output padding): one integer for every spatial
/// dimension, or one per dimension. Written as <c>3</c>, <c>[3, 3]</c> or <c>new[] { 3, 3 }</c>.
/// </summary>
/// <remarks>
/// A null array means "not given", as Keras's <c>None</c> does: held in an <c>int[]?</c> and passed to an optional
/// tuple parameter (<c>IntTuple?</c>), it converts to null, so the layer's default applies. Passed to a required one,
/// it converts to the empty tuple, which the layer refuses naming that parameter.
/// </remarks>
[CollectionBuilder(typeof(IntTuple), nameof(Create))]
public readonly struct IntTuple : IEnumerable<int>, IEquatable<IntTuple>
{
    private readonly int[]? values;

    private IntTuple(int[] values) => this.values = values;

    /// <summary>Gets the values as given.</summary>
    public IReadOnlyList<int> Values => values ?? [];

    /// <summary>One value for every dimension.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator IntTuple(int value) => FromInt32(value);

    /// <summary>One value per dimension; a null array gives the empty tuple, which no layer accepts for a required tuple.</summary>
    /// <param name="values">The values (copied), or null.</param>
    public static implicit operator IntTuple(int[]? values) => values is null ? default : FromArray(values);

    /// <summary>One value per dimension, or "not given" (null) for a null array, as Keras reads <c>None</c>.</summary>
    /// <param name="values">The values (copied), or null.</param>
    public static implicit operator IntTuple?(int[]? values) => values is null ? (IntTuple?)null : FromArray(values);

    /// <summary>Tells whether two tuples hold the same values.</summary>
    /// <param name="left">The first tuple.</param>
    /// <param name="right">The second tuple.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(IntTuple left, IntTuple right) => left.Equals(right);

    /// <summary>Tells whether two tuples hold different values.</summary>
    /// <param name="left">The first tuple.</param>
    /// <param name="right">The second tuple.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(IntTuple left, IntTuple right) => !left.Equals(right);

    /// <summary>A tuple of one value for every dimension.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The tuple.</returns>
    public static IntTuple FromInt32(int value) => new([value]);

    /// <summary>A tuple of the given values (copied).</summary>
    /// <param name="values">The values.</param>
    /// <returns>The tuple.</returns>
    public static IntTuple FromArray(int[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new((int[])values.Clone());
    }

    /// <summary>Builds a tuple from a collection expression such as <c>[3, 3]</c>.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The tuple.</returns>
    public static IntTuple Create(ReadOnlySpan<int> values) => new(values.ToArray());

    /// <summary>Expands to <paramref name="rank"/> values: a single value repeats, N values stay.</summary>
    /// <param name="rank">The number of spatial dimensions.</param>
    /// <returns>The values, or null when the count is neither 1 nor <paramref name="rank"/>.</returns>
    public int[]? Expand(int rank)
    {
        var given = values ?? [];
        if (given.Length == 1)
        {
            return Array.ConvertAll(new int[rank], _ => given[0]);
        }

        return given.Length == rank ? (int[])given.Clone() : null;
    }

    /// <inheritdoc/>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)(values ?? [])).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(IntTuple other) => ((IEnumerable<int>)(values ?? [])).SequenceEqual(other.values ?? []);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IntTuple other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (values ?? []).Aggregate(17, (hash, v) => (hash * 31) + v);

    /// <inheritdoc/>
    public override string ToString() => Tuples.Format(values ?? []);
}

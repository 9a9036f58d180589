// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace LayersFramework.Initializers;

/// <summary>
/// The base of the initializers that draw random numbers (Keras's <c>RandomInitializer</c>): it owns the seed
/// rule, the dtype check and the ownership of the result, so a subclass only says how to sample.
/// </summary>
/// <remarks>
/// <para>
/// Seeds follow Keras 3: an initializer seeded with an integer returns the same values on every call (each call
/// draws from a fresh <c>torch.Generator</c> seeded with it), so two layers built from one seeded instance get
/// equal weights. An unseeded initializer draws from libtorch's default generator, which
/// <c>TorchRuntime.ManualSeed</c> (or <c>torch.manual_seed</c>) makes reproducible; successive calls then give different values.
/// A seeded call does not advance the default generator. Seeds are used as their 64-bit pattern (a negative seed
/// is a large unsigned one). Random streams are libtorch's: the same seed gives other numbers than in Keras.
/// </para>
/// <para>
/// Float16 and BFloat16 results are sampled in float32 and rounded once (libtorch lacks some half-precision
/// samplers on the CPU, and the rounded float32 sample is the better approximation of the distribution).
/// </para>
/// </remarks>
public abstract class RandomInitializer : IInitializer
{
    /// <summary>Initializes the seed.</summary>
    /// <param name="seed">The seed, or null to draw from libtorch's default generator.</param>
    protected RandomInitializer(long? seed)
    {
        Seed = seed;
    }

    /// <summary>Gets the seed, or null when the initializer draws from libtorch's default generator.</summary>
    public long? Seed { get; }

    /// <inheritdoc/>
    /// <exception cref="System.ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="shape"/> has a negative size.</exception>
    /// <exception cref="System.ArgumentException"><paramref name="dtype"/> is not a floating-point type, or the shape does not suit the initializer.</exception>
    public Tensor Initialize(long[] shape, ScalarType dtype = ScalarType.Float32)
    {
        InitializerArguments.CheckShape(shape);
        InitializerArguments.CheckFloating(dtype, GetType().Name);
        using var scope = NewDisposeScope();
        using var generator = Seed is { } seed ? new Generator(unchecked((ulong)seed)) : null;
        var sampleType = dtype is ScalarType.Float16 or ScalarType.BFloat16 ? ScalarType.Float32 : dtype;
        var result = Sample((long[])shape.Clone(), sampleType, generator);
        if (result.dtype != dtype)
        {
            result = result.to(dtype);
        }

        return scope.MoveToOuter(result);
    }

    /// <inheritdoc/>
    public abstract JsonObject GetConfig();

    /// <summary>
    /// Draws the values. Runs inside a dispose scope that <see cref="Initialize"/> opened: create the result and any
    /// temporaries without disposing them, and return a tensor created in this call.
    /// </summary>
    /// <param name="shape">The shape, already checked (a copy the method may keep).</param>
    /// <param name="dtype">Float32 or Float64; half-precision requests are sampled in float32 and rounded afterwards.</param>
    /// <param name="generator">The seeded generator, or null for libtorch's default one.</param>
    /// <returns>The values.</returns>
    protected abstract Tensor Sample(long[] shape, ScalarType dtype, Generator? generator);
}

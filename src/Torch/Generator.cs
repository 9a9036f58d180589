// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch;

/// <summary>
/// A seeded source of random numbers (libtorch's CPU generator, a Mersenne Twister). Two generators with the
/// same seed give the same numbers in the same order.
/// </summary>
/// <example>
/// <code>
/// using var generator = new Generator(seed: 42);
/// using var weights = Tensor.Normal([3, 3], mean: 0, stddev: 0.02, generator);
/// </code>
/// </example>
public sealed class Generator : IDisposable
{
    /// <summary>Creates a generator.</summary>
    /// <param name="seed">The seed.</param>
    public Generator(ulong seed)
    {
        Handle = new GeneratorHandle(NativeErrors.Check(NativeMethods.LFT_Generator_new(seed)));
    }

    /// <summary>Gets the seed the generator was last seeded with.</summary>
    public ulong Seed => NativeMethods.LFT_Generator_initial_seed(Handle);

    internal GeneratorHandle Handle { get; }

    /// <summary>Reseeds the generator: it starts the sequence of that seed again.</summary>
    /// <param name="seed">The seed.</param>
    public void ManualSeed(ulong seed) => NativeErrors.Check(NativeMethods.LFT_Generator_set_seed(Handle, seed));

    /// <summary>Frees the native generator.</summary>
    public void Dispose() => Handle.Dispose();
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using TorchSharp;

namespace LayersFramework.Engine;

/// <summary>The libtorch runtime of this process: threads, the default random seed, and what was loaded.</summary>
public static class TorchRuntime
{
    /// <summary>
    /// Gets or sets the number of intra-op threads libtorch uses. It starts at the processor count unless the
    /// <c>OMP_NUM_THREADS</c> environment variable chooses.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is less than 1.</exception>
    public static int IntraOpThreads
    {
        get => torch.get_num_threads();
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            torch.set_num_threads(value);
        }
    }

    /// <summary>Seeds libtorch's default generator, which random operations use when no generator is given.</summary>
    /// <param name="seed">The seed.</param>
    public static void ManualSeed(ulong seed) => torch.manual_seed(unchecked((long)seed));
}

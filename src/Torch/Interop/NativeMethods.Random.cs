// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;

namespace LayersFramework.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Generator_new(ulong seed);

    [LibraryImport(LibraryName)]
    internal static partial void LFT_Generator_free(IntPtr generator);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Generator_set_seed(GeneratorHandle generator, ulong seed);

    [LibraryImport(LibraryName)]
    internal static partial ulong LFT_Generator_initial_seed(GeneratorHandle generator);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_manual_seed(ulong seed);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_uniform_(TensorHandle tensor, double low, double high, GeneratorHandle generator);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_normal_(TensorHandle tensor, double mean, double std, GeneratorHandle generator);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_bernoulli_(TensorHandle tensor, double p, GeneratorHandle generator);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_randperm(long n, GeneratorHandle generator, ScalarType dtype);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_randint(long low, long high, long[] shape, int ndim, GeneratorHandle generator, ScalarType dtype);
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using BenchmarkDotNet.Attributes;
using LayersFramework.Torch;

namespace LayersFramework.Benchmarks;

/// <summary>The cost of one call through the binding on a tensor too small for the arithmetic to matter.</summary>
[MemoryDiagnoser]
public class BindingOverhead
{
    private Tensor tiny = null!;

    /// <summary>Creates the operand.</summary>
    [GlobalSetup]
    public void Setup() => tiny = Tensor.Ones([4]);

    /// <summary>Frees the operand.</summary>
    [GlobalCleanup]
    public void Cleanup() => tiny.Dispose();

    /// <summary>An element-wise op: P/Invoke, libtorch dispatch, a new tensor handle, and its disposal.</summary>
    [Benchmark(Baseline = true)]
    public void AddScalar() => tiny.Add(1.0).Dispose();

    /// <summary>A metadata read: P/Invoke without libtorch dispatch.</summary>
    [Benchmark]
    public long NumElements() => tiny.NumElements;

    /// <summary>An in-place op: no new tensor.</summary>
    [Benchmark]
    public void MulInPlace() => tiny.MulInPlace(1.0);
}

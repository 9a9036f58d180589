// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Engine.Tests;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void IntraOpThreads_DefaultsToTheProcessorCount_AndCanBeChanged()
    {
        var original = TorchRuntime.IntraOpThreads;
        if (Environment.GetEnvironmentVariable("OMP_NUM_THREADS") is null)
        {
            Assert.Equal(Environment.ProcessorCount, original);
        }

        try
        {
            TorchRuntime.IntraOpThreads = 1;
            Assert.Equal(1, TorchRuntime.IntraOpThreads);
            Assert.Equal(1, torch.get_num_threads());
            Assert.Equal(1, TorchRuntime.Report().IntraOpThreads);
        }
        finally
        {
            TorchRuntime.IntraOpThreads = original;
        }

        Assert.Equal(original, torch.get_num_threads());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1 << 20)]
    [InlineData(int.MaxValue)]
    public void IntraOpThreads_OutsideOneToSixteenPerProcessor_IsRejected_AndTheCountStays(int count)
    {
        var before = TorchRuntime.IntraOpThreads;

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TorchRuntime.IntraOpThreads = count);

        Assert.Equal("value", error.ParamName);
        Assert.Contains($"from 1 to {16 * Environment.ProcessorCount}", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, TorchRuntime.IntraOpThreads);
    }

    [Fact]
    public void OneDnnAvailable_IsTrueOnThisBuild_AsTheReportSays()
    {
        Assert.True(TorchRuntime.OneDnnAvailable);
        Assert.Equal(TorchRuntime.Report().OneDnnAvailable, TorchRuntime.OneDnnAvailable);
    }

    [Fact]
    public void ManualSeed_RepeatsDefaultGeneratorDraws()
    {
        using var scope = NewDisposeScope();
        TorchRuntime.ManualSeed(123);
        var a = rand(100).data<float>().ToArray();
        var n = randn(100).data<float>().ToArray();
        TorchRuntime.ManualSeed(123);
        var b = rand(100).data<float>().ToArray();
        var m = randn(100).data<float>().ToArray();
        TorchRuntime.ManualSeed(124);
        var c = rand(100).data<float>().ToArray();

        Assert.Equal(a, b);
        Assert.Equal(n, m);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void ManualSeed_TakesTheWholeUnsignedRange()
    {
        using var scope = NewDisposeScope();
        TorchRuntime.ManualSeed(0xDEADBEEFCAFEBABE);
        var a = rand(10).data<float>().ToArray();
        TorchRuntime.ManualSeed(0xDEADBEEFCAFEBABE);
        var b = rand(10).data<float>().ToArray();

        Assert.Equal(a, b);
        Assert.Equal(0xDEADBEEFCAFEBABE, unchecked((ulong)random.initial_seed()));
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch.Tests;

public sealed class RuntimeTests
{
    [Fact]
    public void Report_NamesOpenBlas_OnAMachineSetUpByTheReadmeCommand()
    {
        var report = TorchRuntime.Report();

        Assert.Equal("OpenBLAS", report.Blas.Name);
        Assert.False(report.Blas.IsReference);
        Assert.Contains("openblas", report.Blas.Path, StringComparison.Ordinal);
        Assert.StartsWith("OpenBLAS 0.3", report.Blas.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_DescribesLibTorch113_WithOneDnn()
    {
        var report = TorchRuntime.Report();

        Assert.StartsWith("1.13", report.LibTorchVersion, StringComparison.Ordinal);
        Assert.StartsWith("1.13", report.BuiltAgainstVersion, StringComparison.Ordinal);
        Assert.Contains("libtorch_cpu.so", report.LibTorchPath, StringComparison.Ordinal);
        Assert.True(report.OneDnnAvailable);
        Assert.True(report.LapackAvailable);
        Assert.Contains("libtorch        1.13", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReferenceBlas_IsIdentified_AndTheReportWarnsLoudly()
    {
        var blas = BlasLibrary.Identify(["/usr/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3"]);
        var report = TorchRuntime.Report() with { Blas = blas };

        Assert.Equal("reference BLAS", blas.Name);
        Assert.True(blas.IsReference);
        Assert.Contains(RuntimeReport.ReferenceBlasWarning, report.ToString(), StringComparison.Ordinal);
        Assert.Contains("37x slower", RuntimeReport.ReferenceBlasWarning, StringComparison.Ordinal);
    }

    [Fact]
    public void NoBlasLoaded_IsReportedAsUnknown()
    {
        var blas = BlasLibrary.Identify(["/usr/lib/x86_64-linux-gnu/libc.so.6"]);

        Assert.Equal("unknown", blas.Name);
        Assert.Equal("not loaded", blas.Path);
    }

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
        }
        finally
        {
            TorchRuntime.IntraOpThreads = original;
        }
    }

    [Fact]
    public void IntraOpThreads_BelowOne_IsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TorchRuntime.IntraOpThreads = 0);

        Assert.Equal("value", error.ParamName);
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Engine.Tests;

/// <summary>The runtime report describes the libtorch of the TorchSharp package: version, file, BLAS, threads, oneDNN.</summary>
public sealed class RuntimeReportTests
{
    [Fact]
    public void Report_DescribesLibTorch210_WithOneDnn()
    {
        var report = TorchRuntime.Report();

        Assert.StartsWith("2.10", report.LibTorchVersion, StringComparison.Ordinal);
        Assert.Equal(torch.__version__, report.LibTorchVersion);
        Assert.StartsWith("2.10", report.LoadedLibTorchVersion, StringComparison.Ordinal);
        Assert.EndsWith("/libtorch_cpu.so", report.LibTorchPath, StringComparison.Ordinal);
        Assert.True(report.NativeDetailsReported);
        Assert.True(report.OneDnnAvailable);
        Assert.True(report.LapackAvailable);
        Assert.True(report.OpenMpAvailable);
        Assert.Contains("libtorch        2.10", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_LibTorchIsTheCopyInTheOutput_NotASystemOne()
    {
        var report = TorchRuntime.Report();

        Assert.StartsWith(Path.Combine(AppContext.BaseDirectory, "runtimes"), report.LibTorchPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_NamesTheBundledBlas_AndWarnsOfNothing()
    {
        var report = TorchRuntime.Report();

        // The linux-x64 libtorch package is built with Intel MKL for BLAS and LAPACK (show_config's BLAS_INFO=mkl).
        Assert.Equal("mkl", report.Blas);
        Assert.Equal("mkl", report.Lapack);
        Assert.True(report.MklAvailable);
        Assert.Contains("BLAS            mkl (Intel MKL: yes)", report.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_Threads_AreLibTorchsIntraOpThreads()
    {
        var report = TorchRuntime.Report();

        Assert.Equal(torch.get_num_threads(), report.IntraOpThreads);
        Assert.Contains($"at::get_num_threads() : {torch.get_num_threads()}", report.ParallelInfo, StringComparison.Ordinal);
        Assert.Contains($"threads         {torch.get_num_threads()} intra-op", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_NamesTorchSharp0107()
    {
        var report = TorchRuntime.Report();

        Assert.Equal("0.107.0", report.TorchSharpVersion);
        Assert.Contains("TorchSharp      0.107.0, built for libtorch 2.10", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_Text_HasOneLabelledLinePerSubject()
    {
        var lines = TorchRuntime.Report().ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.Collection(
            lines,
            line => Assert.StartsWith("libtorch        ", line, StringComparison.Ordinal),
            line => Assert.StartsWith("TorchSharp      ", line, StringComparison.Ordinal),
            line => Assert.StartsWith("BLAS            ", line, StringComparison.Ordinal),
            line => Assert.StartsWith("threads         ", line, StringComparison.Ordinal),
            line => Assert.Equal("oneDNN          available", line),
            line => Assert.Equal("OpenMP, LAPACK  yes, yes (mkl)", line));
    }

    [Fact]
    public void Report_BuildConfig_IsShowConfigsText()
    {
        var report = TorchRuntime.Report();

        Assert.StartsWith("PyTorch built with:", report.BuildConfig, StringComparison.Ordinal);
        Assert.Contains("USE_MKLDNN=ON", report.BuildConfig, StringComparison.Ordinal);
    }

    [Fact]
    public void ALibraryWithoutTheFunctions_AnswersNothing_AndTheReportSaysUnknown()
    {
        var libc = LibTorchIntrospection.LoadedLibraries().First(p => Path.GetFileName(p).StartsWith("libc.so", StringComparison.Ordinal));

        var answers = LibTorchIntrospection.Ask(libc);
        var report = TorchRuntime.Report() with
        {
            MklAvailable = answers.Mkl,
            OneDnnAvailable = answers.OneDnn,
            OpenMpAvailable = answers.OpenMp,
            LapackAvailable = answers.Lapack,
        };

        Assert.Equal(new LibTorchIntrospection.Answers(null, null, null, null, null, null), answers);
        Assert.Contains("oneDNN          unknown", report.ToString(), StringComparison.Ordinal);
        Assert.Contains("OpenMP, LAPACK  unknown, unknown", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFile_AnswersNothing()
    {
        var answers = LibTorchIntrospection.Ask("/nonexistent/libtorch_cpu.so");

        Assert.Equal(new LibTorchIntrospection.Answers(null, null, null, null, null, null), answers);
    }

    [Fact]
    public void OnAnotherPlatform_TheReportSaysNotReported()
    {
        var report = TorchRuntime.Report() with { OneDnnAvailable = null, MklAvailable = null, NativeDetailsReported = false };

        Assert.Contains("oneDNN          not reported on this platform", report.ToString(), StringComparison.Ordinal);
        Assert.Contains("(Intel MKL: not reported on this platform)", report.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  - Build settings: BLAS_INFO=generic, TORCH_VERSION=1.13.0, USE_CUDA=OFF", "TORCH_VERSION", "1.13.0")]
    [InlineData("TORCH_VERSION=2.1.2, USE_MKLDNN=ON", "TORCH_VERSION", "2.1.2")]
    [InlineData("no version here", "TORCH_VERSION", null)]
    [InlineData("Build settings: BLAS_INFO=mkl, LAPACK_INFO=open,", "LAPACK_INFO", "open")]
    [InlineData("Build settings: CUDA_BLAS_INFO=cublas, USE_CUDA=1", "BLAS_INFO", null)]
    [InlineData("Build settings: BLAS_INFO=, USE_CUDA=1", "BLAS_INFO", null)]
    public void BuildSetting_ReadsShowConfig(string config, string name, string? expected)
    {
        Assert.Equal(expected, TorchRuntime.BuildSetting(config, name));
    }
}

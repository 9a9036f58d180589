// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch.Tests;

/// <summary>When the shim or libtorch cannot be loaded, the exception says what is missing and how to install it.</summary>
public sealed class NativeLibraryLoaderTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("lf-loader-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void MissingShim_NamesTheFile_TheFoldersSearched_AndHowToBuildIt()
    {
        var error = Assert.Throws<TorchNotAvailableException>(() => NativeLibraryLoader.Load([directory], "libtorch_cpu.so.1.13"));

        Assert.Contains("libLayersFramework.Torch.Native.so", error.Message, StringComparison.Ordinal);
        Assert.Contains(directory, error.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet build", error.Message, StringComparison.Ordinal);
        Assert.Contains(NativeLibraryLoader.SetupCommand, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingLibTorch_NamesIt_AndTheSetupCommand()
    {
        File.WriteAllText(Path.Combine(directory, "libLayersFramework.Torch.Native.so"), "not an ELF file");

        var error = Assert.Throws<TorchNotAvailableException>(() => NativeLibraryLoader.Load([directory], "libtorch_cpu.so.0.0-absent"));

        Assert.Contains("libtorch 1.13 (libtorch_cpu.so.0.0-absent) could not be loaded", error.Message, StringComparison.Ordinal);
        Assert.Contains(NativeLibraryLoader.SetupCommand, error.Message, StringComparison.Ordinal);
        Assert.Contains("libtorch-dev", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenShim_WithLibTorchPresent_SaysTheShimIsBroken_AndHowToRebuild()
    {
        File.WriteAllText(Path.Combine(directory, "libLayersFramework.Torch.Native.so"), "not an ELF file");

        var error = Assert.Throws<TorchNotAvailableException>(() => NativeLibraryLoader.Load([directory], "libtorch_cpu.so.1.13"));

        Assert.Contains("exists but could not be loaded", error.Message, StringComparison.Ordinal);
        Assert.Contains("obj/native", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  - Build settings: BLAS_INFO=generic, TORCH_VERSION=1.13.0, USE_CUDA=OFF", "1.13.0")]
    [InlineData("TORCH_VERSION=2.1.2, USE_MKLDNN=ON", "2.1.2")]
    [InlineData("no version here", null)]
    public void ParseTorchVersion_ReadsShowConfig(string config, string? expected)
    {
        Assert.Equal(expected, NativeLibraryLoader.ParseTorchVersion(config));
    }

    [Fact]
    public void VersionCheck_AcceptsTheSameMajorMinor_AndRejectsAnother()
    {
        NativeLibraryLoader.CheckVersion("1.13.0", "TORCH_VERSION=1.13.1, USE_CUDA=OFF");

        var error = Assert.Throws<TorchNotAvailableException>(() => NativeLibraryLoader.CheckVersion("1.13.0", "TORCH_VERSION=2.1.0,"));

        Assert.Contains("built against libtorch 1.13.0 but the libtorch loaded reports 2.1.0", error.Message, StringComparison.Ordinal);
    }
}

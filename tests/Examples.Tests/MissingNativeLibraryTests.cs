// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Examples.Tests;

/// <summary>
/// The programs started without libtorch (a copy of their build folder without the native libraries, and no NuGet
/// packages folder to fall back on): one message saying what is missing and where it belongs, exit code 1, and no
/// stack trace. FashionGan ended in an unhandled TypeInitializationException.
/// </summary>
public sealed class MissingNativeLibraryTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("lf-no-libtorch-").FullName;

    public MissingNativeLibraryTests()
    {
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("FashionGan.dll", "--epochs")]
    [InlineData("ConvTransposeDemo.dll", "--steps")]
    public async Task AProgramWithoutLibTorch_SaysWhatIsMissing_WithExitCode1(string program, string option)
    {
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(folder, "no-packages") };

        var (exitCode, _, error, _) = await ChildProcess.RunAsync("dotnet", [Path.Combine(folder, program), option, "1"], TimeSpan.FromMinutes(1), environment: environment);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("libtorch could not be loaded: TorchSharp found neither libLibTorchSharp.so and libtorch_cpu.so in " + folder, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Examples.Tests;

/// <summary>FashionGan data-parallel on 2 processes, started as the README says (<c>./run.sh --processes 2</c>), in a short mode.</summary>
public sealed class DistributedGanTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("lf-distributed-gan-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task RunSh_WithTwoProcesses_Trains_RankZeroAloneSpeaksAndWrites_AndTheRunResumes()
    {
        Assert.Contains("./run.sh --processes 2", ReadmeSnippet.ReadRepositoryFile("README.md"), StringComparison.Ordinal);
        string[] options = ["--processes", "2", "--epochs", "1", "--limit", "256", "--batch-size", "32", "--width", "2", "--output", folder];

        var first = await RunShAsync(options);
        var resumed = await RunShAsync([.. options[..3], "2", .. options[4..], "--resume"]);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("Fashion-MNIST: 256 training images; 1 epoch(s) of batch 32, width 2, seed 1, 2 processes.", first.Output, StringComparison.Ordinal);
        Assert.Contains("Data-parallel over 2 processes: gradient all-reduces took", first.Output, StringComparison.Ordinal);
        Assert.Single(first.Output.Split('\n'), line => line.StartsWith("Done in", StringComparison.Ordinal)); // rank 1 says nothing
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Contains("after epoch 1.", resumed.Output, StringComparison.Ordinal);
        Assert.Equal(
            ["checkpoint.safetensors", "losses.csv", "losses.png", "samples-epoch-01.png", "samples-epoch-02.png"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(2 * (256 / 32) + 1, File.ReadAllLines(Path.Combine(folder, "losses.csv")).Length); // written once per step, by rank 0
    }

    [Fact]
    public async Task RunSh_RefusesABadProcessCount()
    {
        var result = await RunShAsync(["--processes", "0"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--processes must be a whole number of 1 or more; received '0'.", result.Output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunShAsync(string[] arguments)
    {
        var script = ReadmeSnippet.FindRepositoryFile("run.sh");
        var (exitCode, output, error, _) = await ChildProcess.RunAsync("bash", [script, .. arguments], TimeSpan.FromMinutes(3), Path.GetDirectoryName(script));
        return (exitCode, output + error);
    }
}

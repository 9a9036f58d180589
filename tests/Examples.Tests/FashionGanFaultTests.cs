// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Examples.Tests;

/// <summary>
/// FashionGan facing a bad checkpoint, a corrupt history, an unwritable folder, a failed save, or a disk that fills up
/// or turns read-only: one clear message naming the file or folder, exit code 1 (not an unhandled exception), and
/// nothing already saved is lost.
/// </summary>
public sealed class FashionGanFaultTests : IDisposable
{
    private static readonly string[] Short = ["--epochs", "1", "--limit", "64", "--batch-size", "32", "--width", "1"];
    private readonly string folder = Directory.CreateTempSubdirectory("lf-gan-faults-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task ResumingFromATruncatedCheckpoint_OrAnotherWidth_SaysSo_WithExitCode1()
    {
        Assert.Equal(0, (await FashionGanProcess.RunAsync([.. Short, "--output", folder])).ExitCode);
        var checkpoint = Path.Combine(folder, "checkpoint.safetensors");
        var whole = File.ReadAllBytes(checkpoint);

        var otherWidth = await FashionGanProcess.RunAsync(["--epochs", "2", "--limit", "64", "--batch-size", "32", "--width", "2", "--output", folder, "--resume"]);
        File.WriteAllBytes(checkpoint, whole[..(whole.Length / 2)]);
        var truncated = await FashionGanProcess.RunAsync(["--epochs", "2", "--limit", "64", "--batch-size", "32", "--width", "1", "--output", folder, "--resume"]);

        Assert.Equal(1, otherWidth.ExitCode);
        Assert.Contains($"{checkpoint} does not fit generator and discriminator", otherWidth.Error, StringComparison.Ordinal);
        Assert.Equal(1, truncated.ExitCode);
        Assert.Contains($"{checkpoint}: the tensors need", truncated.Error, StringComparison.Ordinal);
        Assert.Contains("truncated", truncated.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", otherWidth.Error + truncated.Error, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public async Task ACorruptLossHistory_IsNamedWithItsLine()
    {
        Assert.Equal(0, (await FashionGanProcess.RunAsync([.. Short, "--output", folder])).ExitCode);
        var history = Path.Combine(folder, "losses.csv");
        File.WriteAllLines(history, ["step,discriminator,generator", "1,0.5,0.7", "2,zero,0.6"]);

        var result = await FashionGanProcess.RunAsync(["--epochs", "2", "--limit", "64", "--batch-size", "32", "--width", "1", "--output", folder, "--resume"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{history} line 3 is \"2,zero,0.6\"", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnwritableOutputFolder_IsFoundBeforeTraining()
    {
        var file = Path.Combine(folder, "a-file");
        File.WriteAllText(file, "not a folder");
        var output = Path.Combine(file, "out");

        var result = await FashionGanProcess.RunAsync([.. Short, "--output", output]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"The output folder {output} cannot be written", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("epoch 1/1", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedCheckpointSave_LeavesNoHistoryAheadOfTheCheckpoint()
    {
        Directory.CreateDirectory(Path.Combine(folder, "checkpoint.safetensors")); // the save's final rename fails

        var result = await FashionGanProcess.RunAsync([.. Short, "--output", folder]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("checkpoint.safetensors", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "losses.csv")));
        Assert.False(File.Exists(Path.Combine(folder, "samples-epoch-01.png")));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories).Concat(Directory.GetFiles(folder, ".*")));
    }

    [TmpfsFact]
    public async Task AFullDisk_IsNamedWithItsFolder_AndThePreviousCheckpointStaysWholeAndResumable()
    {
        using var disk = new TmpfsMount(4 << 20);
        var checkpoint = Path.Combine(disk.Folder, "checkpoint.safetensors");
        Assert.Equal(0, (await FashionGanProcess.RunAsync([.. Short, "--output", disk.Folder])).ExitCode);
        var previous = File.ReadAllBytes(checkpoint);
        var filler = disk.Fill();

        var full = await FashionGanProcess.RunAsync([.. Short[2..], "--epochs", "2", "--output", disk.Folder, "--resume"]);

        Assert.Equal(1, full.ExitCode);
        Assert.Equal($"No space left in {disk.Folder} while saving checkpoint.safetensors; the previous checkpoint is intact: free some space and run again with --resume.{Environment.NewLine}", full.Error);
        Assert.Equal(previous, File.ReadAllBytes(checkpoint));
        Assert.Empty(Directory.GetFiles(disk.Folder, "*.tmp"));
        File.Delete(filler);
        var resumed = await FashionGanProcess.RunAsync([.. Short[2..], "--epochs", "2", "--output", disk.Folder, "--resume"]);
        Assert.True(resumed.ExitCode == 0, resumed.Output + resumed.Error);
        Assert.Contains("after epoch 1.", resumed.Output, StringComparison.Ordinal);
    }

    [TmpfsFact]
    public async Task AFolderTurnedReadOnlyMidRun_IsNamed_AndThePreviousCheckpointStaysWholeAndResumable()
    {
        using var disk = new TmpfsMount(16 << 20);
        var checkpoint = Path.Combine(disk.Folder, "checkpoint.safetensors");

        // The second epoch must outlast the remount, even on a loaded machine: about 4 s at 4,096 images.
        string[] twoEpochs = ["--epochs", "2", "--limit", "4096", "--batch-size", "32", "--width", "1", "--output", disk.Folder];
        byte[]? previous = null;

        var readOnly = await FashionGanProcess.RunAsync(twoEpochs, (process, output) =>
        {
            // The epoch's line comes once its files are written and closed: nothing is open for writing to block the remount.
            if (previous is null && output.Contains("\nepoch 1: ", StringComparison.Ordinal))
            {
                previous = File.ReadAllBytes(checkpoint);
                disk.RemountReadOnly();
            }
        });

        Assert.Equal(1, readOnly.ExitCode);
        Assert.Equal($"{disk.Folder} became read-only while saving checkpoint.safetensors; the previous checkpoint is intact: make it writable and run again with --resume.{Environment.NewLine}", readOnly.Error);
        Assert.Equal(previous, File.ReadAllBytes(checkpoint));
        disk.RemountWritable();
        var resumed = await FashionGanProcess.RunAsync([.. twoEpochs, "--resume"]);
        Assert.True(resumed.ExitCode == 0, resumed.Output + resumed.Error);
        Assert.Contains("after epoch 1.", resumed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooManyThreads_AreRefused_WithTheBound()
    {
        var result = await FashionGanProcess.RunAsync([.. Short, "--threads", "1048576", "--output", folder]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"The intra-op thread count must be from 1 to {16 * Environment.ProcessorCount}", result.Error, StringComparison.Ordinal);
    }
}

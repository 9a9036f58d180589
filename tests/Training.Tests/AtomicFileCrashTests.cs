// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Training.Tests;

/// <summary>
/// A save killed outright (SIGKILL: no exception, no clean-up) leaves the previous file whole, and the temporary file
/// it could not remove goes at the next save, while the temporary files of live writers and other machines stay.
/// </summary>
public sealed class AtomicFileCrashTests : IDisposable
{
    /// <summary>Above Linux's largest process id (2²²), so no process has it.</summary>
    private const int DeadProcessId = int.MaxValue;

    private readonly string folder = Directory.CreateTempSubdirectory("lf-atomic-crash-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task AWriterKilledBeforeItsCommit_LeavesThePreviousFileWhole_AndTheNextRunRemovesItsTemporaryFile()
    {
        var path = Path.Combine(folder, "checkpoint.safetensors");
        Assert.Equal(0, (await WriterAsync(["save", path, "1"])).ExitCode);
        var previous = File.ReadAllBytes(path);

        string? leftOver = null;
        var killed = await WriterAsync(["save-and-hang", path, "2"], (process, output) =>
        {
            const string Paused = "paused before commit: ";
            if (leftOver is null && output.IndexOf(Paused, StringComparison.Ordinal) is var at and >= 0 && output.IndexOf('\n', at) is var end and > 0)
            {
                leftOver = output[(at + Paused.Length)..end];
                process.Kill(entireProcessTree: true);
            }
        });

        Assert.NotEqual(0, killed.ExitCode);
        Assert.Equal(previous, File.ReadAllBytes(path));
        Assert.Equal(1f, Value(path));
        Assert.True(leftOver is not null && File.Exists(leftOver), $"the killed writer's temporary file: {killed.Output}");
        Assert.Equal(0, (await WriterAsync(["save", path, "3"])).ExitCode);
        Assert.Equal(3f, Value(path));
        Assert.Equal(["checkpoint.safetensors"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void ASave_RemovesOnlyTheTemporaryFilesOfThisMachinesDeadProcesses_WrittenBeforeThisOneStarted()
    {
        var path = Path.Combine(folder, "losses.csv");
        var past = DateTime.UtcNow.AddDays(-1);
        var dead = Temporary(path, Environment.MachineName, DeadProcessId, past);
        var deadButNewer = Temporary(path, Environment.MachineName, DeadProcessId, DateTime.UtcNow.AddSeconds(1));
        var ours = Temporary(path, Environment.MachineName, Environment.ProcessId, past);
        var otherMachine = Temporary(path, "another-machine", DeadProcessId, past);
        var otherDestination = Temporary(Path.Combine(folder, "losses.png"), Environment.MachineName, DeadProcessId, past);
        var namedOtherwise = Path.Combine(folder, ".losses.csv.notes.tmp");
        File.WriteAllText(namedOtherwise, "not a temporary file of ours");
        File.SetLastWriteTimeUtc(namedOtherwise, past);

        AtomicFile.Write(path, stream => stream.WriteByte((byte)'1'));

        Assert.False(File.Exists(dead));
        Assert.All([deadButNewer, ours, otherMachine, otherDestination, namedOtherwise], file => Assert.True(File.Exists(file), file));
        Assert.Equal("1", File.ReadAllText(path));
    }

    /// <summary>A temporary file as a writer on <paramref name="machine"/> with process id <paramref name="pid"/> names it.</summary>
    private static string Temporary(string destination, string machine, int pid, DateTime lastWrite)
    {
        var file = Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.{machine}.{pid}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(file, "half a file");
        File.SetLastWriteTimeUtc(file, lastWrite);
        return file;
    }

    private static float Value(string path)
    {
        using var scope = NewDisposeScope();
        var values = TensorFile.Load(path).Tensors["values"];
        Assert.Equal(256 * 1024, values.numel());
        return Assert.Single(values.data<float>().ToArray().Distinct());
    }

    private static Task<(int ExitCode, string Output, string Error, TimeSpan Elapsed)> WriterAsync(string[] arguments, Action<System.Diagnostics.Process, string>? onOutput = null) =>
        ChildProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "LayersFramework.Training.Writer.dll"), .. arguments], TimeSpan.FromMinutes(2), onOutput: onOutput);
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace LayersFramework.NativeCompat.Tests;

/// <summary>The tool end to end, on a temporary output folder laid out as a build leaves it (Linux: file modes, link(2)).</summary>
[SupportedOSPlatform("linux")]
public sealed partial class CompatCommandTests : IDisposable
{
    private const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead;

    private readonly string root = Directory.CreateTempSubdirectory("lf-native-compat-").FullName;
    private readonly string output;
    private readonly string native;
    private readonly string cache;
    private readonly string oldLibstdcxx;
    private readonly string newLibstdcxx;
    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();

    public CompatCommandTests()
    {
        output = Directory.CreateDirectory(Path.Combine(root, "bin")).FullName;
        native = Directory.CreateDirectory(Path.Combine(output, "runtimes", "linux-x64", "native")).FullName;
        cache = Path.Combine(Directory.CreateDirectory(Path.Combine(root, "nuget")).FullName, CompatCommand.LibraryFileName);
        oldLibstdcxx = Path.Combine(root, "libstdc++-gcc12.so.6");
        newLibstdcxx = Path.Combine(root, "libstdc++-gcc13.so.6");
        File.WriteAllBytes(oldLibstdcxx, SyntheticElf.Libstdcxx("GLIBCXX_3.4", "GLIBCXX_3.4.29", "GLIBCXX_3.4.30").Build());
        File.WriteAllBytes(newLibstdcxx, SyntheticElf.Libstdcxx("GLIBCXX_3.4", "GLIBCXX_3.4.30", "GLIBCXX_3.4.31", "GLIBCXX_3.4.32").Build());
    }

    private string Library => Path.Combine(native, CompatCommand.LibraryFileName);

    public void Dispose()
    {
        stdout.Dispose();
        stderr.Dispose();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void PatchesTheOutputsCopy_AndLeavesTheHardLinkedCacheAlone()
    {
        var original = SyntheticElf.LikeTorchSharp().Build();
        File.WriteAllBytes(cache, original);
        File.SetUnixFileMode(cache, Mode);
        var time = new DateTime(2025, 5, 7, 10, 3, 28, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(cache, time);
        HardLink(cache, Library); // as the build's copy-local does

        var status = Run(output, oldLibstdcxx);

        Assert.Equal(0, status);
        Assert.Equal(string.Empty, stderr.ToString());
        Assert.Equal($"native-compat: {Library}: GLIBCXX_3.4.32 marked weak ({oldLibstdcxx} lacks it){Environment.NewLine}", stdout.ToString());
        Assert.True(new ElfImage(File.ReadAllBytes(Library)).VersionNeeds.Single(n => n.Version == "GLIBCXX_3.4.32").IsWeak);
        Assert.Equal(original, File.ReadAllBytes(cache));
        Assert.Equal(Mode, File.GetUnixFileMode(Library));
        Assert.Equal(time, File.GetLastWriteTimeUtc(Library)); // so the next build's incremental copy leaves it be
        Assert.Equal([Library], Directory.GetFiles(native));
    }

    [Fact]
    public void SecondRun_WritesNothing()
    {
        File.WriteAllBytes(Library, SyntheticElf.LikeTorchSharp().Build());
        Assert.Equal(0, Run(output, oldLibstdcxx));
        var patched = File.ReadAllBytes(Library);
        var folderTime = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Directory.SetLastWriteTimeUtc(native, folderTime); // a new file renamed in would change it
        stdout.GetStringBuilder().Clear();

        var status = Run(output, oldLibstdcxx);

        Assert.Equal(0, status);
        Assert.Equal(string.Empty, stdout.ToString());
        Assert.Equal(string.Empty, stderr.ToString());
        Assert.Equal(patched, File.ReadAllBytes(Library));
        Assert.Equal(folderTime, Directory.GetLastWriteTimeUtc(native));
    }

    [Fact]
    public void WhereLibstdcxxHasTheVersion_NothingIsTouched()
    {
        var original = SyntheticElf.LikeTorchSharp().Build();
        File.WriteAllBytes(Library, original);

        Assert.Equal(0, Run(output, newLibstdcxx));

        Assert.Equal(original, File.ReadAllBytes(Library));
        Assert.Equal(string.Empty, stdout.ToString());
    }

    [Fact]
    public void EveryCopyUnderTheFolder_IsPatched_AndOtherFilesAreNot()
    {
        var original = SyntheticElf.LikeTorchSharp().Build();
        var publish = Directory.CreateDirectory(Path.Combine(output, "publish")).FullName;
        File.WriteAllBytes(Library, original);
        File.WriteAllBytes(Path.Combine(publish, CompatCommand.LibraryFileName), original);
        File.WriteAllBytes(Path.Combine(native, "libtorch_cpu.so"), original);

        Assert.Equal(0, Run(output, oldLibstdcxx));

        Assert.Equal(2, stdout.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.NotEqual(original, File.ReadAllBytes(Path.Combine(publish, CompatCommand.LibraryFileName)));
        Assert.Equal(original, File.ReadAllBytes(Path.Combine(native, "libtorch_cpu.so")));
    }

    [Fact]
    public void ALibraryThatReallyUsesTheVersion_FailsTheBuild_WithACanonicalError()
    {
        var original = SyntheticElf.LikeTorchSharp().Relocate("_ZSt21ios_base_library_initv").Build();
        File.WriteAllBytes(Library, original);

        var status = Run(output, oldLibstdcxx);

        Assert.Equal(1, status);
        Assert.StartsWith($"native-compat: error: {Library}: GLIBCXX_3.4.32 is needed for", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(Library));
        Assert.Equal([Library], Directory.GetFiles(native));
    }

    [Fact]
    public void ACorruptLibrary_FailsWithItsName()
    {
        File.WriteAllBytes(Library, SyntheticElf.LikeTorchSharp().Build()[..200]);

        Assert.Equal(1, Run(output, oldLibstdcxx));

        Assert.StartsWith($"native-compat: error: {Library}: section headers", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderWithoutTheLibrary_IsFine()
    {
        Assert.Equal(0, Run(output, oldLibstdcxx));
        Assert.Equal(string.Empty, stdout.ToString() + stderr.ToString());
    }

    [Fact]
    public void AMissingFolder_IsAUsageError()
    {
        var missing = Path.Combine(root, "absent");

        Assert.Equal(2, Run(missing));

        Assert.Equal($"native-compat: error: the output folder '{missing}' does not exist{Environment.NewLine}", stderr.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void AWrongArgumentCount_IsAUsageError(int count)
    {
        Assert.Equal(2, CompatCommand.Run(Enumerable.Repeat(output, count).ToArray(), stdout, stderr));

        Assert.StartsWith("usage: LayersFramework.NativeCompat <output folder>", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutALibstdcxxArgument_TheSystemsIsUsed()
    {
        var original = SyntheticElf.LikeTorchSharp().Build();
        File.WriteAllBytes(Library, original);
        var system = SystemLibrary.Find(LibstdcxxCompat.LibraryName)!;
        var systemLacksIt = !new ElfImage(File.ReadAllBytes(system)).DefinedVersions.Contains(LibstdcxxCompat.MissingVersion);

        Assert.Equal(0, Run(output));

        Assert.Equal(systemLacksIt, File.ReadAllBytes(Library).AsSpan().SequenceEqual(original) == false);
    }

    [Fact]
    public void SystemLibrary_FindsLibstdcxxWhereTheLoaderLooks()
    {
        var path = SystemLibrary.Find(LibstdcxxCompat.LibraryName);

        Assert.NotNull(path);
        Assert.Equal("libstdc++.so.6", Path.GetFileName(path));
        Assert.Null(SystemLibrary.Find("libno-such-library.so.9"));
    }

    private int Run(params string[] args) => CompatCommand.Run(args, stdout, stderr);

    private static void HardLink(string existing, string link)
    {
        Assert.True(Link(existing, link) == 0, $"link({existing}, {link}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string link);
}

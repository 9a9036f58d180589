// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.NativeCompat.Tests;

/// <summary>Marking the GLIBCXX_3.4.32 need weak, on synthetic libraries and on TorchSharp's own.</summary>
public sealed class LibstdcxxCompatTests
{
    private const string Unused = "_ZSt21ios_base_library_initv";

    [Fact]
    public void SyntheticLibrary_IsReadAsBuilt()
    {
        var image = new ElfImage(SyntheticElf.LikeTorchSharp().Build());

        Assert.Equal(
            [("libstdc++.so.6", "GLIBCXX_3.4.30", 2), ("libstdc++.so.6", "GLIBCXX_3.4.32", 3), ("libc.so.6", "GLIBC_2.2.5", 4)],
            image.VersionNeeds.Select(n => (n.File, n.Version, n.Index)));
        Assert.All(image.VersionNeeds, n => Assert.False(n.IsWeak));
        Assert.Equal([Unused], image.SymbolsOfVersion(3));
        Assert.True(image.IsRelocated("malloc"));
        Assert.False(image.IsRelocated(Unused));
        Assert.Empty(image.DefinedVersions);
    }

    [Fact]
    public void Apply_MarksTheNeedWeak_AndChangesNothingElse()
    {
        var elf = SyntheticElf.LikeTorchSharp();
        var original = elf.Build();
        var bytes = original.ToArray();

        var outcome = LibstdcxxCompat.Apply(new ElfImage(bytes));

        Assert.Equal(CompatOutcome.MarkedWeak, outcome);
        var need = new ElfImage(bytes).VersionNeeds.Single(n => n.Version == LibstdcxxCompat.MissingVersion);
        Assert.True(need.IsWeak);
        Assert.Equal(VersionNeed.WeakFlag, need.Flags);
        // The second Vernaux of the first Verneed: 16 bytes of Verneed, 16 of the first Vernaux; vna_flags at +4.
        var flagsOffset = elf.VersionNeedsOffset + 16 + 16 + 4;
        Assert.Equal(flagsOffset, need.EntryOffset + 4);
        Assert.Equal([flagsOffset], DifferingOffsets(original, bytes));
        Assert.Equal(0x02, bytes[flagsOffset]);
        Assert.All(new ElfImage(bytes).VersionNeeds.Where(n => n != need), n => Assert.False(n.IsWeak));
    }

    [Fact]
    public void Apply_KeepsTheOtherFlagBits()
    {
        var bytes = new SyntheticElf()
            .Need("libstdc++.so.6", ("GLIBCXX_3.4.32", 2, 0x1))
            .Symbol(Unused, 2)
            .Build();

        Assert.Equal(CompatOutcome.MarkedWeak, LibstdcxxCompat.Apply(new ElfImage(bytes)));

        Assert.Equal(0x3, new ElfImage(bytes).VersionNeeds.Single().Flags);
    }

    [Fact]
    public void Apply_Twice_IsAlreadyWeak_AndWritesNothing()
    {
        var bytes = SyntheticElf.LikeTorchSharp().Build();
        LibstdcxxCompat.Apply(new ElfImage(bytes));
        var once = bytes.ToArray();

        var outcome = LibstdcxxCompat.Apply(new ElfImage(bytes));

        Assert.Equal(CompatOutcome.AlreadyWeak, outcome);
        Assert.Equal(once, bytes);
    }

    [Fact]
    public void Apply_WithoutTheNeed_IsNotNeeded()
    {
        var original = new SyntheticElf()
            .Need("libstdc++.so.6", ("GLIBCXX_3.4.30", 2, 0))
            .Symbol("_ZNSt8ios_base4InitC1Ev", 2)
            .Relocate("_ZNSt8ios_base4InitC1Ev")
            .Build();
        var bytes = original.ToArray();

        Assert.Equal(CompatOutcome.NotNeeded, LibstdcxxCompat.Apply(new ElfImage(bytes)));
        Assert.Equal(original, bytes);
    }

    [Fact]
    public void Apply_WithTheVersionNeededFromAnotherLibrary_IsNotNeeded()
    {
        var bytes = new SyntheticElf().Need("libother.so.1", ("GLIBCXX_3.4.32", 2, 0)).Symbol("other", 2).Build();

        Assert.Equal(CompatOutcome.NotNeeded, LibstdcxxCompat.Apply(new ElfImage(bytes)));
    }

    [Fact]
    public void Apply_WithoutVersionTables_IsNotNeeded()
    {
        var bytes = new SyntheticElf().Symbol("malloc", 0).Build();

        Assert.Equal(CompatOutcome.NotNeeded, LibstdcxxCompat.Apply(new ElfImage(bytes)));
    }

    [Fact]
    public void Apply_WhenAnotherSymbolHasTheVersion_Refuses_AndNamesIt()
    {
        var original = SyntheticElf.LikeTorchSharp().Symbol("_ZNSt7__cxx1112basic_stringIcE10_M_replaceEv", 3).Build();
        var bytes = original.ToArray();

        var error = Assert.Throws<InvalidOperationException>(() => LibstdcxxCompat.Apply(new ElfImage(bytes)));

        Assert.StartsWith("GLIBCXX_3.4.32 is needed for _ZNSt7__cxx1112basic_stringIcE10_M_replaceEv (which the library uses)", error.Message, StringComparison.Ordinal);
        Assert.Contains("marking that need weak would fail at run time", error.Message, StringComparison.Ordinal);
        Assert.Contains("GCC 13 or later", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Unused, error.Message, StringComparison.Ordinal);
        Assert.Equal(original, bytes);
    }

    [Fact]
    public void Apply_WhenTheSymbolIsRelocated_Refuses()
    {
        var original = SyntheticElf.LikeTorchSharp().Relocate(Unused).Build();
        var bytes = original.ToArray();

        var error = Assert.Throws<InvalidOperationException>(() => LibstdcxxCompat.Apply(new ElfImage(bytes)));

        Assert.StartsWith($"GLIBCXX_3.4.32 is needed for {Unused} (a relocation refers to it, so the loader looks it up)", error.Message, StringComparison.Ordinal);
        Assert.Equal(original, bytes);
    }

    [Fact]
    public void TorchSharpsLibrary_IsMarkedWeak_InOneByteOfItsFlags()
    {
        var path = Path.Combine(NuGetPackages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"{path} is restored by the NuGet restore of the solution");
        var original = File.ReadAllBytes(path); // read only: the cache is never written
        var bytes = original.ToArray();
        var image = new ElfImage(bytes);
        var need = image.VersionNeeds.Single(n => n.File == "libstdc++.so.6" && n.Version == LibstdcxxCompat.MissingVersion);
        Assert.Equal([Unused], image.SymbolsOfVersion(need.Index));
        Assert.False(image.IsRelocated(Unused));

        var outcome = LibstdcxxCompat.Apply(image);

        Assert.Equal(CompatOutcome.MarkedWeak, outcome);
        // vna_flags is two bytes, 0 before; the weak bit (0x2) lives in the low one, so that byte alone changes.
        Assert.Equal([need.EntryOffset + 4], DifferingOffsets(original, bytes));
        Assert.Equal(CompatOutcome.AlreadyWeak, LibstdcxxCompat.Apply(new ElfImage(bytes)));
        Assert.Equal(original, File.ReadAllBytes(path));
    }

    [Fact]
    public void TheSystemLibstdcxx_DefinesGlibcxx3430()
    {
        var libstdcxx = SystemLibrary.Find(LibstdcxxCompat.LibraryName);
        Assert.NotNull(libstdcxx);

        var versions = new ElfImage(File.ReadAllBytes(libstdcxx)).DefinedVersions;

        Assert.Contains("GLIBCXX_3.4.30", versions);
        Assert.Contains("GLIBCXX_3.4", versions);
        Assert.Contains("CXXABI_1.3", versions);
    }

    [Fact]
    public void SyntheticLibstdcxx_DefinesItsVersions()
    {
        var versions = new ElfImage(SyntheticElf.Libstdcxx("GLIBCXX_3.4", "GLIBCXX_3.4.30").Build()).DefinedVersions;

        Assert.Equal(["libstdc++.so.6", "GLIBCXX_3.4", "GLIBCXX_3.4.30"], versions);
    }

    internal static string NuGetPackages =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static int[] DifferingOffsets(byte[] before, byte[] after)
    {
        Assert.Equal(before.Length, after.Length);
        return Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.IO.Compression;
using LayersFramework.Engine;

namespace LayersFramework.Training.Tests;

/// <summary>
/// A <c>.pt</c> file from anyone is checked before PyBridge reads it: zip entries declaring more than the limits, or
/// holding other bytes than they declare, are refused naming the file and the entry, before anything is read.
/// </summary>
public sealed class UntrustedPtFileTests : IDisposable
{
    [Fact]
    public void AnEntryLargerThanTheMemoryBudget_IsRefused_BeforeItIsRead()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "large.pt");
        TensorFile.Save(path, new Dictionary<string, Tensor> { ["w"] = ones(4096) });
        var limit = MemoryBudget.MaxTensorBytes;
        MemoryBudget.MaxTensorBytes = 4096;
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => TensorFile.Load(path));

            Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("entry model/data/0 declares 16,384 bytes, more than MemoryBudget.MaxTensorBytes (4,096)", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            MemoryBudget.MaxTensorBytes = limit;
        }
    }

    [Theory]
    [InlineData(100_000u, "entry archive/data/0 holds 4,096 bytes but the archive declares 100,000")]
    [InlineData(100u, "the CRC-32 of entry archive/data/0 is")] // .NET's reader stops at the declared size, so the CRC is of the first 100 bytes
    public void AnEntryWhoseBytesDifferFromItsDeclaredSize_IsRefused(uint declared, string fault)
    {
        var path = Path.Combine(folder, "sized.pt");
        var zip = TorchSaveZip.Archive(new PickleBuilder().StateDict().Stopped(), CompressionLevel.Optimal, new byte[4096]);
        TorchSaveZip.DeclareSize(zip, "archive/data/0", declared);
        File.WriteAllBytes(path, zip);

        var error = Assert.Throws<InvalidDataException>(() => TensorFile.Load(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains(fault, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void APickleDeclaringMoreThan100MB_IsRefused_BeforeItIsRead()
    {
        var path = Path.Combine(folder, "big-pickle.pt");
        var zip = TorchSaveZip.Archive(new PickleBuilder().StateDict().Stopped(), CompressionLevel.Optimal, new byte[8]);
        TorchSaveZip.DeclareSize(zip, TorchSaveZip.PickleEntry, 100_000_001);
        File.WriteAllBytes(path, zip);

        var error = Assert.Throws<InvalidDataException>(() => TensorFile.Load(path));

        Assert.Contains("the pickle archive/data.pkl declares 100,000,001 bytes, more than the 100,000,000 read", error.Message, StringComparison.Ordinal);
    }

    private readonly string folder = Directory.CreateTempSubdirectory("lf-untrusted-pt-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.IO.Compression;
using LayersFramework.Engine;
using LayersFramework.Layers;

namespace LayersFramework.Training.Tests;

/// <summary>
/// A <c>.pt</c> file's pickle is walked against an allowlist before PyBridge unpickles it, as PyTorch's
/// <c>torch.load(weights_only=True)</c> does: hostile opcodes, globals, lengths and archives are refused naming the file
/// and what was refused, before a weight changes, while the files of torch.save and of this framework still load.
/// </summary>
public sealed class UntrustedPtFileTests : IDisposable
{
    public static TheoryData<string, byte[], string> HostilePickles => new()
    {
        { "os.system", new PickleBuilder().Global("os", "system").Op(PickleBuilder.Mark).Text("touch pwned").Op(PickleBuilder.Tuple, PickleBuilder.Reduce).Stopped(), "refuses the global os.system at byte 2 of archive/data.pkl: only collections.OrderedDict" },
        { "builtins.eval", new PickleBuilder().Global("builtins", "eval").Text("__import__('os').system('true')").Op(PickleBuilder.Tuple1, PickleBuilder.Reduce).Stopped(), "refuses the global builtins.eval at byte 2" },
        { "a .NET type", new PickleBuilder().Global("System.IO.File", "Delete").Text("/etc/passwd").Op(PickleBuilder.Tuple1, PickleBuilder.Reduce).Stopped(), "refuses the global System.IO.File.Delete at byte 2" },
        { "posix.system by STACK_GLOBAL", new PickleBuilder().Text("posix").Text("system").Op(0x93).Text("true").Op(PickleBuilder.Tuple1, PickleBuilder.Reduce).Stopped(), "refuses the global posix.system at byte 23" },
        { "a BINBYTES8 of 2^62 bytes", new PickleBuilder().Op(0x8e).Op(PickleBuilder.LittleEndian(1L << 62)).Stopped(), "refuses the opcode BINBYTES8 (0x8e) at byte 2" },
        { "EXT1", new PickleBuilder().Op(0x82, 1).Stopped(), "refuses the opcode EXT1 (0x82) at byte 2" },
        { "INST", new PickleBuilder().Op(PickleBuilder.Mark).Text("true").Ascii("ios\nsystem\n").Stopped(), "refuses the opcode INST (0x69) at byte 12" },
        { "a byte that is no opcode", new PickleBuilder().Op(0xff).Stopped(), "refuses the byte 0xff (no pickle opcode) at byte 2" },
        { "a BINUNICODE longer than the pickle", new PickleBuilder().Op(0x58).Op(PickleBuilder.LittleEndian(int.MaxValue)).Ascii("abc").Stopped(), "has a BINUNICODE at byte 2 that claims 2147483647 bytes, but 4 remain" },
        { "a negative BINUNICODE length", new PickleBuilder().Op(0x58).Op(PickleBuilder.LittleEndian(-1)).Stopped(), "claims -1 bytes" },
        { "an INT of 30 digits", new PickleBuilder().Ascii("I123456789012345678901234567890\n").Stopped(), "has an INT at byte 2 longer than the 21 characters" },
        { "a storage of another module", new PickleBuilder().StateDict(storage: ("os", "FloatStorage")).Stopped(), "refuses the global os.FloatStorage at byte 57" },
        { "a storage PyBridge does not map", new PickleBuilder().StateDict(storage: ("torch", "UntypedStorage")).Stopped(), "refuses the global torch.UntypedStorage" },
        { "a whole module's parameter", new PickleBuilder().StateDict(rebuild: ("torch._utils", "_rebuild_parameter")).Stopped(), "refuses the global torch._utils._rebuild_parameter at byte 10" },
        { "a tensor rebuilt by version 1", new PickleBuilder().StateDict(rebuild: ("torch._utils", "_rebuild_tensor")).Stopped(), "refuses the global torch._utils._rebuild_tensor at byte 10" },
        { "a global named by module \"torch\" and name \"_utils._rebuild_tensor_v2\"", new PickleBuilder().StateDict(rebuild: ("torch", "_utils._rebuild_tensor_v2")).Stopped(), "refuses the global torch._utils._rebuild_tensor_v2 at byte 10" },
        { "no STOP", new PickleBuilder().StateDict().Unstopped(), "ends at byte 134 without a STOP opcode" },
        { "a GLOBAL cut short", new PickleBuilder().Ascii("ctorch\nFloatSto").Unstopped(), "ends inside the argument of GLOBAL at byte 2" },
    };

    [Theory]
    [MemberData(nameof(HostilePickles))]
    public void AHostilePickle_IsRefused_NamingTheFileAndWhatItHolds_AndTheModelKeepsItsWeights(string what, byte[] pickle, string fault)
    {
        using var scope = NewDisposeScope();
        using var model = new Dense(2, name: "w");
        model.Call(ones([1, 2]));
        var before = model.Kernel!.Value.clone();
        var path = Path.Combine(folder, "hostile.pt");
        TorchSaveZip.Write(path, pickle, new byte[8]);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, model));

        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains(fault, StringComparison.Ordinal), $"{what}: {error.Message}");
        Assert.True(before.equal(model.Kernel.Value).all().item<bool>(), what);
    }

    [Fact]
    public void APickleThatCallsOsSystem_RunsNothing()
    {
        var marker = Path.Combine(folder, "pwned");
        var path = Path.Combine(folder, "evil.pt");
        TorchSaveZip.Write(path, new PickleBuilder().Global("os", "system").Text($"touch {marker}").Op(PickleBuilder.Tuple1, PickleBuilder.Reduce).Stopped());

        var error = Assert.Throws<InvalidDataException>(() => TensorFile.Load(path));

        Assert.Contains("os.system", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }

    public static TheoryData<string, byte[]> ElementCounts => new()
    {
        { "BININT1, as torch.save writes small counts", [0x4b, 2] },
        { "INT, as PyBridge writes counts of 2^31 and more", "I2147483648\n"u8.ToArray() },
        { "LONG1, as torch.save writes counts of 2^31 and more", [0x8a, 5, 0, 0, 0, 0x80, 0] },
    };

    [Theory]
    [MemberData(nameof(ElementCounts))]
    public void AStateDictWrittenAsTorchSaveWritesIt_Loads_HoweverItsElementCountIsWritten(string how, byte[] numel)
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "by-hand.pt");
        TorchSaveZip.Write(path, new PickleBuilder().StateDict(numel: builder => builder.Op(numel)).Stopped(), [0, 0, 0x80, 0x3f, 0, 0, 0, 0x40]);

        var (tensors, _) = TensorFile.Load(path);

        Assert.True(tensors["w"].equal(tensor(new[] { 1f, 2f })).all().item<bool>(), how);
    }

    [Fact]
    public void TheFilesOfTorchSave_StillLoad_WithEveryValue()
    {
        using var scope = NewDisposeScope();
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");

        var (generator, _) = TensorFile.Load(Path.Combine(fixtures, "pytorch-dcgan", "generator.pt"));
        var (discriminator, _) = TensorFile.Load(Path.Combine(fixtures, "pytorch-dcgan", "discriminator.pt"));
        var (state, _) = TensorFile.Load(Path.Combine(fixtures, "torch-1.13-state-dict.pt"));

        Assert.Equal(14, generator.Count);
        Assert.Equal(10, discriminator.Count);
        Assert.Equal(12 + 7 + 40, state.Count);
        foreach (var (name, value) in state.Where(p => p.Key.StartsWith("dtype.", StringComparison.Ordinal)))
        {
            var real = value.dtype is ScalarType.ComplexFloat32 or ScalarType.ComplexFloat64 ? value.real : value;
            Assert.True(real.to_type(ScalarType.Float64).equal(tensor(new[] { 0.0, 1.0 })).all().item<bool>(), name);
        }

        Assert.Equal(
            ["dtype.bfloat16", "dtype.bool", "dtype.complex128", "dtype.complex64", "dtype.float16", "dtype.float32", "dtype.float64", "dtype.int16", "dtype.int32", "dtype.int64", "dtype.int8", "dtype.uint8"],
            state.Keys.Where(k => k.StartsWith("dtype.", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.True(state["cube"].equal(arange(24f).reshape(2, 3, 4)).all().item<bool>());
        Assert.True(state["row"].equal(arange(300, dtype: ScalarType.Int16)).all().item<bool>());
        Assert.Equal([65536L], state["wide"].shape);
        Assert.False(state["wide"].any().item<bool>());
        Assert.True(state["grad"].equal(ones(3)).all().item<bool>());
        Assert.Equal(5f, state["scalar"].item<float>());
        Assert.True(state["tied.a"].equal(arange(6f).reshape(2, 3)).all().item<bool>());
        Assert.True(state["tied.b"].equal(state["tied.a"]).all().item<bool>());
        Assert.All(Enumerable.Range(0, 40), i => Assert.Equal(i, state[$"many.{i}"].item<float>()));
    }

    [Fact]
    public void AnEntryLargerThanTheMemoryBudget_IsRefused_BeforeItIsRead()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "large.pt");
        TensorFile.Save(path, new Dictionary<string, Tensor> { ["w"] = ones(4096) });

        // A limit for this test alone: setting MaxTensorBytes would refuse the weights of tests running beside it.
        using (MemoryBudget.LimitTo(4096))
        {
            var error = Assert.Throws<InvalidDataException>(() => TensorFile.Load(path));

            Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("entry model/data/0 declares 16,384 bytes, more than the memory budget (4,096 bytes, MemoryBudget)", error.Message, StringComparison.Ordinal);
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

    [Fact]
    public void APickleOfMoreThan2To20Opcodes_IsRefused_BeforeTheUnpicklerBuildsThem()
    {
        // 10 MB of EMPTY_DICT made PyBridge's unpickler allocate 2.9 GB; the walk stops at 2^20 opcodes.
        var path = Path.Combine(folder, "dicts.pt");
        File.WriteAllBytes(path, TorchSaveZip.Archive(new PickleBuilder().Op(Enumerable.Repeat(PickleBuilder.EmptyDict, 1 << 20).ToArray()).Stopped(), CompressionLevel.Optimal));

        var error = Assert.Throws<InvalidDataException>(() => TensorFile.Load(path));

        Assert.Contains("archive/data.pkl holds more than 1,048,576 opcodes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TensorsTimesEntriesBeyond2To28_AreRefused_BeforePyBridgeScansTheArchiveForEach()
    {
        // PyBridge looks each tensor's entry up by a scan of the archive: 10,000 tensors in 10,000 entries took 4.7 s.
        var path = Path.Combine(folder, "lookups.pt");
        var pickle = new PickleBuilder().Op(PickleBuilder.Mark).Text("storage").Global("torch", "FloatStorage").Text("1023").Text("cpu").Small(0)
            .Op(PickleBuilder.Tuple, PickleBuilder.BinPut, 0);
        for (var i = 0; i < (1 << 18) + 1; i++)
        {
            pickle.Op(PickleBuilder.BinGet, 0, PickleBuilder.BinPersid);
        }

        File.WriteAllBytes(path, TorchSaveZip.Archive(pickle.Stopped(), CompressionLevel.Optimal, Enumerable.Repeat(Array.Empty<byte>(), 1022).ToArray()));

        var error = Assert.Throws<InvalidDataException>(() => TensorFile.Load(path));

        Assert.Contains("holds 262,145 tensors in an archive of 1,024 entries", error.Message, StringComparison.Ordinal);
    }

    private readonly string folder = Directory.CreateTempSubdirectory("lf-untrusted-pt-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);
}

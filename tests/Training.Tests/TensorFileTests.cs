// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using LayersFramework.Layers;

namespace LayersFramework.Training.Tests;

/// <summary>
/// Tensor files through PyBridge: values and metadata round trip in both formats, the files are what PyTorch reads,
/// and hostile files end in one exception type naming the file and the fault, before a weight changes.
/// </summary>
public sealed class TensorFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("lf-tensor-files-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<string, string, string> HostileHeaders => new()
    {
        { "a length of 2^64 - 1", "=18446744073709551615", "the header claims 18446744073709551615 bytes" },
        { "a length of 2^63", "=9223372036854775808", "the header claims 9223372036854775808 bytes" },
        { "a length of the file's size", "=file", "the header claims" },
        { "a name given twice", """{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", "names \"w\" twice" },
        { "an unknown dtype", """{"w":{"dtype":"F128","shape":[2],"data_offsets":[0,8]}}""", "has dtype F128, which is not read here" },
        { "an element count overflowing 64 bits", """{"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}}""", "overflows 64 bits" },
        { "a shape that does not fit the offsets", """{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", "needs 12 bytes for shape (3,) but its offsets span 8" },
        { "a negative size", """{"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", "not a list of sizes" },
        { "reversed offsets", """{"w":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}""", "begin ≤ end" },
        { "overlapping offsets", """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", "\"b\" starts at byte 4" },
        { "a gap", """{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", "starts at byte 4 of the data but 0" },
        { "trailing bytes", """{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", "trailing bytes" },
        { "an entry that is not an object", """{"w":5}""", "needs \"dtype\"" },
        { "metadata that is not a string", """{"__metadata__":{"epoch":3},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "metadata \"epoch\" is a JSON Number" },
        { "an array for a header", "[1,2]", "is a JSON Array, not an object" },
        { "JSON cut short", """{"w":{"dtype":"F32",""", "not valid JSON" },
        { "a wrong checksum", """{"__metadata__":{"layersframework.sha256":"00"},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "SHA-256" },
    };

    [Theory]
    [MemberData(nameof(HostileHeaders))]
    public void AHostileSafetensorsHeader_IsRefused_NamingTheFileAndTheFault_AndTheModelKeepsItsWeights(string what, string header, string fault)
    {
        using var scope = NewDisposeScope();
        using var model = new Dense(2, name: "w");
        model.Call(ones([1, 1]));
        var before = model.Kernel!.Value.clone();
        var path = Path.Combine(folder, "hostile.safetensors");
        var data = new byte[8];
        var json = header.StartsWith('=') ? "{}" : header;
        var length = header switch
        {
            "=file" => (ulong)(8 + json.Length + data.Length),
            _ when header.StartsWith('=') => ulong.Parse(header[1..], System.Globalization.CultureInfo.InvariantCulture),
            _ => (ulong)Encoding.UTF8.GetByteCount(json),
        };
        File.WriteAllBytes(path, [.. LittleEndian(length), .. Encoding.UTF8.GetBytes(json), .. data]);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, model));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains(fault, StringComparison.Ordinal), $"{what}: {error.Message}");
        Assert.True(before.equal(model.Kernel.Value).all().item<bool>(), what);
    }

    [Fact]
    public void AHeaderOfInvalidUtf8_IsRefused_NamingTheFile()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "utf8.safetensors");
        byte[] json = [.. "{\"w_\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}"u8];
        json[3] = 0xff; // the name's '_' becomes a byte that begins no UTF-8 sequence
        File.WriteAllBytes(path, [.. LittleEndian((ulong)json.Length), .. json, 0, 0, 0, 0]);

        var error = Assert.Throws<InvalidDataException>(() => TensorFile.Load(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("the header is not valid UTF-8 text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MetadataAndEveryDtype_RoundTrip_InBothFormats()
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = tensor(new[] { 1.5f, -2f, float.NaN }),
            ["f64"] = tensor(new[] { Math.PI }),
            ["i64"] = tensor(new[] { long.MaxValue, -1L }),
            ["u8"] = tensor(new byte[] { 0, 255 }),
            ["bool"] = tensor(new[] { true, false }),
            ["strided"] = arange(6f).reshape(2, 3).t(),
            ["scalar"] = tensor(7L),
        };
        var metadata = new Dictionary<string, string> { ["epoch"] = "12", ["note"] = "ünïcode ✓" };

        foreach (var extension in new[] { ".safetensors", ".pt" })
        {
            var path = Path.Combine(folder, "all" + extension);
            TensorFile.Save(path, tensors, metadata);
            var (loaded, loadedMetadata) = TensorFile.Load(path);

            Assert.Equal(tensors.Keys.Order(), loaded.Keys.Order());
            foreach (var (name, saved) in tensors)
            {
                Assert.Equal(saved.dtype, loaded[name].dtype);
                Assert.Equal(saved.shape, loaded[name].shape);
                Assert.True(saved.to_type(ScalarType.Float64).allclose(loaded[name].to_type(ScalarType.Float64), 0, 0, equal_nan: true), $"{extension} {name}");
            }

            Assert.Equal("12", loadedMetadata["epoch"]);
            Assert.Equal("ünïcode ✓", loadedMetadata["note"]);
        }
    }

    [Fact]
    public void APtFile_IsTorchSavesZipLayout_WithTheMetadataAsADictOfStrings()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "layout.pt");

        TensorFile.Save(path, new Dictionary<string, Tensor> { ["b"] = ones(2), ["a"] = zeros(3) }, new Dictionary<string, string> { ["epoch"] = "1" });

        using var archive = ZipFile.OpenRead(path);
        var entries = archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["model/data.pkl", "model/data/0", "model/data/1", "model/version"], entries);
        Assert.Equal(12, archive.GetEntry("model/data/0")!.Length); // "a", first in name order: 3 floats
        using var pickle = new MemoryStream();
        archive.GetEntry("model/data.pkl")!.Open().CopyTo(pickle);
        var text = Encoding.ASCII.GetString(pickle.ToArray());
        Assert.Contains("__metadata__", text, StringComparison.Ordinal);
        Assert.Contains("_rebuild_tensor_v2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void APtFileWithAFlippedDataByte_IsRefused_ByTheZipChecksum()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(folder, "flipped.pt");
        using var generator = new torch.Generator(1);
        TensorFile.Save(path, new Dictionary<string, Tensor> { ["w"] = randn([4096], generator: generator) });
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length * 2 / 5] ^= 0x01; // 16 KiB of random floats hardly compress: this byte is in their entry
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => TensorFile.Load(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains("CRC", StringComparison.OrdinalIgnoreCase), error.Message);
    }

    [Fact]
    public void AFolder_AMissingFile_AndAnUnknownExtension_GetClearErrors()
    {
        var directory = Path.Combine(folder, "model.safetensors");
        Directory.CreateDirectory(directory);

        var folderError = Assert.Throws<InvalidDataException>(() => TensorFile.Load(directory));
        var missing = Assert.Throws<FileNotFoundException>(() => TensorFile.Load(Path.Combine(folder, "none.pt")));
        var extension = Assert.Throws<ArgumentException>(() => TensorFile.Load(Path.Combine(folder, "model.h5")));

        Assert.Contains("is a folder", folderError.Message, StringComparison.Ordinal);
        Assert.Contains("none.pt", missing.Message, StringComparison.Ordinal);
        Assert.Equal("path", extension.ParamName);
        Assert.Contains("\".h5\"", extension.Message, StringComparison.Ordinal);
    }

    private static byte[] LittleEndian(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }

}

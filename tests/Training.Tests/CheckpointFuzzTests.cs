// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using LayersFramework.Initializers;
using LayersFramework.Layers;
using Xunit.Abstractions;

namespace LayersFramework.Training.Tests;

/// <summary>
/// Seeded mutations of a real checkpoint in both formats (cut, flipped, zeroed, duplicated, lengths overwritten) and
/// the structured faults of issue 14: each file loads into a usable model or is refused with an InvalidDataException
/// whose message starts with its path. Another exception, a hang, a changed weight after a refusal, or a load that
/// allocates out of proportion to the file fails the test, naming the case's seed and mutation.
/// </summary>
public sealed class CheckpointFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 14;
    private const int RandomCases = 1000;
    private const long AllocationSlack = 16 << 20;
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(20);

    private enum Outcome
    {
        Loaded,
        Refused,
        Failed,
        Hung,
    }

    [Fact]
    public void MutatedCheckpoints_LoadIntoAUsableModel_OrAreRefusedNamingTheFile_InBothFormats()
    {
        var folder = Directory.CreateTempSubdirectory("lf-checkpoint-fuzz-").FullName;
        try
        {
            var failures = new List<string>();
            var counts = new[] { ".safetensors", ".pt" }.Select(extension => Fuzz(folder, extension, failures)).ToList();
            var summary = $"checkpoint fuzz: {string.Join(", ", counts)}, {failures.Count} failures";
            output.WriteLine(summary);
            TestSummaries.Add(summary);

            Assert.True(failures.Count == 0, string.Join(Environment.NewLine, [summary, .. failures]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs the random and the structured cases of one format; returns its summary and adds each failure to <paramref name="failures"/>.</summary>
    private static string Fuzz(string folder, string extension, List<string> failures)
    {
        using var scope = NewDisposeScope();
        // Seeded weights, so that every run mutates the same bytes.
        using var model = new Sequential(
            [new Dense(3, kernelInitializer: new GlorotUniform(seed: 1), name: "in"), new BatchNormalization(name: "norm"), new Dense(2, kernelInitializer: new GlorotUniform(seed: 2), name: "out")],
            name: "fuzzed");
        using var optimizer = new Adam(0.01);
        model.Call(ones([2, 4]));
        Optimizer.ZeroGradients(model.TrainableWeights);
        model.Call(arange(8f).reshape(2, 4), training: true).square().sum().backward();
        optimizer.Step(model.TrainableWeights);
        var original = Path.Combine(folder, "original" + extension);
        Checkpoint.Save(original, model, optimizer, new Dictionary<string, string> { ["epoch"] = "1" });
        var bytes = File.ReadAllBytes(original);
        var shapes = model.Weights.Select(w => w.Shape.ToArray()).ToList();
        Checkpoint.Load(original, model, optimizer); // the first load's one-time costs are not the cases'

        var cases = Enumerable.Range(0, RandomCases).Select(index =>
        {
            var caseSeed = (Seed * 1_000_000) + (extension == ".pt" ? 500_000 : 0) + index;
            var (mutated, mutation) = Mutate(bytes, new Random(caseSeed), extension);
            return (Name: $"case {index} (seed {caseSeed}): {mutation}", Write: (Action<string>)(path => File.WriteAllBytes(path, mutated)), MustRefuse: false);
        }).Concat(Structured(bytes, extension).Select(c => (Name: $"structured: {c.Name}", c.Write, MustRefuse: true)));

        var counts = new Dictionary<Outcome, int>();
        var structured = 0;
        foreach (var (name, write, mustRefuse) in cases)
        {
            var path = Path.Combine(folder, $"case-{counts.Values.Sum()}{extension}");
            write(path);
            var (outcome, problem) = Judge(path, model, optimizer, mustRefuse, shapes);
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
            structured += mustRefuse ? 1 : 0;
            if (problem is not null)
            {
                failures.Add($"{extension} {name}: {problem}");
            }

            if (outcome == Outcome.Hung)
            {
                break; // the load still runs on the model: no further case can be judged
            }

            if (Directory.Exists(path))
            {
                Directory.Delete(path);
            }
            else
            {
                File.Delete(path);
            }
        }

        var total = counts.Values.Sum();
        return $"{total} {(extension == ".pt" ? ".pt" : "safetensors")} cases ({total - structured} random, {structured} structured; "
            + $"{counts.GetValueOrDefault(Outcome.Loaded)} loaded, {counts.GetValueOrDefault(Outcome.Refused)} refused)";
    }

    /// <summary>Loads one case and says what is wrong with the result, or null.</summary>
    private static (Outcome Outcome, string? Problem) Judge(string path, Sequential model, Adam optimizer, bool mustRefuse, List<long[]> shapes)
    {
        var before = Floats(model);
        var fileBytes = File.Exists(path) ? new FileInfo(path).Length : 0;
        var run = Task.Run(() => Load(path, model, optimizer, fileBytes));
        if (!run.Wait(CaseTimeout))
        {
            return (Outcome.Hung, $"still loading after {CaseTimeout.TotalSeconds} s");
        }

        var (outcome, problem) = run.Result;
        return outcome switch
        {
            _ when problem is not null => (outcome, problem),
            Outcome.Loaded when mustRefuse => (outcome, "loaded, but must be refused"),
            Outcome.Loaded => (outcome, Unusable(model, shapes) is { } unusable ? $"loaded, but {unusable}" : null),
            _ => (outcome, Same(before, Floats(model)) ? null : "refused, but the weights changed"),
        };
    }

    /// <summary>Loads one case on the calling thread, measuring its managed allocation; an exception outside the contract is the problem.</summary>
    private static (Outcome Outcome, string? Problem) Load(string path, Sequential model, Adam optimizer, long fileBytes)
    {
        var start = GC.GetAllocatedBytesForCurrentThread();
        Outcome outcome;
        try
        {
            using var scope = NewDisposeScope();
            Checkpoint.Load(path, model, optimizer);
            outcome = Outcome.Loaded;
        }
        catch (InvalidDataException e) when (e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            outcome = Outcome.Refused;
        }
        catch (Exception e)
        {
            return (Outcome.Failed, $"{e.GetType().FullName}: {e.Message}");
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - start;
        var bound = (4 * fileBytes) + AllocationSlack;
        return allocated > bound
            ? (outcome, $"{outcome.ToString().ToLowerInvariant()} after allocating {allocated:N0} bytes, more than {bound:N0} (4 × the file + 16 MB)")
            : (outcome, null);
    }

    /// <summary>
    /// One random mutation: the file cut, 1 to 8 bytes flipped, a length field overwritten, a range zeroed, a chunk
    /// duplicated, or 1 to 8 bytes flipped behind the checksums (in the safetensors header, or in the pickle of a
    /// re-zipped .pt), where only the readers' own checks stand.
    /// </summary>
    private static (byte[] Bytes, string Mutation) Mutate(byte[] original, Random random, string extension)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(6))
        {
            case 0:
                var length = random.Next(bytes.Length);
                return (bytes[..length], $"cut to {length} of {bytes.Length} bytes");
            case 1:
                return (bytes, Flip(bytes, random));
            case 2 when extension == ".safetensors":
                // The 8-byte header length: the file's size, 2^63 or 2^64 - 1.
                var value = new[] { (ulong)bytes.Length, 1UL << 63, ulong.MaxValue }[random.Next(3)];
                BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
                return (bytes, $"header length set to {value}");
            case 2:
                // A 4-byte field anywhere (a zip size, offset or count where it lands on one): all ones, the file's size, or 2^31.
                var field = random.Next(bytes.Length - 3);
                var size = new[] { uint.MaxValue, (uint)bytes.Length, 1U << 31 }[random.Next(3)];
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(field), size);
                return (bytes, $"4 bytes at {field} set to {size}");
            case 3:
                var zeroFrom = random.Next(bytes.Length);
                var zeroTo = Math.Min(bytes.Length, zeroFrom + random.Next(1, 257));
                Array.Clear(bytes, zeroFrom, zeroTo - zeroFrom);
                return (bytes, $"bytes {zeroFrom}..{zeroTo} zeroed");
            case 5 when extension == ".safetensors":
                var headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
                return (bytes, $"header {Flip(bytes.AsSpan(8, headerEnd - 8), random)}");
            case 5:
                var flipped = "";
                return (Repickled(bytes, pickle =>
                {
                    flipped = Flip(pickle, random);
                    return pickle;
                }), $"pickle {flipped}, re-zipped");
            default:
                var from = random.Next(bytes.Length);
                var to = Math.Min(bytes.Length, from + random.Next(1, 257));
                var into = random.Next(bytes.Length + 1);
                return ([.. bytes[..into], .. bytes[from..to], .. bytes[into..]], $"bytes {from}..{to} copied to {into}");
        }
    }

    /// <summary>Flips 1 to 8 random bytes in place; says which.</summary>
    private static string Flip(Span<byte> bytes, Random random)
    {
        var flips = new List<string>();
        for (var i = random.Next(1, 9); i > 0; i--)
        {
            var (at, mask) = (random.Next(bytes.Length), (byte)random.Next(1, 256));
            bytes[at] ^= mask;
            flips.Add($"byte {at} ^ 0x{mask:x2}");
        }

        return $"flipped {string.Join(", ", flips)}";
    }

    /// <summary>The structured faults issue 14 names, made from the real file: each must be refused.</summary>
    private static IEnumerable<(string Name, Action<string> Write)> Structured(byte[] original, string extension)
    {
        yield return ("a folder instead of a file", path => Directory.CreateDirectory(path));
        if (extension == ".safetensors")
        {
            var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(original);
            var header = JsonNode.Parse(original.AsSpan(8, headerLength))!.AsObject();
            var data = original[(8 + headerLength)..];
            // The tensors in the order of their bytes: the second starts where the first ends.
            var names = header.Select(p => p.Key).Where(k => k != "__metadata__").OrderBy(k => Offsets(header, k)[0]).ToList();
            (string, Action<string>) Edited(string name, Action<JsonObject> edit)
            {
                var copy = header.DeepClone().AsObject();
                edit(copy);
                return (name, path => WriteSafetensors(path, copy.ToJsonString(), data));
            }

            var (first, second) = (names[0], names[1]);
            yield return Edited("overlapping offsets", h => h[second]!["data_offsets"] = new JsonArray(Offsets(h, second)[0] - 4, Offsets(h, second)[1] - 4));
            yield return Edited("reversed offsets", h => h[first]!["data_offsets"] = new JsonArray(Offsets(h, first)[1], Offsets(h, first)[0]));
            yield return Edited("an unknown dtype", h => h[first]!["dtype"] = "F128");
            yield return Edited("an element count overflowing int64", h => h[first]!["shape"] = new JsonArray(1L << 32, 1L << 32, 1));
            var text = header.ToJsonString();
            yield return ("a name given twice", path => WriteSafetensors(path, $"{text[..^1]},\"{first}\":{header[first]!.ToJsonString()}}}", data));
        }
        else
        {
            yield return ("the storage class of module os, in a valid archive", path => File.WriteAllBytes(path, Repickled(original, pickle => Replace(pickle, "ctorch\nFloatStorage\n", "cos\nFloatStorage\n"))));
            yield return ("the pickle cut before its STOP, in a valid archive", path => File.WriteAllBytes(path, Repickled(original, pickle => pickle[..^1])));
            var declared = (byte[])original.Clone();
            TorchSaveZip.DeclareSize(declared, "model/data/0", 1_000_000);
            yield return ("an entry declaring more bytes than it holds", path => File.WriteAllBytes(path, declared));
        }
    }

    private static long[] Offsets(JsonObject header, string name) => header[name]!["data_offsets"]!.AsArray().Select(o => o!.GetValue<long>()).ToArray();

    private static void WriteSafetensors(string path, string header, byte[] data)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var length = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)json.Length);
        File.WriteAllBytes(path, [.. length, .. json, .. data]);
    }

    /// <summary>The archive with its pickle edited and every entry rewritten, so that each CRC is right again.</summary>
    private static byte[] Repickled(byte[] archive, Func<byte[], byte[]> edit)
    {
        using var source = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        using var result = new MemoryStream();
        using (var target = new ZipArchive(result, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var content = new MemoryStream();
                using (var stream = entry.Open())
                {
                    stream.CopyTo(content);
                }

                var bytes = entry.Name == "data.pkl" ? edit(content.ToArray()) : content.ToArray();
                using var output = target.CreateEntry(entry.FullName).Open();
                output.Write(bytes);
            }
        }

        return result.ToArray();
    }

    private static byte[] Replace(byte[] bytes, string from, string to)
    {
        var text = Encoding.Latin1.GetString(bytes);
        Assert.Contains(from, text, StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }

    /// <summary>Why a model that loaded cannot be used, or null: its weights keep their shapes and it computes finite outputs.</summary>
    private static string? Unusable(Sequential model, List<long[]> shapes)
    {
        using var scope = NewDisposeScope();
        var actual = model.Weights.Select(w => w.Shape.ToArray()).ToList();
        if (!Same(actual, shapes))
        {
            return "the weights' shapes changed";
        }

        var result = model.Call(arange(8f).reshape(2, 4));
        return result.shape.SequenceEqual([2L, 2L]) && result.isfinite().all().item<bool>() ? null : $"the model computes {result.shape.Length}-D or non-finite outputs";
    }

    private static List<float[]> Floats(Sequential model) => model.GetWeights().Select(w => w.contiguous().data<float>().ToArray()).ToList();

    private static bool Same<T>(List<T[]> first, List<T[]> second)
        where T : IEquatable<T> =>
        first.Count == second.Count && first.Zip(second).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second));
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using LayersFramework.Engine;
using LayersFramework.Layers.Tests.Harness;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace LayersFramework.Layers.Tests;

/// <summary>
/// Keras configs of every layer, mutated at random as a hostile or careless writer would (keys dropped or added, values
/// of another type, negative, zero or huge numbers, tuples of the wrong length, unknown class names, deep nesting). Each
/// must load a layer that works on its case's input, or be refused with an ArgumentException, FormatException or
/// JsonException naming the key: never another exception, a crash or a hang. Seeded, so every run tries the same cases.
/// </summary>
public sealed class ConfigFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261207;
    private const int MutationsPerLayer = 60;

    // Values a mutation puts in place of another: every JSON kind, the edges of int and long, fractions, non-numbers.
    private static readonly Func<JsonNode?>[] Replacements =
    [
        () => null, () => true, () => "text", () => "", () => 0, () => -1, () => -7, () => 2.5, () => 2147483648L,
        () => 4294967298L, () => 9.3e18, () => 1e308, () => "NaN", () => "2", () => new JsonArray(),
        () => new JsonArray(1), () => new JsonArray(1, 2, 3, 4, 5), () => new JsonArray(null, 2), () => new JsonObject(),
        () => new JsonObject { ["class_name"] = "NoSuchThing", ["config"] = new JsonObject() }, () => 100_000, () => 2_000_000_000,
    ];

    [Fact]
    public void MutatedConfigsOfEveryLayer_LoadAWorkingLayer_OrAreRefusedNamingTheKey()
    {
        var random = new Random(Seed);
        var tally = new Tally();

        // Weights and outputs above 64 MiB are refused (the limit is this test's only), so huge sizes end quickly.
        using (MemoryBudget.LimitTo(64L << 20))
        {
            foreach (var (label, envelope, inputShape) in Seeds())
            {
                for (var index = 0; index < MutationsPerLayer; index++)
                {
                    var mutant = (JsonObject)envelope.DeepClone();
                    var mutation = Mutate(mutant, random);
                    Try($"{label} #{index} ({mutation.Description})", mutant, mutation.Keys, inputShape, tally);
                }
            }

            Try("10,000 nested Sequentials", NestedSequentials(10_000), ["layers"], null, tally);
        }

        var summary = $"config fuzz: {tally.Cases} cases over {Seeds().Count()} layer configs: {tally.Loaded} loaded and ran, "
            + $"{tally.InputRefused} loaded but refused the input with an ArgumentException, {tally.Refused} refused naming the key, {tally.Failures.Count} failures";
        output.WriteLine(summary);
        TestSummaries.Add(summary);
        Assert.True(tally.Failures.Count == 0, $"{summary}:\n{string.Join("\n", tally.Failures.Take(40))}");
        Assert.True(tally.Loaded > 0 && tally.Refused > 0, summary);
    }

    /// <summary>A valid envelope of each layer type with an input it takes (null: the layer takes several inputs).</summary>
    private static IEnumerable<(string Label, JsonObject Envelope, long[]? InputShape)> Seeds()
    {
        foreach (var testCase in KerasLayerTests.AllCases)
        {
            using var layer = testCase.Create();
            yield return (testCase.Label, LayerRegistry.Serialize(layer), testCase.InputShape);
        }

        using var concatenate = new Concatenate(axis: -1);
        yield return ("Concatenate", LayerRegistry.Serialize(concatenate), null);
        using var model = new Sequential([new Dense(3, activation: "relu"), new BatchNormalization(), new Dense(2)]);
        yield return ("Sequential", LayerRegistry.Serialize(model), [2, 4]);
    }

    private static void Try(string label, JsonObject config, string[] keys, long[]? inputShape, Tally tally)
    {
        tally.Cases++;
        Layer layer;
        try
        {
            layer = LayerRegistry.Get(config);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or JsonException)
        {
            tally.Refused++;
            // The message quotes the config, so any key would be found in it; the key must be named outside that quote.
            // "config" is on every path and in most messages, so only the keys below it count.
            var text = WithoutQuotedConfigs(e.Message);
            var named = keys.Where(key => key != "config").DefaultIfEmpty("config");
            if (!named.Any(key => text.Contains(key, StringComparison.Ordinal)))
            {
                tally.Failures.Add($"{label}: refused without naming {string.Join(" or ", keys)}: {e.Message}");
            }

            return;
        }
        catch (Exception e)
        {
            tally.Failures.Add($"{label}: {e.GetType().Name} while loading: {e.Message}");
            return;
        }

        using (layer)
        {
            if (inputShape is null)
            {
                tally.Loaded++;
                return;
            }

            try
            {
                using var scope = NewDisposeScope();
                var y = layer.Call(rand(inputShape), training: true);
                _ = y.shape;
                tally.Loaded++;
            }
            catch (InvalidOperationException) when (layer is Sequential { Layers.Count: 0 })
            {
                // "layers": null or [] is an empty model, as in Keras; calling it says that it has no layers.
                tally.InputRefused++;
            }
            catch (ArgumentException)
            {
                // The mutated layer does not fit the case's input (a kernel larger than the image, another rank...).
                tally.InputRefused++;
            }
            catch (Exception e)
            {
                tally.Failures.Add($"{label}: loaded, then {e.GetType().Name} on an input of shape ({string.Join(", ", inputShape)}): {e.Message}");
            }
        }
    }

    /// <summary>Changes one thing in the envelope; returns what, and the keys a refusal may name.</summary>
    private static (string Description, string[] Keys) Mutate(JsonObject envelope, Random random)
    {
        var kind = random.Next(10);
        if (kind == 0)
        {
            var name = random.Next(3) switch { 0 => "NoSuchLayer", 1 => "dense ", _ => "Conv9DTranspose" };
            envelope["class_name"] = name;
            return ($"class_name = {name}", [name.Trim()]);
        }

        if (kind == 1)
        {
            // Another layer's class with this one's config: a mismatch of keys.
            var other = random.Next(4) switch { 0 => "Dense", 1 => "Conv2D", 2 => "BatchNormalization", _ => "UpSampling2D" };
            envelope["class_name"] = other;
            envelope.Remove("registered_name");
            return ($"class_name = {other}", [.. ((JsonObject)envelope["config"]!).Select(p => p.Key), other]);
        }

        // A value somewhere inside the config, nested components included.
        var places = new List<(JsonNode Parent, string Key, int Index, string[] Path)>();
        Collect(envelope["config"]!, ["config"], places);
        var (parent, key, index, path) = places[random.Next(places.Count)];
        var replacement = Replacements[random.Next(Replacements.Length)]();
        var shown = replacement?.ToJsonString() ?? "null";
        switch (parent, kind)
        {
            case (JsonObject obj, 2):
                obj.Remove(key);
                return ($"{Join(path)} dropped", path);
            case (JsonObject obj, 3):
                obj["unexpected_key"] = replacement;
                return ($"{Join(path[..^1])}.unexpected_key = {shown}", [.. path[..^1], "unexpected_key"]);
            case (JsonObject obj, _):
                obj[key] = replacement;
                return ($"{Join(path)} = {shown}", path);
            case (JsonArray array, 2):
                array.RemoveAt(index);
                return ($"{Join(path)} removed", path);
            case (JsonArray array, 3):
                array.Add(replacement);
                return ($"{Join(path[..^1])} gained {shown}", path);
            case (JsonArray array, _):
                array[index] = replacement;
                return ($"{Join(path)} = {shown}", path);
            default:
                throw new InvalidOperationException("A value's parent is an object or an array.");
        }
    }

    /// <summary>Lists every value under a node, with the keys on the way to it (an array element is named by its array's key).</summary>
    private static void Collect(JsonNode node, string[] path, List<(JsonNode Parent, string Key, int Index, string[] Path)> places)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    places.Add((obj, key, -1, [.. path, key]));
                    if (child is not null)
                    {
                        Collect(child, [.. path, key], places);
                    }
                }

                break;
            case JsonArray array:
                for (var index = 0; index < array.Count; index++)
                {
                    places.Add((array, path[^1], index, path));
                    if (array[index] is { } child)
                    {
                        Collect(child, path, places);
                    }
                }

                break;
        }
    }

    private static string WithoutQuotedConfigs(string message)
    {
        const string Quote = "from the config ";
        for (var start = message.IndexOf(Quote, StringComparison.Ordinal); start >= 0; start = message.IndexOf(Quote, start + 1, StringComparison.Ordinal))
        {
            // The quoted JSON ends with the "}: " before the reason.
            var end = message.IndexOf("}: ", start, StringComparison.Ordinal);
            message = end < 0 ? message[..start] : message[..start] + message[(end + 3)..];
        }

        return message;
    }

    private static string Join(string[] path) => string.Join(".", path);

    private static JsonObject NestedSequentials(int depth)
    {
        JsonObject config = new() { ["class_name"] = "Dense", ["config"] = new JsonObject { ["units"] = 2 } };
        for (var level = 0; level < depth; level++)
        {
            config = new JsonObject { ["class_name"] = "Sequential", ["config"] = new JsonObject { ["layers"] = new JsonArray(config) } };
        }

        return config;
    }

    private sealed class Tally
    {
        public int Cases { get; set; }

        public int Loaded { get; set; }

        public int InputRefused { get; set; }

        public int Refused { get; set; }

        public List<string> Failures { get; } = [];
    }
}

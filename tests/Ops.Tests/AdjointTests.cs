// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;

namespace LayersFramework.Ops.Tests;

/// <summary>
/// The transposed convolution is the adjoint of the forward convolution with the same strides, dilations,
/// padding, data format and filter tensor: &lt;ConvTranspose(x, f, O), y&gt; = &lt;x, Convolution(y, f)&gt; for
/// every x of the forward output's shape and y of shape O. Checked in float64 over a few hundred random
/// configurations (ranks 1-3, both formats, strides 1-3, dilations 1-2, SAME/VALID/explicit, groups 1-2)
/// and every valid output size of each (a sample where there are too many combinations).
/// </summary>
public sealed class AdjointTests
{
    private const int ConfigurationCount = 360;
    private const int MaxOutputCombinations = 8;
    private const double RelativeTolerance = 1e-10;

    private static readonly Lazy<Dictionary<string, Configuration>> Configurations = new(Generate);

    public static TheoryData<string> ConfigurationNames => new(Configurations.Value.Keys);

    [Theory]
    [MemberData(nameof(ConfigurationNames))]
    public void ConvTranspose_IsTheAdjointOfConvolution_ForEveryValidOutputSize(string name)
    {
        var c = Configurations.Value[name];
        using var scope = NewDisposeScope();
        var xShape = c.Format(c.Batch, c.InChannels, c.Input);
        using var generator = new Generator(c.Seed);
        var filters = randn([.. c.Kernel, c.FilterOut, c.InChannels], ScalarType.Float64, generator: generator);
        var x = randn(xShape, ScalarType.Float64, generator: generator);

        foreach (var output in c.Outputs)
        {
            using var inner = NewDisposeScope();
            var what = string.Create(CultureInfo.InvariantCulture, $"{name}, O=[{string.Join(",", output)}]");
            var yShape = c.Format(c.Batch, c.Groups * c.FilterOut, output);
            var y = randn(yShape, ScalarType.Float64, generator: generator);

            var transposed = c.Explicit is null
                ? Nn.ConvTranspose(x, filters, yShape, c.StridesArgument, c.PaddingName, c.FormatName, c.DilationsArgument)
                : Nn.ConvTranspose(x, filters, yShape, c.StridesArgument, c.Explicit, c.FormatName, c.DilationsArgument);
            var forward = c.Explicit is null
                ? Nn.Convolution(y, filters, c.StridesArgument, c.PaddingName, c.FormatName, c.DilationsArgument)
                : Nn.Convolution(y, filters, c.StridesArgument, c.Explicit, c.FormatName, c.DilationsArgument);

            Assert.True(yShape.SequenceEqual(transposed.shape), $"{what}: the transpose has shape {Tuples.Format(transposed.shape)}, expected {Tuples.Format(yShape)}.");
            Assert.True(xShape.SequenceEqual(forward.shape), $"{what}: the forward convolution of y has shape {Tuples.Format(forward.shape)}, expected x's {Tuples.Format(xShape)}.");

            var left = (transposed * y).sum().item<double>();
            var right = (x * forward).sum().item<double>();
            var scale = (transposed.abs() * y.abs()).sum().item<double>() + (x.abs() * forward.abs()).sum().item<double>();
            Assert.True(
                Math.Abs(left - right) <= RelativeTolerance * scale,
                string.Create(CultureInfo.InvariantCulture, $"{what}: <ConvTranspose(x), y> = {left:R} but <x, Convolution(y)> = {right:R} (scale {scale:G3})."));
        }
    }

    [Fact]
    public void Configurations_CoverEveryRankFormatPaddingKindGroupAndDilatedStride()
    {
        var all = Configurations.Value.Values.ToArray();
        Assert.True(all.Length >= 300, $"only {all.Length} configurations");
        foreach (var format in new[] { "NWC", "NCW", "NHWC", "NCHW", "NDHWC", "NCDHW" })
        {
            foreach (var padding in new[] { "SAME", "VALID", "explicit" })
            {
                Assert.Contains(all, c => c.FormatName == format && (c.Explicit is null ? c.PaddingName : "explicit") == padding);
            }
        }

        Assert.Contains(all, c => c.Groups == 2);
        Assert.Contains(all, c => Enumerable.Range(0, c.Kernel.Length).Any(i => c.Strides[i] > 1 && c.Dilations[i] > 1));
        Assert.Contains(all, c => c.Strides.Distinct().Count() > 1);
        Assert.Contains(all, c => c.Outputs.Length > 1);

        // Every valid output size of every dimension appears in some combination.
        foreach (var c in all)
        {
            for (var i = 0; i < c.Kernel.Length; i++)
            {
                var (min, max) = ValidRange(c, i);
                var seen = c.Outputs.Select(o => o[i]).Distinct().Order().ToArray();
                Assert.Equal(LongRange(min, max), seen);
            }
        }
    }

    private static Dictionary<string, Configuration> Generate()
    {
        var random = new Random(20_250_611);
        var result = new Dictionary<string, Configuration>();
        var names = new[] { new[] { "NWC", "NCW" }, new[] { "NHWC", "NCHW" }, new[] { "NDHWC", "NCDHW" } };
        var index = 0;
        while (result.Count < ConfigurationCount)
        {
            index++;
            var rank = 1 + (index % 3);
            var channelsFirst = (index / 3) % 2 == 1;
            var paddingKind = (index / 6) % 3; // 0 SAME, 1 VALID, 2 explicit
            var spatialMax = rank == 3 ? 3 : 5;
            var input = Enumerable.Range(0, rank).Select(_ => (long)random.Next(1, spatialMax + 1)).ToArray();
            var kernel = Enumerable.Range(0, rank).Select(_ => (long)random.Next(1, 4)).ToArray();
            var strides = random.Next(3) == 0
                ? Enumerable.Range(0, rank).Select(_ => (long)random.Next(1, 4)).ToArray()
                : Enumerable.Repeat((long)random.Next(1, 4), rank).ToArray();
            var dilations = Enumerable.Range(0, rank).Select(_ => (long)random.Next(1, 3)).ToArray();
            var groups = random.Next(3) == 0 ? 2 : 1;
            var filterOut = random.Next(1, 3);
            var inChannels = groups * random.Next(1, 3);
            var batch = random.Next(1, 3);
            var before = new long[rank];
            var after = new long[rank];
            if (paddingKind == 2)
            {
                for (var i = 0; i < rank; i++)
                {
                    before[i] = random.Next(0, 3);
                    after[i] = random.Next(0, 3);
                }
            }

            var formatName = names[rank - 1][channelsFirst ? 1 : 0];
            var configuration = new Configuration
            {
                FormatName = formatName,
                ChannelsFirst = channelsFirst,
                Input = input,
                Kernel = kernel,
                Strides = strides,
                Dilations = dilations,
                PaddingKind = paddingKind,
                Before = before,
                After = after,
                Groups = groups,
                FilterOut = filterOut,
                InChannels = inChannels,
                Batch = batch,
                Seed = (ulong)index,
            };

            var ranges = Enumerable.Range(0, rank).Select(i => ValidRange(configuration, i)).ToArray();
            if (ranges.Any(r => r.Min > r.Max))
            {
                continue; // explicit padding larger than the full result: no output size fits
            }

            configuration.Outputs = OutputCombinations(ranges.Select(r => LongRange(r.Min, r.Max)).ToArray(), random);
            configuration.StridesArgument = Argument(strides, channelsFirst, random);
            configuration.DilationsArgument = random.Next(4) == 0 && dilations.All(d => d == 1) ? null : Argument(dilations, channelsFirst, random);
            configuration.Explicit = paddingKind == 2 ? ExplicitArgument(before, after, channelsFirst, random) : null;
            configuration.PaddingName = paddingKind switch { 0 => "SAME", 1 => "VALID", _ => "explicit" };
            result.Add(Describe(configuration, index), configuration);
        }

        return result;
    }

    /// <summary>The valid output sizes of dimension i, worked out from TensorFlow's rules (conv_grad_shape_utils.cc), not from the code under test.</summary>
    private static (long Min, long Max) ValidRange(Configuration c, int i)
    {
        var s = c.Strides[i];
        var full = ((c.Input[i] - 1) * s) + ((c.Kernel[i] - 1) * c.Dilations[i]) + 1;
        return c.PaddingKind switch
        {
            0 => (((c.Input[i] - 1) * s) + 1, c.Input[i] * s),
            1 => (full, full + s - 1),
            _ => (Math.Max(1, full - c.Before[i] - c.After[i]), full - c.Before[i] - c.After[i] + s - 1),
        };
    }

    private static long[] LongRange(long min, long max) =>
        Enumerable.Range(0, (int)Math.Max(0, max - min + 1)).Select(k => min + k).ToArray();

    /// <summary>All combinations when there are few; otherwise one "diagonal" per size (so every size of every dimension appears) plus random ones.</summary>
    private static long[][] OutputCombinations(long[][] sizes, Random random)
    {
        var count = sizes.Aggregate(1L, (product, s) => product * s.Length);
        if (count <= MaxOutputCombinations)
        {
            IEnumerable<long[]> all = [[]];
            foreach (var dimension in sizes)
            {
                all = all.SelectMany(prefix => dimension.Select(size => (long[])[.. prefix, size]));
            }

            return all.ToArray();
        }

        var diagonal = sizes.Max(s => s.Length);
        var result = Enumerable.Range(0, diagonal).Select(j => sizes.Select(s => s[j % s.Length]).ToArray()).ToList();
        while (result.Count < MaxOutputCombinations)
        {
            var candidate = sizes.Select(s => s[random.Next(s.Length)]).ToArray();
            if (!result.Any(r => r.SequenceEqual(candidate)))
            {
                result.Add(candidate);
            }
        }

        return result.ToArray();
    }

    /// <summary>A strides or dilations argument in one of the accepted forms: 1 value (when all equal), N values, or N + 2 in the format's order.</summary>
    private static int[] Argument(long[] spatial, bool channelsFirst, Random random)
    {
        var values = spatial.Select(v => (int)v).ToArray();
        return random.Next(3) switch
        {
            0 when values.Distinct().Count() == 1 => [values[0]],
            1 => channelsFirst ? [1, 1, .. values] : [1, .. values, 1],
            _ => values,
        };
    }

    private static long[][] ExplicitArgument(long[] before, long[] after, bool channelsFirst, Random random)
    {
        var spatial = before.Zip(after, (b, a) => new[] { b, a }).ToArray();
        if (random.Next(2) == 0)
        {
            return spatial;
        }

        return channelsFirst ? [[0, 0], [0, 0], .. spatial] : [[0, 0], .. spatial, [0, 0]];
    }

    private static string Describe(Configuration c, int index)
    {
        static string List(IEnumerable<long> values) => "[" + string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";
        static string Ints(int[]? values) => values is null ? "null" : "[" + string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";
        var padding = c.PaddingKind switch
        {
            0 => "SAME",
            1 => "VALID",
            _ => "explicit" + string.Concat(c.Explicit!.Select(p => List(p))),
        };
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"#{index:D3} {c.FormatName} I={List(c.Input)} K={List(c.Kernel)} s={Ints(c.StridesArgument)} d={Ints(c.DilationsArgument)} {padding}");
        text.Append(CultureInfo.InvariantCulture, $" groups={c.Groups} in={c.InChannels} filterOut={c.FilterOut} batch={c.Batch} outputs={c.Outputs.Length}");
        return text.ToString();
    }

    private sealed class Configuration
    {
        public required string FormatName { get; init; }

        public required bool ChannelsFirst { get; init; }

        public required long[] Input { get; init; }

        public required long[] Kernel { get; init; }

        public required long[] Strides { get; init; }

        public required long[] Dilations { get; init; }

        public required int PaddingKind { get; init; }

        public required long[] Before { get; init; }

        public required long[] After { get; init; }

        public required long Groups { get; init; }

        public required long FilterOut { get; init; }

        public required long InChannels { get; init; }

        public required long Batch { get; init; }

        public required ulong Seed { get; init; }

        public long[][] Outputs { get; set; } = [];

        public int[] StridesArgument { get; set; } = [];

        public int[]? DilationsArgument { get; set; }

        public long[][]? Explicit { get; set; }

        public string PaddingName { get; set; } = string.Empty;

        public long[] Format(long batch, long channels, long[] spatial) =>
            ChannelsFirst ? [batch, channels, .. spatial] : [batch, .. spatial, channels];
    }
}

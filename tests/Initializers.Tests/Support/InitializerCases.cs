// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Initializers.Tests.Support;

/// <summary>
/// One entry per concrete initializer: an instance with non-default arguments and a shape it accepts. The
/// reflection test fails when a type of the assembly has no entry here, so every other test that iterates
/// these entries covers every initializer.
/// </summary>
internal static class InitializerCases
{
    /// <summary>The entries, keyed by a readable name.</summary>
    public static readonly IReadOnlyDictionary<string, (Func<IInitializer> Create, long[] Shape)> All =
        new Dictionary<string, (Func<IInitializer>, long[])>
        {
            ["Zeros"] = (() => new Zeros(), [4, 4, 3, 3]),
            ["Ones"] = (() => new Ones(), [4, 4, 3, 3]),
            ["Constant"] = (() => new Constant(2.5), [4, 4, 3, 3]),
            ["RandomUniform"] = (() => new RandomUniform(-0.3, 0.7, seed: 1), [4, 4, 3, 3]),
            ["RandomNormal"] = (() => new RandomNormal(1.5, 0.2, seed: 2), [4, 4, 3, 3]),
            ["TruncatedNormal"] = (() => new TruncatedNormal(-1.0, 0.5, seed: 3), [4, 4, 3, 3]),
            ["VarianceScaling"] = (() => new VarianceScaling(2.5, "fan_out", "uniform", seed: 4), [4, 4, 3, 3]),
            ["GlorotUniform"] = (() => new GlorotUniform(seed: 5), [4, 4, 3, 3]),
            ["GlorotNormal"] = (() => new GlorotNormal(seed: 6), [4, 4, 3, 3]),
            ["HeUniform"] = (() => new HeUniform(seed: 7), [4, 4, 3, 3]),
            ["HeNormal"] = (() => new HeNormal(seed: 8), [4, 4, 3, 3]),
            ["LecunUniform"] = (() => new LecunUniform(seed: 9), [4, 4, 3, 3]),
            ["LecunNormal"] = (() => new LecunNormal(seed: 10), [4, 4, 3, 3]),
            ["Orthogonal"] = (() => new Orthogonal(gain: 1.5, seed: 11), [4, 4, 3, 3]),
            ["Identity"] = (() => new Identity(gain: 0.5), [4, 6]),
            ["ICNR"] = (() => new ICNR([2, 2], new HeNormal(seed: 12)), [4, 4, 3, 3]),
            ["BilinearUpsampling"] = (() => new BilinearUpsampling(), [4, 4, 3, 3]),
        };

    /// <summary>
    /// The initializers that draw random numbers, built from a seed (null: unseeded), with a shape they accept.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (Func<long?, IInitializer> Create, long[] Shape)> Seeded =
        new Dictionary<string, (Func<long?, IInitializer>, long[])>
        {
            ["RandomUniform"] = (seed => new RandomUniform(seed: seed), [40, 50]),
            ["RandomNormal"] = (seed => new RandomNormal(seed: seed), [40, 50]),
            ["TruncatedNormal"] = (seed => new TruncatedNormal(seed: seed), [40, 50]),
            ["VarianceScaling"] = (seed => new VarianceScaling(seed: seed), [40, 50]),
            ["GlorotUniform"] = (seed => new GlorotUniform(seed), [40, 50]),
            ["GlorotNormal"] = (seed => new GlorotNormal(seed), [40, 50]),
            ["HeUniform"] = (seed => new HeUniform(seed), [40, 50]),
            ["HeNormal"] = (seed => new HeNormal(seed), [40, 50]),
            ["LecunUniform"] = (seed => new LecunUniform(seed), [40, 50]),
            ["LecunNormal"] = (seed => new LecunNormal(seed), [40, 50]),
            ["Orthogonal"] = (seed => new Orthogonal(seed: seed), [40, 50]),
            ["ICNR"] = (seed => new ICNR([2], new GlorotUniform(seed)), [4, 5, 6]),
        };

    public static TheoryData<string> Names => [.. All.Keys];

    public static TheoryData<string> SeededNames => [.. Seeded.Keys];

    public static IInitializer Create(string name) => All[name].Create();

    public static long[] ShapeOf(string name) => All[name].Shape;
}

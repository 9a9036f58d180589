// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Initializers.Tests.Support;

namespace LayersFramework.Initializers.Tests;

/// <summary>
/// Keras 3's seed rule: a seeded initializer returns the same values on every call and across instances;
/// unseeded ones draw from libtorch's default generator, which TorchRuntime.ManualSeed makes reproducible.
/// </summary>
public sealed class SeedTests
{
    public static TheoryData<string> Names => InitializerCases.SeededNames;

    [Theory]
    [MemberData(nameof(Names))]
    public void SameSeed_GivesSameValues_OnEveryCallAndAcrossInstances(string name)
    {
        using var scope = NewDisposeScope();
        var (create, shape) = InitializerCases.Seeded[name];
        var initializer = create(42);

        var first = TensorAssert.Values(initializer.Initialize(shape));
        var second = TensorAssert.Values(initializer.Initialize(shape));
        var other = TensorAssert.Values(create(42).Initialize(shape));

        // ICNR repeats each of its sub-kernel's values: half as many distinct values as elements here.
        Assert.True(first.Distinct().Count() >= first.Length / 2, "The values are not random.");
        Assert.Equal(first, second);
        Assert.Equal(first, other);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void DifferentSeeds_GiveDifferentValues(string name)
    {
        using var scope = NewDisposeScope();
        var (create, shape) = InitializerCases.Seeded[name];

        Assert.NotEqual(TensorAssert.Values(create(1).Initialize(shape)), TensorAssert.Values(create(2).Initialize(shape)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Unseeded_DrawsFromTheDefaultGenerator_ReproducibleWithManualSeed(string name)
    {
        using var scope = NewDisposeScope();
        var (create, shape) = InitializerCases.Seeded[name];
        var initializer = create(null);

        TorchRuntime.ManualSeed(7);
        var first = TensorAssert.Values(initializer.Initialize(shape));
        var next = TensorAssert.Values(initializer.Initialize(shape));
        TorchRuntime.ManualSeed(7);
        var again = TensorAssert.Values(create(null).Initialize(shape));

        Assert.Equal(first, again);
        Assert.NotEqual(first, next);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SeededDraw_LeavesTheDefaultGeneratorAlone(string name)
    {
        using var scope = NewDisposeScope();
        var (create, shape) = InitializerCases.Seeded[name];

        TorchRuntime.ManualSeed(9);
        var expected = TensorAssert.Values(rand(20));
        TorchRuntime.ManualSeed(9);
        create(5).Initialize(shape);
        var actual = TensorAssert.Values(rand(20));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void SeededDraw_DoesNotDependOnTheDefaultGenerator()
    {
        using var scope = NewDisposeScope();
        TorchRuntime.ManualSeed(1);
        var a = TensorAssert.Values(new HeNormal(seed: 3).Initialize([30, 30]));
        TorchRuntime.ManualSeed(2);
        var b = TensorAssert.Values(new HeNormal(seed: 3).Initialize([30, 30]));

        Assert.Equal(a, b);
    }

    [Fact]
    public void Seed_IsTheDrawOfAGeneratorWithThatSeed()
    {
        // RandomUniform(seed) draws exactly what libtorch's generator with that seed draws; negative seeds use
        // their 64-bit pattern.
        using var scope = NewDisposeScope();
        using var generator = new Generator(123);
        using var negative = new Generator(unchecked((ulong)-5L));

        Assert.Equal(
            TensorAssert.Values(empty(50).uniform_(-1, 1, generator)),
            TensorAssert.Values(new RandomUniform(-1, 1, seed: 123).Initialize([50])));
        Assert.Equal(
            TensorAssert.Values(empty(50).uniform_(-1, 1, negative)),
            TensorAssert.Values(new RandomUniform(-1, 1, seed: -5).Initialize([50])));
    }

    [Fact]
    public void Seed_IsExposed_AndNullWhenUnseeded()
    {
        Assert.Equal(17, new GlorotNormal(17).Seed);
        Assert.Null(new GlorotNormal().Seed);
        Assert.Equal(4, new RandomNormal(seed: 4).Seed);
    }
}

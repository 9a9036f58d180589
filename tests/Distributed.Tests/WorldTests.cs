// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Distributed.Tests;

/// <summary>The world's rules that need no second process: batch shares, refused tensors, a missing OpenMPI.</summary>
public sealed class WorldTests
{
    [Theory]
    [InlineData(2, 7, "0+4 4+3")]
    [InlineData(3, 10, "0+4 4+3 7+3")]
    [InlineData(4, 8, "0+2 2+2 4+2 6+2")]
    [InlineData(3, 3, "0+1 1+1 2+1")]
    public void AGlobalBatch_SplitsEvenly_TheFirstRanksTakingTheRemainder(int size, long batch, string expected)
    {
        var shares = Enumerable.Range(0, size).Select(rank => DataParallel.Share(rank, size, batch)).Select(s => $"{s.Start}+{s.Count}");

        Assert.Equal(expected, string.Join(' ', shares));
    }

    [Fact]
    public void TheCollectives_RefuseTensorsTheyCannotSend_NamingTheProblem()
    {
        using var scope = NewDisposeScope();
        using var world = World.Start();
        using var parallel = new DataParallel(world);

        var integer = Assert.Throws<ArgumentException>(() => world.AllReduceSum(ones(3, ScalarType.Int32)));
        var strided = Assert.Throws<ArgumentException>(() => world.Broadcast(ones(2, 3).t()));
        var root = Assert.Throws<ArgumentOutOfRangeException>(() => world.Broadcast(ones(2), root: 1));
        var batch = Assert.Throws<ArgumentOutOfRangeException>(() => parallel.ShareOf(0));

        Assert.Equal("tensor", integer.ParamName);
        Assert.Contains("received Int32", integer.Message, StringComparison.Ordinal);
        Assert.Contains("not contiguous", strided.Message, StringComparison.Ordinal);
        Assert.Contains("from 0 to 0", root.Message, StringComparison.Ordinal);
        Assert.Equal("globalBatch", batch.ParamName);
    }

    [Fact]
    public void AMissingOpenMpi_SaysWhichPackageToInstall()
    {
        var error = Assert.Throws<DllNotFoundException>(() => OpenMpi.Load(["libmpi-that-is-not-here.so.40"]));

        Assert.Contains("libmpi-that-is-not-here.so.40", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install openmpi-bin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWorldOfOne_KeepsValues_ThroughItsCollectives()
    {
        using var scope = NewDisposeScope();
        using var world = World.Start();
        var values = tensor(new[] { 1.5, -2.0 });

        world.AllReduceSum(values);
        world.Broadcast(values);
        world.Barrier();

        Assert.Equal([1.5, -2.0], values.data<double>().ToArray());
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Engine.Tests;

/// <summary>A limit for one piece of code: it nests to the lowest, flows into the tasks it starts, and leaves other code alone.</summary>
public sealed class MemoryBudgetTests
{
    [Fact]
    public async Task LimitTo_NestsToTheLowest_FlowsIntoTasks_AndEndsWhenDisposed()
    {
        var process = MemoryBudget.MaxTensorBytes;
        long inner, inTask, elsewhere;
        using (MemoryBudget.LimitTo(1_000))
        {
            using (MemoryBudget.LimitTo(5_000))
            {
                inner = MemoryBudget.CurrentMaxTensorBytes;
            }

            inTask = await Task.Run(() => MemoryBudget.CurrentMaxTensorBytes);
            Task<long> other;
            using (ExecutionContext.SuppressFlow())
            {
                other = Task.Run(() => MemoryBudget.CurrentMaxTensorBytes); // code this one did not start
            }

            elsewhere = await other;

            var refused = Assert.Throws<ArgumentException>(() => MemoryBudget.Check([10, 100], ScalarType.Float32, "A test tensor", "shape"));
            Assert.Contains("would need 4,000 bytes, more than the memory budget (1,000 bytes, MemoryBudget)", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(1_000, inner);
        Assert.Equal(1_000, inTask);
        Assert.Equal(process, elsewhere);
        Assert.Equal(process, MemoryBudget.CurrentMaxTensorBytes);
        Assert.Throws<ArgumentOutOfRangeException>(() => MemoryBudget.LimitTo(0));
    }
}

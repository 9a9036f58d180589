// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using TorchSharp;

namespace LayersFramework.Tests.Shared;

/// <summary>Counts the tensors this thread created and has not disposed, for leak tests.</summary>
/// <remarks>
/// TorchSharp keeps the count per thread (<see cref="DisposeScopeManager.Statistics"/>), so tests on other threads
/// do not disturb it. A tensor left to the garbage collector counts as live until its finalizer runs: a leak.
/// </remarks>
internal static class LiveTensors
{
    public static long Count => DisposeScopeManager.Statistics.ThreadTotalLiveCount;
}

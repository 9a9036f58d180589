// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Examples.Tests;

/// <summary>A test that needs <see cref="TmpfsMount"/>: skipped, with the reason, where tmpfs cannot be mounted (not root, no CAP_SYS_ADMIN, not Linux).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TmpfsFactAttribute : FactAttribute
{
    /// <summary>Initializes a new instance of the <see cref="TmpfsFactAttribute"/> class.</summary>
    public TmpfsFactAttribute() => Skip = TmpfsMount.WhyUnavailable;
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Torch.Tests.Support;

namespace LayersFramework.Constraints.Tests;

public sealed class NonNegTests
{
    [Fact]
    public void Apply_ReplacesNegativeValuesWithZero()
    {
        using var scope = new DisposeScope();
        var w = Tensor.FromArray(new double[] { -1, 0, 2.5, -1e-4, 3, -7 }, 2, 3);

        TensorAssert.Close([0, 0, 2.5, 0, 3, 0], [2, 3], new NonNeg().Apply(w), rtol: 0, atol: 0);
    }

    [Fact]
    public void Apply_KeepsNaN_AndTheDtype()
    {
        using var scope = new DisposeScope();
        var w = Tensor.FromArray(new float[] { float.NaN, -2, 2 }, 3);

        var constrained = new NonNeg().Apply(w);

        Assert.Equal(ScalarType.Float32, constrained.Dtype);
        var values = constrained.ToArray<float>();
        Assert.True(float.IsNaN(values[0]));
        Assert.Equal(new float[] { 0, 2 }, values[1..]);
    }

    [Fact]
    public void GetConfig_IsEmpty()
    {
        Assert.Equal("{}", new NonNeg().GetConfig().ToJsonString());
    }
}

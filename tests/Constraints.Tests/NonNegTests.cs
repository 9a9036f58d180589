// Copyright (c) LayersFramework contributors. Licensed under the MIT License.


namespace LayersFramework.Constraints.Tests;

public sealed class NonNegTests
{
    [Fact]
    public void Apply_ReplacesNegativeValuesWithZero()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new double[] { -1, 0, 2.5, -1e-4, 3, -7 }, 2, 3);

        TensorAssert.Close([0, 0, 2.5, 0, 3, 0], [2, 3], new NonNeg().Apply(w), rtol: 0, atol: 0);
    }

    [Fact]
    public void Apply_KeepsNaN_AndTheDtype()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new float[] { float.NaN, -2, 2 }, [3]);

        var constrained = new NonNeg().Apply(w);

        Assert.Equal(ScalarType.Float32, constrained.dtype);
        var values = constrained.data<float>().ToArray();
        Assert.True(float.IsNaN(values[0]));
        Assert.Equal(new float[] { 0, 2 }, values[1..]);
    }

    [Fact]
    public void GetConfig_IsEmpty()
    {
        Assert.Equal("{}", new NonNeg().GetConfig().ToJsonString());
    }
}

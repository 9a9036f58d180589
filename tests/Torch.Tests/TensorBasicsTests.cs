// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Torch.Tests.Support;

namespace LayersFramework.Torch.Tests;

public sealed class TensorBasicsTests
{
    [Fact]
    public void FromArray_ToArray_RoundTripsValuesAndShape()
    {
        using var x = Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        Assert.Equal(new long[] { 2, 3 }, x.Shape);
        Assert.Equal(ScalarType.Float32, x.Dtype);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, x.ToArray<float>());
    }

    [Fact]
    public void ToArray_OfTransposedView_IsRowMajorOfLogicalShape()
    {
        using var x = Tensor.FromArray(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        using var t = x.Transpose(0, 1);
        TensorAssert.Close([1, 4, 2, 5, 3, 6], [3, 2], t);
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Layers.Tests;

/// <summary>A tensor's elements as an array, in row-major order of its logical shape, whatever its strides or dtype.</summary>
internal static class TensorValues
{
    /// <summary>The elements converted to float32.</summary>
    public static float[] Floats(this Tensor tensor)
    {
        using var scope = NewDisposeScope();
        return tensor.detach().cpu().to(ScalarType.Float32).contiguous().data<float>().ToArray();
    }

    /// <summary>The elements converted to float64.</summary>
    public static double[] Doubles(this Tensor tensor) => TensorAssert.Values(tensor);
}

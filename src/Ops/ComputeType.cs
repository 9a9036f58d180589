// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using static TorchSharp.torch;

namespace LayersFramework.Ops;

/// <summary>
/// The dtype a TensorFlow convolution is computed in. TensorFlow's convolutions take float16, bfloat16,
/// float32, float64 and int32 (nn_ops.cc). libtorch's CPU convolutions take no integer type, so int32 is computed
/// in float64 (exact while sums stay below 2^53), and float16 and bfloat16 are computed in float32; the result is
/// narrowed back to the input's dtype.
/// </summary>
internal static class ComputeType
{
    /// <summary>The dtype to compute in, or null when libtorch computes <paramref name="dtype"/> itself.</summary>
    public static ScalarType? Widened(ScalarType dtype, string parameterName) => dtype switch
    {
        ScalarType.Float32 or ScalarType.Float64 => null,
        ScalarType.Float16 or ScalarType.BFloat16 => ScalarType.Float32,
        ScalarType.Int32 => ScalarType.Float64,
        _ => throw new ArgumentException(
            $"{parameterName} has dtype {dtype}; TensorFlow's convolutions take Float16, BFloat16, Float32, Float64 or Int32.", parameterName),
    };

    /// <summary>Checks that the filters have the input's dtype, as TensorFlow requires.</summary>
    public static void CheckSame(Tensor input, Tensor filters, string inputName, string filtersName)
    {
        if (input.dtype != filters.dtype)
        {
            throw new ArgumentException(
                $"{filtersName} has dtype {filters.dtype} but {inputName} has {input.dtype}; they must have the same dtype.", filtersName);
        }
    }

    /// <summary>The tensor in the compute dtype: a conversion when widened, otherwise the tensor itself.</summary>
    public static Tensor Widen(Tensor tensor, ScalarType? widened) => widened is { } dtype ? tensor.to(dtype) : tensor;
}

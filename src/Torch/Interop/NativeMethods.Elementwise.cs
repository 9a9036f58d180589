// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;

namespace LayersFramework.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_add(TensorHandle a, TensorHandle b, double alpha);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_add_scalar(TensorHandle a, double scalar);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_sub(TensorHandle a, TensorHandle b, double alpha);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_sub_scalar(TensorHandle a, double scalar);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_rsub_scalar(TensorHandle a, double scalar);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_mul(TensorHandle a, TensorHandle b);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_mul_scalar(TensorHandle a, double scalar);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_div(TensorHandle a, TensorHandle b);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_div_scalar(TensorHandle a, double scalar);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_pow(TensorHandle a, TensorHandle b);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_pow_scalar(TensorHandle a, double scalar);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_eq(TensorHandle a, TensorHandle b);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_eq_scalar(TensorHandle a, double scalar);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_ne(TensorHandle a, TensorHandle b);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_ne_scalar(TensorHandle a, double scalar);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_lt(TensorHandle a, TensorHandle b);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_lt_scalar(TensorHandle a, double scalar);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_le(TensorHandle a, TensorHandle b);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_le_scalar(TensorHandle a, double scalar);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_gt(TensorHandle a, TensorHandle b);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_gt_scalar(TensorHandle a, double scalar);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_ge(TensorHandle a, TensorHandle b);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_ge_scalar(TensorHandle a, double scalar);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_maximum(TensorHandle a, TensorHandle b);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_minimum(TensorHandle a, TensorHandle b);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_logical_and(TensorHandle a, TensorHandle b);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_logical_or(TensorHandle a, TensorHandle b);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_neg(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_abs(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_sign(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_sqrt(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_rsqrt(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_square(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_reciprocal(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_exp(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_expm1(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_log(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_log1p(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_erf(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_erfinv(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_floor(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_ceil(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_round(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_sin(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_cos(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_logical_not(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_isnan(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_isfinite(TensorHandle a);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_clamp(TensorHandle a, [MarshalAs(UnmanagedType.I1)] bool hasMin, double min, [MarshalAs(UnmanagedType.I1)] bool hasMax, double max);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_Tensor_clamp_tensor(TensorHandle a, TensorHandle min, TensorHandle max);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_where(TensorHandle condition, TensorHandle a, TensorHandle b);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr LFT_where_scalar(TensorHandle condition, TensorHandle a, double b);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_allclose(TensorHandle a, TensorHandle b, double rtol, double atol, [MarshalAs(UnmanagedType.I1)] bool equalNan);

    [LibraryImport(LibraryName)]
    internal static partial int LFT_Tensor_equal(TensorHandle a, TensorHandle b);
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Initializers.Tests.Support;

/// <summary>The sample statistics of a tensor's values, computed in double precision.</summary>
internal sealed record Moments(long Count, double Mean, double Variance, double Min, double Max)
{
    public double Std => Math.Sqrt(Variance);

    public static Moments Of(Tensor values) => Of(TensorAssert.Values(values));

    public static Moments Of(double[] values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return new Moments(values.Length, mean, variance, values.Min(), values.Max());
    }
}

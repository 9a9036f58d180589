// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Tests.Shared;

/// <summary>Functions .NET's Math lacks, computed independently of libtorch for expected values.</summary>
internal static class ReferenceMath
{
    public static double Expm1(double x) => Math.Abs(x) < 1e-5 ? x + (x * x / 2) + (x * x * x / 6) : Math.Exp(x) - 1;

    public static double Log1p(double x) => Math.Abs(x) < 1e-5 ? x - (x * x / 2) + (x * x * x / 3) : Math.Log(1 + x);

    /// <summary>erf by its Maclaurin series, 2/√π Σ (−1)ⁿ x²ⁿ⁺¹ / (n!(2n + 1)); accurate to ~1e-14 for |x| ≤ 3.</summary>
    public static double Erf(double x)
    {
        double sum = 0, term = x;
        for (var n = 0; n < 200; n++)
        {
            sum += term / ((2 * n) + 1);
            term *= -x * x / (n + 1);
        }

        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    /// <summary>The inverse of <see cref="Erf"/> by Newton's method.</summary>
    public static double Erfinv(double y)
    {
        var x = 0.0;
        for (var i = 0; i < 100; i++)
        {
            x -= (Erf(x) - y) / (2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x));
        }

        return x;
    }
}

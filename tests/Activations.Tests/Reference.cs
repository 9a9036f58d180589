// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Activations.Tests;

/// <summary>The activations' formulas (Keras 3's keras/src/activations/activations.py, its docstrings and the NumPy references of its tests) in C# double, independently of libtorch.</summary>
internal static class Reference
{
    public const double SeluAlpha = 1.6732632423543772848170429916717;
    public const double SeluScale = 1.0507009873554804934193349852946;

    public static double Relu(double x) => Math.Max(x, 0);

    /// <summary>Keras 3's ReLU.static_call, step by step, on one element.</summary>
    public static double Relu(double x, double negativeSlope, double? maxValue, double threshold)
    {
        if (negativeSlope != 0 && maxValue is null && threshold == 0)
        {
            return LeakyRelu(x, negativeSlope);
        }

        var negativePart = threshold != 0 ? Relu(-x + threshold) : Relu(-x);
        var clip = maxValue is not null;
        double positive;
        if (threshold != 0)
        {
            positive = x * (x > threshold ? 1.0 : 0.0);
        }
        else if (maxValue == 6)
        {
            positive = Relu6(x);
            clip = false;
        }
        else
        {
            positive = Relu(x);
        }

        if (clip)
        {
            positive = Math.Clamp(positive, 0, maxValue!.Value);
        }

        return negativeSlope != 0 ? positive - (negativeSlope * negativePart) : positive;
    }

    public static double LeakyRelu(double x, double slope) => x >= 0 ? x : slope * x;

    public static double Relu6(double x) => Math.Min(Math.Max(x, 0), 6);

    public static double Elu(double x, double alpha) => x > 0 ? x : alpha * ReferenceMath.Expm1(x);

    public static double Selu(double x) => SeluScale * Elu(x, SeluAlpha);

    /// <summary>x·(1 + erf(x/√2))/2; for |x/√2| &gt; 2, where the erf series loses precision, with erfc of |x|/√2.</summary>
    public static double Gelu(double x)
    {
        var u = x / Math.Sqrt(2);
        var cdf = u < -2 ? Erfc(-u) / 2 : u > 2 ? 1 - (Erfc(u) / 2) : (1 + ReferenceMath.Erf(u)) / 2;
        return x * cdf;
    }

    /// <summary>erfc(z) for z ≥ 2 by its continued fraction e^(−z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + ...)))).</summary>
    public static double Erfc(double z)
    {
        var tail = z;
        for (var n = 200; n >= 1; n--)
        {
            tail = z + (n / 2.0 / tail);
        }

        return Math.Exp(-z * z) / (Math.Sqrt(Math.PI) * tail);
    }

    public static double GeluTanh(double x) => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + (0.044715 * x * x * x))));

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    public static double HardSigmoid(double x) => Math.Clamp((x / 6) + 0.5, 0, 1);

    /// <summary>tf-keras's (Keras 2's) hard_sigmoid, which Keras 3 replaced.</summary>
    public static double TfKerasHardSigmoid(double x) => Math.Clamp((0.2 * x) + 0.5, 0, 1);

    public static double Softplus(double x) => ReferenceMath.Log1p(Math.Exp(x));

    public static double Softsign(double x) => x / (1 + Math.Abs(x));

    public static double Silu(double x) => x * Sigmoid(x);

    public static double HardSilu(double x) => x * HardSigmoid(x);

    public static double Mish(double x) => x * Math.Tanh(Softplus(x));

    public static double Celu(double x, double alpha) => Math.Max(x, 0) + (alpha * ReferenceMath.Expm1(Math.Min(x, 0) / alpha));

    public static double Squareplus(double x, double b) => (x + Math.Sqrt((x * x) + b)) / 2;

    public static double SoftShrink(double x, double t) => x > t ? x - t : x < -t ? x + t : 0;

    public static double HardShrink(double x, double t) => Math.Abs(x) > t ? x : 0;

    public static double HardTanh(double x) => Math.Clamp(x, -1, 1);

    public static double TanhShrink(double x) => x - Math.Tanh(x);

    public static double SparsePlus(double x) => x <= -1 ? 0 : x < 1 ? (x + 1) * (x + 1) / 4 : x;

    public static double SparseSigmoid(double x) => x <= -1 ? 0 : x < 1 ? (x + 1) / 2 : 1;

    public static double LogSigmoid(double x) => -Softplus(-x);

    public static double Threshold(double x, double threshold, double defaultValue) => x > threshold ? x : defaultValue;

    public static double[] Softmax(double[] row)
    {
        var max = row.Max();
        var exponentials = row.Select(v => Math.Exp(v - max)).ToArray();
        var sum = exponentials.Sum();
        return exponentials.Select(e => e / sum).ToArray();
    }

    public static double[] LogSoftmax(double[] row) => Softmax(row).Select(p => Math.Log(p)).ToArray();

    /// <summary>Sparsemax by Keras's sort-based rule: sort descending, k = largest index with z₍ₖ₎ − (cumsum₍ₖ₎ − 1)/k &gt; 0, τ = (cumsum₍ₖ₎ − 1)/k.</summary>
    public static double[] Sparsemax(double[] row)
    {
        var sorted = row.OrderByDescending(v => v).ToArray();
        double cumulative = 0, tau = 0;
        for (var k = 1; k <= sorted.Length; k++)
        {
            cumulative += sorted[k - 1];
            if (sorted[k - 1] - ((cumulative - 1) / k) > 0)
            {
                tau = (cumulative - 1) / k;
            }
        }

        return row.Select(v => Math.Max(v - tau, 0)).ToArray();
    }

    /// <summary>GLU on one row: first half times sigmoid of the second half.</summary>
    public static double[] Glu(double[] row)
    {
        var half = row.Length / 2;
        return Enumerable.Range(0, half).Select(i => row[i] * Sigmoid(row[half + i])).ToArray();
    }

    /// <summary>Applies a row function to each slice of a row-major matrix along axis 1 (rows) or 0 (columns).</summary>
    public static double[,] AlongAxis(double[,] matrix, int axis, Func<double[], double[]> function)
    {
        int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
        if (axis == 1)
        {
            var results = Enumerable.Range(0, rows).Select(r => function(Enumerable.Range(0, columns).Select(c => matrix[r, c]).ToArray())).ToArray();
            var output = new double[rows, results[0].Length];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < results[r].Length; c++)
                {
                    output[r, c] = results[r][c];
                }
            }

            return output;
        }

        var byColumn = Enumerable.Range(0, columns).Select(c => function(Enumerable.Range(0, rows).Select(r => matrix[r, c]).ToArray())).ToArray();
        var result = new double[byColumn[0].Length, columns];
        for (var c = 0; c < columns; c++)
        {
            for (var r = 0; r < byColumn[c].Length; r++)
            {
                result[r, c] = byColumn[c][r];
            }
        }

        return result;
    }

    public static double[] Flatten(double[,] matrix) => matrix.Cast<double>().ToArray();
}

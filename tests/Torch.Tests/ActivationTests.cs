// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using LayersFramework.Torch.Tests.Support;

namespace LayersFramework.Torch.Tests;

public sealed class ActivationTests
{
    private const double SeluAlpha = 1.6732632423543772;
    private const double SeluScale = 1.0507009873554805;

    private static readonly double[] Inputs = [-3, -1, -0.5, 0, 0.5, 1, 3];

    [Theory]
    [InlineData("Relu")]
    [InlineData("Relu6")]
    [InlineData("LeakyRelu")]
    [InlineData("LeakyRelu0.2")]
    [InlineData("Elu")]
    [InlineData("Elu0.5")]
    [InlineData("Selu")]
    [InlineData("Gelu")]
    [InlineData("GeluTanh")]
    [InlineData("Sigmoid")]
    [InlineData("Tanh")]
    [InlineData("Softplus")]
    [InlineData("Softplus2")]
    [InlineData("Softsign")]
    [InlineData("Silu")]
    [InlineData("Swish")]
    [InlineData("HardSigmoid")]
    [InlineData("HardSilu")]
    [InlineData("Mish")]
    [InlineData("Exponential")]
    [InlineData("Linear")]
    public void Activation_MatchesItsFormula_InFloat64(string activation)
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Inputs, Inputs.Length);
        var (actual, formula) = Apply(activation, x);
        Assert.Equal(ScalarType.Float64, actual.Dtype);
        TensorAssert.Close(Inputs.Select(formula).ToArray(), [Inputs.Length], actual, rtol: 1e-13, atol: 1e-15);
    }

    [Theory]
    [InlineData("Relu")]
    [InlineData("Gelu")]
    [InlineData("Sigmoid")]
    [InlineData("Softplus")]
    [InlineData("Mish")]
    [InlineData("HardSilu")]
    public void Activation_MatchesItsFormula_InFloat32(string activation)
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(Inputs.Select(v => (float)v).ToArray(), 7).Reshape(7, 1);
        var (actual, formula) = Apply(activation, x);
        Assert.Equal(ScalarType.Float32, actual.Dtype);
        TensorAssert.Close(Inputs.Select(formula).ToArray(), [7, 1], actual, rtol: 1e-6, atol: 1e-6);
    }

    [Fact]
    public void Selu_UsesKlambauerConstants()
    {
        using var scope = new DisposeScope();
        var y = Functional.Selu(Tensor.FromArray(new double[] { 1, -1000 }, 2));

        // selu(1) = scale; selu(−∞) → −scale·alpha.
        TensorAssert.Close([SeluScale, -SeluScale * SeluAlpha], [2], y, rtol: 1e-15, atol: 0);
    }

    [Fact]
    public void Softplus_IsLinear_AboveTheThreshold()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new double[] { 0.5, 3 }, 2);

        // beta·x = 1 and 6 against threshold 2: the first is smooth, the second returns x.
        TensorAssert.Close([Math.Log(1 + Math.E) / 2, 3], [2], Functional.Softplus(x, beta: 2, threshold: 2), rtol: 1e-14, atol: 0);
    }

    [Fact]
    public void Softmax_IsExpOverSumOfExp_AndRowsSumToOne()
    {
        using var scope = new DisposeScope();
        double[] data = [1, 2, 3, -1, 0, 5];
        var x = Tensor.FromArray(data, 2, 3);
        var expected = new double[6];
        for (var row = 0; row < 2; row++)
        {
            var sum = data.Skip(row * 3).Take(3).Sum(Math.Exp);
            for (var j = 0; j < 3; j++)
            {
                expected[(row * 3) + j] = Math.Exp(data[(row * 3) + j]) / sum;
            }
        }

        var y = Functional.Softmax(x);
        TensorAssert.Close(expected, [2, 3], y, rtol: 1e-14, atol: 0);
        TensorAssert.Close([1, 1], [2], y.Sum([1]), rtol: 0, atol: 1e-15);
        TensorAssert.Close(expected, [2, 3], Functional.Softmax(x, 1), rtol: 1e-14, atol: 0);
    }

    [Fact]
    public void Softmax_NormalisesTheGivenDimension()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new double[] { 0, 1, Math.Log(3), 0 }, 2, 2);

        // Columns: [0, ln 3] → [1/4, 3/4]; [1, 0] → [e/(1+e), 1/(1+e)].
        var e = Math.E;
        TensorAssert.Close([0.25, e / (1 + e), 0.75, 1 / (1 + e)], [2, 2], Functional.Softmax(x, 0), rtol: 1e-14, atol: 0);
    }

    [Fact]
    public void SoftmaxAndLogSoftmax_AreStable_ForLargeInputs()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new double[] { 1000, 1001 }, 1, 2);
        var e = Math.E;
        TensorAssert.Close([1 / (1 + e), e / (1 + e)], [1, 2], Functional.Softmax(x), rtol: 1e-14, atol: 0);
        TensorAssert.Close([-Math.Log(1 + e), 1 - Math.Log(1 + e)], [1, 2], Functional.LogSoftmax(x), rtol: 1e-14, atol: 0);
    }

    [Fact]
    public void LogSoftmax_IsXMinusLogSumExp()
    {
        using var scope = new DisposeScope();
        double[] data = [1, 2, 3, -1, 0, 5];
        var x = Tensor.FromArray(data, 2, 3);
        var expected = new double[6];
        for (var row = 0; row < 2; row++)
        {
            var logSum = Math.Log(data.Skip(row * 3).Take(3).Sum(Math.Exp));
            for (var j = 0; j < 3; j++)
            {
                expected[(row * 3) + j] = data[(row * 3) + j] - logSum;
            }
        }

        TensorAssert.Close(expected, [2, 3], Functional.LogSoftmax(x), rtol: 1e-14, atol: 1e-15);
        TensorAssert.Close(expected, [2, 3], Functional.LogSoftmax(x, -1), rtol: 1e-14, atol: 1e-15);
    }

    [Fact]
    public void Linear_ReturnsADifferentTensorObject_WithTheSameValues()
    {
        using var x = Tensor.FromArray(Inputs, Inputs.Length);
        var y = Functional.Linear(x);
        try
        {
            Assert.NotSame(x, y);
            Assert.Equal(Inputs, y.ToArray<double>());
            Assert.Equal(x.Shape, y.Shape);
        }
        finally
        {
            y.Dispose();
        }

        Assert.False(x.IsDisposed);
        Assert.Equal(Inputs, x.ToArray<double>());
    }

    private static (Tensor Actual, Func<double, double> Formula) Apply(string activation, Tensor x) => activation switch
    {
        "Relu" => (Functional.Relu(x), v => Math.Max(v, 0)),
        "Relu6" => (Functional.Relu6(x * 3), v => Math.Min(Math.Max(3 * v, 0), 6)),
        "LeakyRelu" => (Functional.LeakyRelu(x), v => v >= 0 ? v : 0.01 * v),
        "LeakyRelu0.2" => (Functional.LeakyRelu(x, 0.2), v => v >= 0 ? v : 0.2 * v),
        "Elu" => (Functional.Elu(x), v => v > 0 ? v : Math.Exp(v) - 1),
        "Elu0.5" => (Functional.Elu(x, 0.5), v => v > 0 ? v : 0.5 * (Math.Exp(v) - 1)),
        "Selu" => (Functional.Selu(x), v => SeluScale * (v > 0 ? v : SeluAlpha * (Math.Exp(v) - 1))),
        "Gelu" => (Functional.Gelu(x), v => 0.5 * v * (1 + ReferenceMath.Erf(v / Math.Sqrt(2)))),
        "GeluTanh" => (Functional.Gelu(x, approximate: true), v => 0.5 * v * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (v + (0.044715 * v * v * v))))),
        "Sigmoid" => (Functional.Sigmoid(x), Sigmoid),
        "Tanh" => (Functional.Tanh(x), Math.Tanh),
        "Softplus" => (Functional.Softplus(x), v => Math.Log(1 + Math.Exp(v))),
        "Softplus2" => (Functional.Softplus(x, beta: 2), v => Math.Log(1 + Math.Exp(2 * v)) / 2),
        "Softsign" => (Functional.Softsign(x), v => v / (1 + Math.Abs(v))),
        "Silu" => (Functional.Silu(x), v => v * Sigmoid(v)),
        "Swish" => (Functional.Swish(x), v => v * Sigmoid(v)),
        "HardSigmoid" => (Functional.HardSigmoid(x), v => Math.Min(Math.Max(v + 3, 0), 6) / 6),
        "HardSilu" => (Functional.HardSilu(x), v => v * Math.Min(Math.Max(v + 3, 0), 6) / 6),
        "Mish" => (Functional.Mish(x), v => v * Math.Tanh(Math.Log(1 + Math.Exp(v)))),
        "Exponential" => (Functional.Exponential(x), Math.Exp),
        "Linear" => (Functional.Linear(x), v => v),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
}

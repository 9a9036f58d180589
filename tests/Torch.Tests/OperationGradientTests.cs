// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using LayersFramework.Torch.Tests.Support;

namespace LayersFramework.Torch.Tests;

/// <summary>
/// Autograd of the differentiable operations against central finite differences in float64. Each case builds its
/// inputs (every one of them is checked) and the function of them; constants are captured by the function.
/// Inputs of functions with kinks (relu, max, |x|, clamp, l1) are kept well away from the kinks.
/// </summary>
public sealed class OperationGradientTests
{
    private static readonly Dictionary<string, Func<Generator, GradCase>> Cases = new()
    {
        // Arithmetic, with broadcasting (the gradient of a broadcast operand is summed back to its shape).
        ["Add(tensor, alpha) broadcast"] = g => Case(a => a[0].Add(a[1], alpha: 0.5), Randn(g, 2, 3), Randn(g, 3)),
        ["Add(scalar)"] = g => Case(a => a[0].Add(2.5), Randn(g, 2, 3)),
        ["Operator + (scalar on the left)"] = g => Case(a => 2.5 + a[0], Randn(g, 4)),
        ["Sub(tensor, alpha) broadcast"] = g => Case(a => a[0].Sub(a[1], alpha: 2), Randn(g, 3), Randn(g, 2, 3)),
        ["Sub(scalar)"] = g => Case(a => a[0].Sub(1.5), Randn(g, 2, 3)),
        ["RSub(scalar)"] = g => Case(a => 1.5 - a[0], Randn(g, 2, 3)),
        ["Neg"] = g => Case(a => -a[0], Randn(g, 2, 3)),
        ["Mul(tensor) broadcast"] = g => Case(a => a[0] * a[1], Randn(g, 2, 3), Randn(g, 2, 1)),
        ["Mul(scalar)"] = g => Case(a => a[0] * -3.0, Randn(g, 2, 3)),
        ["Div(tensor)"] = g => Case(a => a[0] / a[1], Randn(g, 2, 3), AwayFromZero(g, 2, 3)),
        ["Div(scalar)"] = g => Case(a => a[0] / 4.0, Randn(g, 2, 3)),
        ["Operator / (scalar by tensor)"] = g => Case(a => 2.0 / a[0], AwayFromZero(g, 2, 3)),
        ["Pow(tensor)"] = g => Case(a => a[0].Pow(a[1]), Uniform(g, 0.5, 2, 2, 3), Randn(g, 2, 3)),
        ["Pow(3)"] = g => Case(a => a[0].Pow(3), Randn(g, 2, 3)),
        ["Pow(2.5) of positive"] = g => Case(a => a[0].Pow(2.5), Uniform(g, 0.5, 2, 2, 3)),
        ["Matmul(matrix, matrix)"] = g => Case(a => a[0].Matmul(a[1]), Randn(g, 2, 3), Randn(g, 3, 4)),
        ["Matmul(batch, matrix) broadcast"] = g => Case(a => a[0].Matmul(a[1]), Randn(g, 2, 2, 3), Randn(g, 3, 2)),
        ["Matmul(matrix, vector)"] = g => Case(a => a[0].Matmul(a[1]), Randn(g, 2, 3), Randn(g, 3)),
        ["Matmul(vector, vector)"] = g => Case(a => a[0].Matmul(a[1]), Randn(g, 4), Randn(g, 4)),

        // Element-wise functions and activations.
        ["Exp"] = g => Case(a => a[0].Exp(), Randn(g, 2, 3)),
        ["Log of positive"] = g => Case(a => a[0].Log(), Uniform(g, 0.5, 2, 2, 3)),
        ["Sqrt of positive"] = g => Case(a => a[0].Sqrt(), Uniform(g, 0.5, 2, 2, 3)),
        ["Abs"] = g => Case(a => a[0].Abs(), Distinct(g, 2, 3)),
        ["Tanh"] = g => Case(a => Functional.Tanh(a[0]), Randn(g, 2, 3)),
        ["Sigmoid"] = g => Case(a => Functional.Sigmoid(a[0]), Randn(g, 2, 3)),
        ["Relu"] = g => Case(a => Functional.Relu(a[0]), Distinct(g, 2, 4)),
        ["LeakyRelu(0.2)"] = g => Case(a => Functional.LeakyRelu(a[0], 0.2), Distinct(g, 2, 4)),
        ["Elu(1.5)"] = g => Case(a => Functional.Elu(a[0], 1.5), Distinct(g, 2, 4)),
        ["Selu"] = g => Case(a => Functional.Selu(a[0]), Distinct(g, 2, 4)),
        ["Gelu(exact)"] = g => Case(a => Functional.Gelu(a[0]), Randn(g, 2, 4)),
        ["Gelu(tanh)"] = g => Case(a => Functional.Gelu(a[0], approximate: true), Randn(g, 2, 4)),
        ["Softplus(beta 1)"] = g => Case(a => Functional.Softplus(a[0]), Randn(g, 2, 4)),
        ["Softplus(beta 2, threshold 1) both sides"] = g => Case(a => Functional.Softplus(a[0], beta: 2, threshold: 1), Distinct(g, 2, 4)),
        ["Softsign"] = g => Case(a => Functional.Softsign(a[0]), Distinct(g, 2, 4)),
        ["Silu"] = g => Case(a => Functional.Silu(a[0]), Randn(g, 2, 4)),
        ["Mish"] = g => Case(a => Functional.Mish(a[0]), Randn(g, 2, 4)),
        ["Softmax(dim 1)"] = g => Case(a => Functional.Softmax(a[0], 1), Randn(g, 2, 4)),
        ["LogSoftmax(dim 0)"] = g => Case(a => Functional.LogSoftmax(a[0], 0), Randn(g, 3, 2)),

        // Reductions.
        ["Sum()"] = g => Case(a => a[0].Sum(), Randn(g, 2, 3)),
        ["Sum(dim 1, keepDim)"] = g => Case(a => a[0].Sum([1], keepDim: true), Randn(g, 2, 3, 2)),
        ["Mean()"] = g => Case(a => a[0].Mean(), Randn(g, 2, 3)),
        ["Mean(dims 0, 2)"] = g => Case(a => a[0].Mean([0, 2]), Randn(g, 2, 3, 2)),
        ["Max()"] = g => Case(a => a[0].Max(), Distinct(g, 2, 3)),
        ["Max(dim 1)"] = g => Case(a => a[0].Max([1]), Distinct(g, 2, 3, 2)),
        ["Max(dims 0, 2, keepDim)"] = g => Case(a => a[0].Max([0, 2], keepDim: true), Distinct(g, 2, 3, 2)),
        ["MaxWithIndices(dim 0) values"] = g => Case(a => a[0].MaxWithIndices(0).Values, Distinct(g, 3, 2)),
        ["Min(dim 1)"] = g => Case(a => a[0].Min([1]), Distinct(g, 2, 3)),
        ["Norm(2)"] = g => Case(a => a[0].Norm(), Randn(g, 2, 3)),
        ["Norm(3, dim 1)"] = g => Case(a => a[0].Norm(3, [1]), Randn(g, 2, 3)),
        ["Norm(1, dim 0, keepDim)"] = g => Case(a => a[0].Norm(1, [0], keepDim: true), Distinct(g, 2, 3)),
        ["Var(dim 1, unbiased)"] = g => Case(a => a[0].Var([1]), Randn(g, 2, 4)),
        ["Var(all, population)"] = g => Case(a => a[0].Var(correction: 0), Randn(g, 2, 3)),
        ["Std(dim 0, keepDim)"] = g => Case(a => a[0].Std([0], keepDim: true), Randn(g, 3, 2)),
        ["Std(all)"] = g => Case(a => a[0].Std(), Randn(g, 2, 3)),
        ["LogSumExp(dim 1)"] = g => Case(a => a[0].LogSumExp([1]), Randn(g, 2, 3)),

        // Views, joins and padding.
        ["Reshape"] = g => Case(a => a[0].Reshape(4, -1) * Ramp(4, 3), Randn(g, 2, 3, 2)),
        ["Permute"] = g => Case(a => a[0].Permute(2, 0, 1) * Ramp(2, 2, 3), Randn(g, 2, 3, 2)),
        ["Transpose"] = g => Case(a => a[0].Transpose(0, 2).Exp(), Randn(g, 2, 3, 2)),
        ["Narrow"] = g => Case(a => a[0].Narrow(1, 1, 2), Randn(g, 2, 4)),
        ["Slice(step 2)"] = g => Case(a => a[0].Slice(1, 0, 5, 2), Randn(g, 2, 5)),
        ["Select"] = g => Case(a => a[0].Select(0, -1), Randn(g, 3, 2)),
        ["Cat(dim 1)"] = g => Case(a => Tensor.Cat([a[0], a[1]], 1), Randn(g, 2, 1), Randn(g, 2, 3)),
        ["Stack(dim 1)"] = g => Case(a => Tensor.Stack([a[0], a[1]], 1), Randn(g, 2, 3), Randn(g, 2, 3)),
        ["Expand"] = g => Case(a => a[0].Expand(4, 3), Randn(g, 1, 3)),
        ["Pad(constant 0.5)"] = g => Case(a => a[0].Pad([1, 2], value: 0.5), Randn(g, 2, 3)),
        ["Pad(constant, crop)"] = g => Case(a => a[0].Pad([-1, 1, 1, 0]), Randn(g, 2, 3)),
        ["Pad(reflect)"] = g => Case(a => a[0].Pad([1, 2], "reflect"), Randn(g, 1, 2, 4)),
        ["Pad(replicate 2-D)"] = g => Case(a => a[0].Pad([1, 0, 2, 1], "replicate"), Randn(g, 1, 1, 2, 3)),
        ["Pad(circular)"] = g => Case(a => a[0].Pad([2, 1], "circular"), Randn(g, 1, 2, 3)),

        // Selection.
        ["Clamp(-0.5, 0.6)"] = g => Case(a => a[0].Clamp(-0.5, 0.6), Distinct(g, 3, 4)),
        ["Clamp(min only)"] = g => Case(a => a[0].Clamp(0.05, null), Distinct(g, 3, 4)),
        ["Clamp(tensor bounds)"] = g => Case(a => a[0].Clamp(a[1], a[2]), Distinct(g, 2, 4), Uniform(g, -0.6, -0.2, 4), Uniform(g, 0.2, 0.6, 2, 1)),
        ["Where(tensor, tensor) broadcast"] = g =>
        {
            var condition = Randn(g, 2, 3).Gt(0);
            return Case(a => Tensor.Where(condition, a[0], a[1]), Randn(g, 2, 3), Randn(g, 3));
        },
        ["Where(tensor, scalar)"] = g =>
        {
            var condition = Randn(g, 2, 3).Gt(0);
            return Case(a => Tensor.Where(condition, a[0], 0.25), Randn(g, 2, 3));
        },

        // Batch normalization in training: batch statistics, no running statistics.
        ["BatchNorm(N, C)"] = g => Case(a => Functional.BatchNorm(a[0], a[1], a[2], null, null, training: true), Randn(g, 4, 3), Randn(g, 3), Randn(g, 3)),
        ["BatchNorm(N, C, H, W)"] = g => Case(a => Functional.BatchNorm(a[0], a[1], a[2], null, null, training: true, eps: 1e-3), Randn(g, 2, 3, 2, 2), Randn(g, 3), Randn(g, 3)),
        ["BatchNorm(no affine)"] = g => Case(a => Functional.BatchNorm(a[0], null, null, null, null, training: true), Randn(g, 3, 2, 2)),

        // Losses.
        ["MseLoss(mean)"] = g => Case(a => Functional.MseLoss(a[0], a[1]), Randn(g, 2, 3), Randn(g, 2, 3)),
        ["MseLoss(sum, broadcast target)"] = g => Case(a => Functional.MseLoss(a[0], a[1], Reduction.Sum), Randn(g, 2, 3), Randn(g, 3)),
        ["MseLoss(none)"] = g => Case(a => Functional.MseLoss(a[0], a[1], Reduction.None), Randn(g, 2, 3), Randn(g, 2, 3)),
        ["L1Loss(mean)"] = g => Case(a => Functional.L1Loss(a[0], a[1]), Distinct(g, 2, 3), Randn(g, 2, 3).Mul(0.01)),
        ["L1Loss(none)"] = g => Case(a => Functional.L1Loss(a[0], a[1], Reduction.None), Distinct(g, 2, 3), Randn(g, 2, 3).Mul(0.01)),
        ["HuberLoss(delta 0.5) both regions"] = g => Case(a => Functional.HuberLoss(a[0], a[1], delta: 0.5), Randn(g, 3, 4), Randn(g, 3, 4)),
        ["BinaryCrossEntropy"] = g =>
        {
            var target = Tensor.Rand([2, 3], g, ScalarType.Float64);
            return Case(a => Functional.BinaryCrossEntropy(a[0], target), Uniform(g, 0.1, 0.9, 2, 3));
        },
        ["BinaryCrossEntropy(weight, sum)"] = g =>
        {
            var target = Tensor.Rand([2, 3], g, ScalarType.Float64);
            var weight = Uniform(g, 0.5, 2, 3);
            return Case(a => Functional.BinaryCrossEntropy(a[0], target, weight, Reduction.Sum), Uniform(g, 0.1, 0.9, 2, 3));
        },
        ["BinaryCrossEntropyWithLogits(input, target)"] = g =>
            Case(a => Functional.BinaryCrossEntropyWithLogits(a[0], a[1]), Randn(g, 2, 3), Tensor.Rand([2, 3], g, ScalarType.Float64)),
        ["BinaryCrossEntropyWithLogits(weight, positiveWeight)"] = g =>
        {
            var target = Tensor.Rand([2, 3], g, ScalarType.Float64);
            var weight = Uniform(g, 0.5, 2, 2, 1);
            var positiveWeight = Uniform(g, 0.5, 3, 3);
            return Case(a => Functional.BinaryCrossEntropyWithLogits(a[0], target, weight, positiveWeight), Randn(g, 2, 3).Mul(2));
        },
        ["CrossEntropy(indices)"] = g =>
        {
            var target = Tensor.FromArray(new long[] { 0, 3, 1 }, 3);
            return Case(a => Functional.CrossEntropy(a[0], target), Randn(g, 3, 4));
        },
        ["CrossEntropy(indices, weight, smoothing, sum)"] = g =>
        {
            var target = Tensor.FromArray(new long[] { 2, 0, 2 }, 3);
            var weight = Uniform(g, 0.5, 2, 4);
            return Case(a => Functional.CrossEntropy(a[0], target, weight, Reduction.Sum, labelSmoothing: 0.1), Randn(g, 3, 4));
        },
        ["CrossEntropy(indices, spatial)"] = g =>
        {
            var target = Tensor.FromArray(new long[] { 0, 2, 1, 1 }, 2, 2);
            return Case(a => Functional.CrossEntropy(a[0], target), Randn(g, 2, 3, 2));
        },
        ["CrossEntropy(probabilities)"] = g =>
        {
            var target = Functional.Softmax(Randn(g, 3, 4));
            return Case(a => Functional.CrossEntropy(a[0], target), Randn(g, 3, 4));
        },
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Operation_GradientsMatchFiniteDifferences(string name)
    {
        using var scope = new DisposeScope();
        using var generator = new Generator(1234);
        var gradCase = Cases[name](generator);
        Assert.All(gradCase.Inputs, x => Assert.Equal(ScalarType.Float64, x.Dtype));

        GradientCheck.AssertGradientsMatch(gradCase.Function, gradCase.Inputs);
    }

    [Fact]
    public void GradientCheck_DetectsAWrongGradient()
    {
        // The check itself must be able to fail: x·detach(x) has gradient detach(x), not 2x.
        using var scope = new DisposeScope();
        using var generator = new Generator(3);
        var x = Randn(generator, 2, 3);

        Assert.ThrowsAny<Exception>(() => GradientCheck.AssertGradientsMatch(a => a[0] * a[0].Detach(), [x]));
    }

    [Fact]
    public void Max_WithTies_SplitsGradientEvenly()
    {
        // Finite differences are meaningless at a tie; libtorch's amax shares the gradient among the tied maxima.
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new double[] { 1, 3, 3, 2 }, 4).WithRequiresGrad();

        x.Max([0]).Backward();

        TensorAssert.Close([0, 0.5, 0.5, 0], [4], x.Grad()!);
    }

    private static GradCase Case(Func<IReadOnlyList<Tensor>, Tensor> function, params Tensor[] inputs) => new(inputs, function);

    private static Tensor Randn(Generator generator, params long[] shape) => Tensor.Randn(shape, generator, ScalarType.Float64);

    private static Tensor Uniform(Generator generator, double low, double high, params long[] shape) =>
        Tensor.Uniform(shape, low, high, generator, ScalarType.Float64);

    /// <summary>Values of random sign with magnitudes in [0.5, 2).</summary>
    private static Tensor AwayFromZero(Generator generator, params long[] shape)
    {
        var sign = Tensor.Randn(shape, generator, ScalarType.Float64).Sign();
        return Tensor.Uniform(shape, 0.5, 2, generator, ScalarType.Float64) * sign;
    }

    /// <summary>A random arrangement of values 0.37 apart, none within 0.07 of zero: no ties, no kinks hit.</summary>
    private static Tensor Distinct(Generator generator, params long[] shape)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var permutation = Tensor.RandPerm(count, generator).To(ScalarType.Float64);
        return ((permutation - ((count - 1) / 2.0)) * 0.37 + 0.11).Reshape(shape);
    }

    /// <summary>1, 2, 3, ... in the given shape: makes a layout mistake in a view change the result.</summary>
    private static Tensor Ramp(params long[] shape)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        return Tensor.Arange(1, count + 1, 1, ScalarType.Float64).Reshape(shape);
    }

    private sealed record GradCase(Tensor[] Inputs, Func<IReadOnlyList<Tensor>, Tensor> Function);
}

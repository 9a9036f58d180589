// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Tests.Shared;

/// <summary>
/// Checks autograd against central finite differences in float64. The function's output is reduced to a
/// scalar L = Σ f(x)·w with fixed random weights w, so every output element contributes to every gradient.
/// </summary>
internal static class GradientCheck
{
    /// <summary>
    /// Asserts that autograd's ∂L/∂inputs[i] equals (L(x + h·eᵢ) − L(x − h·eᵢ)) / 2h for every element of every
    /// input. Inputs must be float64; they are not modified.
    /// </summary>
    public static void AssertGradientsMatch(Func<IReadOnlyList<Tensor>, Tensor> function, IReadOnlyList<Tensor> inputs, double step = 1e-6, double tolerance = 1e-6, ulong seed = 7)
    {
        using var scope = NewDisposeScope();
        var leaves = inputs.Select(x => x.detach().clone().requires_grad_()).ToArray();
        var output = function(leaves);
        using var generator = new Generator(seed);
        var weights = randn(output.shape, ScalarType.Float64, generator: generator);
        var loss = (output * weights).sum();
        var analytic = autograd.grad([loss], leaves);

        for (var i = 0; i < leaves.Length; i++)
        {
            var values = inputs[i].data<double>().ToArray();
            var shape = inputs[i].shape;
            var numeric = new double[values.Length];
            for (var j = 0; j < values.Length; j++)
            {
                numeric[j] = (LossAt(j, +step) - LossAt(j, -step)) / (2 * step);
            }

            Assert.NotNull(analytic[i]);
            TensorAssert.Close(numeric, analytic[i].contiguous().data<double>().ToArray(), rtol: tolerance, atol: tolerance);

            double LossAt(int index, double delta)
            {
                using var inner = NewDisposeScope();
                var perturbed = (double[])values.Clone();
                perturbed[index] += delta;
                var arguments = leaves.Select((leaf, k) => k == i ? tensor(perturbed, shape) : leaf.detach()).ToArray();
                return (function(arguments) * weights).sum().item<double>();
            }
        }
    }
}

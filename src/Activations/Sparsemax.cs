// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using LayersFramework.Torch;

namespace LayersFramework.Activations;

/// <summary>
/// Keras 3's <c>sparsemax</c> activation (Martins and Astudillo, 2016): the Euclidean projection of the input onto the
/// probability simplex along <see cref="Axis"/>, max(x − τ, 0) with τ chosen so that each slice sums to 1.
/// </summary>
/// <remarks>
/// <para>Like softmax, each slice becomes a probability distribution, but the small entries are exactly 0. With the
/// support S = {i : 1 + kᵢ·xᵢ &gt; Σ_{j: xⱼ ≥ xᵢ} xⱼ}, where kᵢ = |{j : xⱼ ≥ xᵢ}|, τ = (Σ_{i∈S} xᵢ − 1) / |S|. This is the
/// sort-based rule of Keras written without a sort (the binding has none): it compares every pair of elements of a
/// slice, so it takes O(n²) memory per slice of n elements — fine for class scores, not for very long axes.</para>
/// <para>A Keras 3 activation (not in tf-keras). With axis −1 it serializes as the string "sparsemax". The output has
/// the input's shape and dtype.</para>
/// </remarks>
/// <example>
/// <code>
/// using var x = Tensor.FromArray(new double[] { 2, 1, -1 }, 3);
/// using var y = new Sparsemax().Apply(x);    // [1, 0, 0]
/// </code>
/// </example>
public sealed class Sparsemax : ActivationFunction
{
    /// <summary>Initializes a new instance of the <see cref="Sparsemax"/> class.</summary>
    /// <param name="axis">The axis normalised; negative values count from the end; −1 (the last) by default.</param>
    public Sparsemax(int axis = -1) => Axis = axis;

    /// <inheritdoc/>
    public override string Name => "sparsemax";

    /// <summary>Gets the axis normalised.</summary>
    public int Axis { get; }

    /// <summary>Returns <c>{"axis"}</c>.</summary>
    /// <returns>A new config object.</returns>
    public override JsonObject GetConfig() => new() { ["axis"] = Axis };

    /// <summary>Creates the activation from its config; an absent key takes the default.</summary>
    /// <exception cref="System.ArgumentException">The config has an unexpected key or a value of the wrong kind.</exception>
    internal static Sparsemax FromConfig(JsonObject config)
    {
        var reader = new ConfigReader(config, nameof(Sparsemax));
        var axis = ConfigValues.Integer(reader, nameof(Sparsemax), "axis", -1);
        reader.EnsureNoOtherKeys();
        return new Sparsemax(axis);
    }

    /// <inheritdoc/>
    /// <exception cref="System.ArgumentException">The input is 0-D or has no axis <see cref="Axis"/>.</exception>
    protected override Tensor Compute(Tensor x)
    {
        var axis = ActivationArguments.NormalizeAxis(x, Axis, Name);
        Tensor inSupport;
        using (Autograd.NoGrad())
        {
            // [..., i, j, ...] compares xⱼ with xᵢ: i runs along `axis`, j along `axis + 1`.
            using var rows = x.Unsqueeze(axis + 1);
            using var columns = x.Unsqueeze(axis);
            using var atLeast = columns.Ge(rows);
            using var atLeastValues = atLeast.To(x.Dtype);
            using var rank = atLeastValues.Sum([axis + 1]);
            using var products = atLeastValues.Mul(columns);
            using var partialSums = products.Sum([axis + 1]);
            using var scaled = rank.Mul(x);
            using var shifted = scaled.Add(1);
            using var margin = shifted.Sub(partialSums);
            using var positive = margin.Gt(0);
            inSupport = positive.To(x.Dtype);
        }

        using (inSupport)
        {
            using var count = inSupport.Sum([axis], keepDim: true);
            using var selected = inSupport.Mul(x);
            using var total = selected.Sum([axis], keepDim: true);
            using var excess = total.Sub(1);
            using var tau = excess.Div(count);
            using var difference = x.Sub(tau);
            return Functional.Relu(difference);
        }
    }
}

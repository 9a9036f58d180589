// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Linq;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>
/// Keras 3's <c>sparsemax</c> activation (Martins and Astudillo, 2016): the Euclidean projection of the input onto the
/// probability simplex along <see cref="Axis"/>, max(x − τ, 0) with τ chosen so that each slice sums to 1.
/// </summary>
/// <remarks>
/// <para>Like softmax, each slice becomes a probability distribution, but the small entries are exactly 0. Keras's
/// sort-based rule: with z the slice sorted in descending order and cₖ = z₁ + ... + zₖ, the support size is
/// K = |{k : 1 + k·zₖ &gt; cₖ}| and τ = (c_K − 1) / K. The gradient flows through the sorted values (so through τ),
/// as in Keras; the support itself is a comparison, constant almost everywhere.</para>
/// <para>A Keras 3 activation (not in tf-keras). With axis −1 it serializes as the string "sparsemax". The output has
/// the input's shape and dtype.</para>
/// </remarks>
/// <example>
/// <code>
/// using var x = torch.tensor(new double[] { 2, 1, -1 });
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
        using var scope = NewDisposeScope();
        var sorted = x.sort(axis, descending: true).Values;
        var cumulative = sorted.cumsum(axis);

        // k = 1..n laid along `axis`, so that it broadcasts against the sorted slices.
        var rankShape = Enumerable.Repeat(1L, (int)x.dim()).ToArray();
        rankShape[axis] = x.size(axis);
        var k = arange(1, x.size(axis) + 1, dtype: x.dtype, device: x.device).reshape(rankShape);
        var support = (1 + (k * sorted)).gt(cumulative).to(x.dtype);
        var count = support.sum(axis, keepdim: true);
        var tau = ((support * sorted).sum(axis, keepdim: true) - 1) / count;
        return scope.MoveToOuter(nn.functional.relu(x - tau));
    }
}

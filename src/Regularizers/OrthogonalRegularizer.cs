// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using LayersFramework.Engine;
using static TorchSharp.torch;

namespace LayersFramework.Regularizers;

/// <summary>
/// Encourages the rows (or columns) of a matrix to be orthogonal to each other (Keras's
/// <c>OrthogonalRegularizer</c>, names "OrthogonalRegularizer" and "orthogonal_regularizer"): the penalty is
/// <c>factor</c> times the mean, over all pairs i &lt; j, of |cos θᵢⱼ|, the absolute cosine between rows (columns)
/// i and j.
/// </summary>
/// <remarks>
/// <para>
/// Computed as Keras 3 does: each row (mode "rows") or column (mode "columns") is L2-normalised as
/// <c>x * rsqrt(max(sum(x²), 1e-14))</c> (so an all-zero row stays zero instead of becoming NaN; tf-keras used
/// 1e-12); P = W Wᵀ (rows) or Wᵀ W (columns), of size n × n; the penalty is
/// <c>factor * 0.5 * sum over i ≠ j of |Pᵢⱼ| / (n (n − 1) / 2)</c>.
/// </para>
/// <para>
/// Input: rank 2 only, so it cannot regularize a convolution kernel directly. With a single row (rows) or column
/// (columns) there are no pairs and the penalty is NaN (0 / 0), as in Keras. When applied to a dense kernel
/// (input_dim, units), mode "rows" makes the input features' weight vectors orthogonal.
/// </para>
/// <para>The config is <c>{"factor": factor, "mode": mode}</c>.</para>
/// </remarks>
/// <example>
/// <code>
/// var regularizer = new OrthogonalRegularizer(factor: 0.01, mode: "rows");
/// using var w = torch.tensor(new float[] { 3, 4, 4, 3 }, [2, 2]);
/// using var penalty = regularizer.Compute(w); // rows (0.6, 0.8), (0.8, 0.6): 0.01 * 0.96
/// </code>
/// </example>
public sealed class OrthogonalRegularizer : IRegularizer
{
    /// <summary>Keras 3's floor on a row's sum of squares, <c>epsilon()²</c>.</summary>
    private const double SquareSumFloor = 1e-14;

    /// <summary>Creates the orthogonality penalty.</summary>
    /// <param name="factor">The factor, a finite number, 0 or more; 0.01 unless given.</param>
    /// <param name="mode">"rows" or "columns" (exactly, lower case): which vectors are made orthogonal; "rows" unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is negative, infinite or NaN ("expected a non-negative float").</exception>
    /// <exception cref="ArgumentException"><paramref name="mode"/> is not "rows" or "columns".</exception>
    public OrthogonalRegularizer(double factor = 0.01, string? mode = "rows")
    {
        mode ??= "rows"; // null: the default
        Factor = RegularizerArguments.CheckFactor(factor);
        if (mode is not ("rows" or "columns"))
        {
            throw new ArgumentException(
                $"Invalid value for argument mode: expected one of {{\"rows\", \"columns\"}}. Received: mode=\"{mode}\".",
                nameof(mode));
        }

        Mode = mode;
    }

    /// <summary>Gets the factor.</summary>
    public double Factor { get; }

    /// <summary>Gets the mode, "rows" or "columns".</summary>
    public string Mode { get; }

    /// <summary>Creates the penalty from its Keras config, <c>{"factor": factor, "mode": mode}</c>; missing keys take the defaults.</summary>
    /// <param name="config">The config, or null for the defaults.</param>
    /// <returns>The regularizer.</returns>
    /// <exception cref="ArgumentException">The config has another key, a value of the wrong type, or an invalid mode.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The factor is negative, infinite or NaN.</exception>
    public static OrthogonalRegularizer FromConfig(JsonObject? config)
    {
        var reader = new ConfigReader(config, nameof(OrthogonalRegularizer));
        var factor = reader.Number("factor", 0.01);
        var mode = reader.Text("mode", "rows");
        reader.EnsureNoOtherKeys();
        return new OrthogonalRegularizer(factor, mode);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="weight"/> does not have rank 2.</exception>
    public Tensor Compute(Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.dim() != 2)
        {
            throw new ArgumentException(
                $"Inputs to OrthogonalRegularizer must have rank 2. Received: a weight of shape {Tuples.Format(weight.shape)} (rank {weight.dim()}); "
                + "it applies to matrices such as a dense kernel, not to convolution kernels.",
                nameof(weight));
        }

        using var scope = NewDisposeScope();
        var rows = Mode == "rows";
        var squareSums = weight.square().sum(rows ? 1 : 0, keepdim: true);
        var normalized = weight * squareSums.clamp_min(SquareSumFloor).rsqrt();
        var transposed = normalized.transpose(0, 1);
        var product = rows ? normalized.matmul(transposed) : transposed.matmul(normalized);
        var size = weight.size(rows ? 0 : 1);
        var offDiagonal = product * (1 - eye(size, dtype: weight.dtype, device: weight.device));
        var pairs = size * (size - 1.0) / 2.0;
        return scope.MoveToOuter(offDiagonal.abs().sum() * (Factor * 0.5) / pairs);
    }

    /// <inheritdoc/>
    public JsonObject GetConfig() => new() { ["factor"] = Factor, ["mode"] = Mode };
}

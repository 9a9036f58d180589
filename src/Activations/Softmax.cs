// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>softmax</c> activation: exp(x − max) / Σ exp(x − max) along <see cref="Axis"/>.</summary>
/// <remarks>
/// Each slice along the axis becomes a probability distribution (elements in [0, 1] summing to 1). Computed by
/// libtorch's softmax kernel, which subtracts the maximum first so that large logits do not overflow. Keras 3 accepts
/// a 1-D input (tf-keras refused one); so does this class. With axis −1 it serializes as the string "softmax". The
/// output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var probabilities = new Softmax().Apply(logits);        // over the last axis
/// using var perChannel = new Softmax(axis: 1).Apply(images);    // over channels of NCHW
/// </code>
/// </example>
public sealed class Softmax : ActivationFunction
{
    /// <summary>Initializes a new instance of the <see cref="Softmax"/> class.</summary>
    /// <param name="axis">The axis normalised; negative values count from the end; −1 (the last) by default.</param>
    public Softmax(int axis = -1) => Axis = axis;

    /// <inheritdoc/>
    public override string Name => "softmax";

    /// <summary>Gets the axis normalised.</summary>
    public int Axis { get; }

    /// <summary>Returns <c>{"axis"}</c>.</summary>
    /// <returns>A new config object.</returns>
    public override JsonObject GetConfig() => new() { ["axis"] = Axis };

    /// <summary>Creates the activation from its config; an absent key takes the default.</summary>
    /// <exception cref="System.ArgumentException">The config has an unexpected key or a value of the wrong kind.</exception>
    internal static Softmax FromConfig(JsonObject config)
    {
        var reader = new ConfigReader(config, nameof(Softmax));
        var axis = ConfigValues.Integer(reader, nameof(Softmax), "axis", -1);
        reader.EnsureNoOtherKeys();
        return new Softmax(axis);
    }

    /// <inheritdoc/>
    /// <exception cref="System.ArgumentException">The input is 0-D or has no axis <see cref="Axis"/>.</exception>
    protected override Tensor Compute(Tensor x) => nn.functional.softmax(x, ActivationArguments.NormalizeAxis(x, Axis, Name));
}

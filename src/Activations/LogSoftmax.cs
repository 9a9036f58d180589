// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras's <c>log_softmax</c> activation: log(softmax(x)) = x − max − log Σ exp(x − max) along <see cref="Axis"/>.</summary>
/// <remarks>
/// Computed by libtorch's log_softmax kernel, which stays finite where log(softmax(x)) would underflow to −∞. With
/// axis −1 it serializes as the string "log_softmax". The output has the input's shape and dtype.
/// </remarks>
/// <example>
/// <code>
/// using var logProbabilities = new LogSoftmax().Apply(logits);
/// </code>
/// </example>
public sealed class LogSoftmax : ActivationFunction
{
    /// <summary>Initializes a new instance of the <see cref="LogSoftmax"/> class.</summary>
    /// <param name="axis">The axis normalised; negative values count from the end; −1 (the last) by default.</param>
    public LogSoftmax(int axis = -1) => Axis = axis;

    /// <inheritdoc/>
    public override string Name => "log_softmax";

    /// <summary>Gets the axis normalised.</summary>
    public int Axis { get; }

    /// <summary>Returns <c>{"axis"}</c>.</summary>
    /// <returns>A new config object.</returns>
    public override JsonObject GetConfig() => new() { ["axis"] = Axis };

    /// <summary>Creates the activation from its config; an absent key takes the default.</summary>
    /// <exception cref="System.ArgumentException">The config has an unexpected key or a value of the wrong kind.</exception>
    internal static LogSoftmax FromConfig(JsonObject config)
    {
        var reader = new ConfigReader(config, nameof(LogSoftmax));
        var axis = ConfigValues.Integer(reader, nameof(LogSoftmax), "axis", -1);
        reader.EnsureNoOtherKeys();
        return new LogSoftmax(axis);
    }

    /// <inheritdoc/>
    /// <exception cref="System.ArgumentException">The input is 0-D or has no axis <see cref="Axis"/>.</exception>
    protected override Tensor Compute(Tensor x) => nn.functional.log_softmax(x, ActivationArguments.NormalizeAxis(x, Axis, Name));
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>
/// Keras's <c>relu</c> activation: max(x, 0) by default, with Keras 3's options <c>negative_slope</c>,
/// <c>max_value</c> and <c>threshold</c>.
/// </summary>
/// <remarks>
/// <para>The options combine exactly as in Keras 3 (<c>keras/src/activations/activations.py</c>, <c>ReLU.static_call</c>):</para>
/// <list type="number">
/// <item><description>negative_slope ≠ 0 with no max_value and threshold 0: leaky relu, x for x ≥ 0 and negative_slope·x below.</description></item>
/// <item><description>Otherwise the positive part is x·[x &gt; threshold] when threshold ≠ 0 (so with a negative threshold the
/// values in (threshold, 0] pass through, and −0 appears below a positive threshold, as in Keras); relu6(x) when
/// max_value is 6; max(x, 0) otherwise.</description></item>
/// <item><description>It is clipped to [0, max_value] when max_value is given.</description></item>
/// <item><description>When negative_slope ≠ 0, negative_slope·max(threshold − x, 0) is subtracted: below the threshold the
/// output is negative_slope·(x − threshold).</description></item>
/// </list>
/// <para>tf-keras calls the slope <c>alpha</c>; the config key here is Keras 3's <c>negative_slope</c>. With its defaults
/// this activation serializes as the string "relu"; with options, in Keras's envelope (see <see cref="ActivationRegistry.Serialize"/>).
/// The output has the input's shape and dtype.</para>
/// </remarks>
/// <example>
/// <code>
/// var capped = new Relu(maxValue: 6);                                  // relu6
/// var leakyAboveOne = new Relu(negativeSlope: 0.1, threshold: 1);      // 0.1·(x − 1) below 1, x above
/// using var y = capped.Apply(x);
/// </code>
/// </example>
public sealed class Relu : ActivationFunction
{
    /// <summary>Initializes a new instance of the <see cref="Relu"/> class.</summary>
    /// <param name="negativeSlope">The slope below the threshold (Keras 3's <c>negative_slope</c>, tf-keras's <c>alpha</c>); 0 by default.</param>
    /// <param name="maxValue">The largest value the activation returns, or null (the default) for no cap.</param>
    /// <param name="threshold">The value below which the input is damped or set to zero; 0 by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is NaN or infinite, or <paramref name="maxValue"/> is negative.</exception>
    public Relu(double negativeSlope = 0, double? maxValue = null, double threshold = 0)
    {
        NegativeSlope = ActivationArguments.Finite(negativeSlope, nameof(negativeSlope), "negative_slope");
        if (maxValue is { } max)
        {
            MaxValue = ActivationArguments.FiniteNonNegative(max, nameof(maxValue), "max_value", "the output is clipped to [0, max_value]; give null for no cap");
        }

        Threshold = ActivationArguments.Finite(threshold, nameof(threshold), "threshold");
    }

    /// <inheritdoc/>
    public override string Name => "relu";

    /// <summary>Gets the slope below the threshold.</summary>
    public double NegativeSlope { get; }

    /// <summary>Gets the cap, or null for none.</summary>
    public double? MaxValue { get; }

    /// <summary>Gets the threshold.</summary>
    public double Threshold { get; }

    /// <summary>Returns <c>{"negative_slope", "max_value", "threshold"}</c>.</summary>
    /// <returns>A new config object.</returns>
    public override JsonObject GetConfig() => new()
    {
        ["negative_slope"] = NegativeSlope,
        ["max_value"] = MaxValue,
        ["threshold"] = Threshold,
    };

    /// <summary>Creates the activation from its config; absent keys take the defaults.</summary>
    /// <exception cref="ArgumentException">The config has an unexpected key or a value of the wrong kind.</exception>
    internal static Relu FromConfig(JsonObject config)
    {
        var reader = new ConfigReader(config, nameof(Relu));
        var negativeSlope = ConfigValues.Number(reader, nameof(Relu), "negative_slope", 0);
        var maxValue = ConfigValues.OptionalNumber(reader, nameof(Relu), "max_value");
        var threshold = ConfigValues.Number(reader, nameof(Relu), "threshold", 0);
        reader.EnsureNoOtherKeys();
        return new Relu(negativeSlope, maxValue, threshold);
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x)
    {
        if (NegativeSlope != 0 && MaxValue is null && Threshold == 0)
        {
            return nn.functional.leaky_relu(x, NegativeSlope);
        }

        using var scope = NewDisposeScope();
        var clip = MaxValue is not null;
        Tensor positive;
        if (Threshold != 0)
        {
            // Keras: x * cast(x > threshold): NaN stays NaN, and negative inputs below a positive threshold give −0.
            positive = x * x.gt(Threshold).to(x.dtype);
        }
        else if (MaxValue == 6)
        {
            positive = nn.functional.relu6(x);
            clip = false;
        }
        else
        {
            positive = nn.functional.relu(x);
        }

        if (clip)
        {
            positive = positive.clamp(0, MaxValue!.Value);
        }

        if (NegativeSlope != 0)
        {
            // positive − negative_slope·relu(threshold − x), as one libtorch add with alpha −negative_slope (what
            // libtorch's sub with alpha computes).
            positive = positive.add(nn.functional.relu(Threshold - x), -NegativeSlope);
        }

        return scope.MoveToOuter(positive);
    }
}

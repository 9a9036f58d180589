// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras 3's <c>threshold</c> activation: x where x &gt; threshold, default_value elsewhere.</summary>
/// <remarks>
/// <para>Keras 3's <c>threshold(x, threshold, default_value)</c> has no defaults, so neither has this class: the bare name
/// "threshold" does not resolve to an activation (<see cref="ActivationRegistry.Get"/> explains which config keys it needs),
/// and the activation always serializes in the envelope with both values.</para>
/// <para>A Keras 3 activation (not in tf-keras). The output has the input's shape and dtype.</para>
/// </remarks>
/// <example>
/// <code>
/// using var y = new Threshold(thresholdValue: 0.5, defaultValue: -1).Apply(x);
/// var same = ActivationRegistry.Get(JsonNode.Parse("""{"class_name": "threshold", "config": {"threshold": 0.5, "default_value": -1}}"""));
/// </code>
/// </example>
public sealed class Threshold : ActivationFunction
{
    /// <summary>Initializes a new instance of the <see cref="Threshold"/> class.</summary>
    /// <param name="thresholdValue">The value at or below which x is replaced (Keras's <c>threshold</c>).</param>
    /// <param name="defaultValue">The value x is replaced with (Keras's <c>default_value</c>); may be infinite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN.</exception>
    public Threshold(double thresholdValue, double defaultValue)
    {
        ThresholdValue = ActivationArguments.NotNaN(thresholdValue, nameof(thresholdValue), "threshold");
        DefaultValue = ActivationArguments.NotNaN(defaultValue, nameof(defaultValue), "default_value");
    }

    /// <inheritdoc/>
    public override string Name => "threshold";

    /// <summary>Gets the value at or below which x is replaced.</summary>
    public double ThresholdValue { get; }

    /// <summary>Gets the value x is replaced with.</summary>
    public double DefaultValue { get; }

    /// <summary>Returns <c>{"threshold", "default_value"}</c>.</summary>
    /// <returns>A new config object.</returns>
    public override JsonObject GetConfig() => new()
    {
        ["threshold"] = ThresholdValue,
        ["default_value"] = DefaultValue,
    };

    /// <summary>Creates the activation from its config, which must give both values.</summary>
    /// <exception cref="ArgumentException">A value is missing or of the wrong kind, or the config has an unexpected key.</exception>
    internal static Threshold FromConfig(JsonObject config)
    {
        var reader = new ConfigReader(config, nameof(Threshold));
        var threshold = ConfigValues.RequiredNumber(reader, nameof(Threshold), "threshold");
        var defaultValue = ConfigValues.RequiredNumber(reader, nameof(Threshold), "default_value");
        reader.EnsureNoOtherKeys();
        return new Threshold(threshold, defaultValue);
    }

    /// <inheritdoc/>
    protected override Tensor Compute(Tensor x)
    {
        using var scope = NewDisposeScope();
        return scope.MoveToOuter(ActivationArguments.Where(x.gt(ThresholdValue), x, DefaultValue));
    }
}

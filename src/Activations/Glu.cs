// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>Keras 3's <c>glu</c> activation, the gated linear unit: a·sigmoid(b), where a and b are the two halves of the input along <see cref="Axis"/>.</summary>
/// <remarks>
/// Unlike the element-wise activations, the output has half the input's size along the axis (the other dimensions and
/// the dtype are kept); that size must be even. A Keras 3 activation (not in tf-keras). With axis −1 it serializes as
/// the string "glu".
/// </remarks>
/// <example>
/// <code>
/// using var x = torch.zeros(8, 6);
/// using var y = new Glu().Apply(x);    // shape (8, 3)
/// </code>
/// </example>
public sealed class Glu : ActivationFunction
{
    /// <summary>Initializes a new instance of the <see cref="Glu"/> class.</summary>
    /// <param name="axis">The axis split in two; negative values count from the end; −1 (the last) by default.</param>
    public Glu(int axis = -1) => Axis = axis;

    /// <inheritdoc/>
    public override string Name => "glu";

    /// <summary>Gets the axis split in two.</summary>
    public int Axis { get; }

    /// <summary>Returns <c>{"axis"}</c>.</summary>
    /// <returns>A new config object.</returns>
    public override JsonObject GetConfig() => new() { ["axis"] = Axis };

    /// <summary>Creates the activation from its config; an absent key takes the default.</summary>
    /// <exception cref="ArgumentException">The config has an unexpected key or a value of the wrong kind.</exception>
    internal static Glu FromConfig(JsonObject config)
    {
        var reader = new ConfigReader(config, nameof(Glu));
        var axis = ConfigValues.Integer(reader, nameof(Glu), "axis", -1);
        reader.EnsureNoOtherKeys();
        return new Glu(axis);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The input is 0-D, has no axis <see cref="Axis"/>, or its size there is odd.</exception>
    protected override Tensor Compute(Tensor x)
    {
        var axis = ActivationArguments.NormalizeAxis(x, Axis, Name);
        var size = x.size(axis);
        if (size % 2 != 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"glu splits axis {Axis} in two halves, but the input's size there is {size}, which is odd; give an even size."),
                nameof(x));
        }

        using var scope = NewDisposeScope();
        var linear = x.narrow(axis, 0, size / 2);
        var gate = x.narrow(axis, size / 2, size / 2);
        return scope.MoveToOuter(linear * nn.functional.sigmoid(gate));
    }
}

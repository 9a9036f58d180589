// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Configuration;

namespace LayersFramework.Activations.Tests;

/// <summary>One activation under test: how to make it, what it computes, and whether that is its default config.</summary>
/// <param name="Label">The test-case name shown by the runner.</param>
/// <param name="Create">Makes the activation.</param>
/// <param name="Expected">The expected output for a 2-D input, computed in double.</param>
/// <param name="Scalar">The element-wise formula, or null for activations along an axis.</param>
/// <param name="IsDefault">Whether this is the activation with its default config (it then serializes as its name).</param>
internal sealed record ActivationCase(string Label, Func<IActivation> Create, Func<double[,], double[,]> Expected, Func<double, double>? Scalar, bool IsDefault)
{
    public override string ToString() => Label;
}

/// <summary>Every activation class, with its defaults and with options; the reflection test checks that none is missing.</summary>
internal static class ActivationCatalog
{
    /// <summary>A function for the delegate-backed activation, registered once for the whole test run.</summary>
    public static readonly Func<Tensor, Tensor> Cube = x => x.pow(3);

    public static readonly IReadOnlyList<ActivationCase> All =
    [
        ElementWise("relu", () => new Relu(), Reference.Relu),
        ElementWise("relu(negative_slope=0.1)", () => new Relu(negativeSlope: 0.1), x => Reference.Relu(x, 0.1, null, 0), isDefault: false),
        ElementWise("relu(max_value=6)", () => new Relu(maxValue: 6), x => Reference.Relu(x, 0, 6, 0), isDefault: false),
        ElementWise("relu(negative_slope=0.1, max_value=2.5, threshold=1)", () => new Relu(0.1, 2.5, 1), x => Reference.Relu(x, 0.1, 2.5, 1), isDefault: false),
        ElementWise("relu(threshold=-0.5)", () => new Relu(threshold: -0.5), x => Reference.Relu(x, 0, null, -0.5), isDefault: false),
        ElementWise("leaky_relu", () => new LeakyRelu(), x => Reference.LeakyRelu(x, 0.2)),
        ElementWise("leaky_relu(negative_slope=0.1)", () => new LeakyRelu(0.1), x => Reference.LeakyRelu(x, 0.1), isDefault: false),
        ElementWise("relu6", () => new Relu6(), Reference.Relu6),
        ElementWise("elu", () => new Elu(), x => Reference.Elu(x, 1)),
        ElementWise("elu(alpha=0.5)", () => new Elu(0.5), x => Reference.Elu(x, 0.5), isDefault: false),
        ElementWise("selu", () => new Selu(), Reference.Selu),
        ElementWise("gelu", () => new Gelu(), Reference.Gelu),
        ElementWise("gelu(approximate=true)", () => new Gelu(approximate: true), Reference.GeluTanh, isDefault: false),
        ElementWise("sigmoid", () => new Sigmoid(), Reference.Sigmoid),
        ElementWise("hard_sigmoid", () => new HardSigmoid(), Reference.HardSigmoid),
        ElementWise("tanh", () => new Tanh(), Math.Tanh),
        AlongAxis("softmax", () => new Softmax(), 1, Reference.Softmax),
        AlongAxis("softmax(axis=0)", () => new Softmax(0), 0, Reference.Softmax, isDefault: false),
        AlongAxis("log_softmax", () => new LogSoftmax(), 1, Reference.LogSoftmax),
        AlongAxis("log_softmax(axis=-2)", () => new LogSoftmax(-2), 0, Reference.LogSoftmax, isDefault: false),
        ElementWise("softplus", () => new Softplus(), Reference.Softplus),
        ElementWise("softsign", () => new Softsign(), Reference.Softsign),
        ElementWise("silu", () => new Silu(), Reference.Silu),
        ElementWise("hard_silu", () => new HardSilu(), Reference.HardSilu),
        ElementWise("mish", () => new Mish(), Reference.Mish),
        ElementWise("exponential", () => new Exponential(), Math.Exp),
        ElementWise("linear", () => new Linear(), x => x),
        ElementWise("celu", () => new Celu(), x => Reference.Celu(x, 1)),
        ElementWise("celu(alpha=2)", () => new Celu(2), x => Reference.Celu(x, 2), isDefault: false),
        ElementWise("squareplus", () => new Squareplus(), x => Reference.Squareplus(x, 4)),
        ElementWise("squareplus(b=1)", () => new Squareplus(1), x => Reference.Squareplus(x, 1), isDefault: false),
        ElementWise("soft_shrink", () => new SoftShrink(), x => Reference.SoftShrink(x, 0.5)),
        ElementWise("soft_shrink(threshold=1)", () => new SoftShrink(1), x => Reference.SoftShrink(x, 1), isDefault: false),
        ElementWise("hard_shrink", () => new HardShrink(), x => Reference.HardShrink(x, 0.5)),
        ElementWise("hard_shrink(threshold=1)", () => new HardShrink(1), x => Reference.HardShrink(x, 1), isDefault: false),
        ElementWise("hard_tanh", () => new HardTanh(), Reference.HardTanh),
        ElementWise("tanh_shrink", () => new TanhShrink(), Reference.TanhShrink),
        ElementWise("sparse_plus", () => new SparsePlus(), Reference.SparsePlus),
        ElementWise("sparse_sigmoid", () => new SparseSigmoid(), Reference.SparseSigmoid),
        ElementWise("log_sigmoid", () => new LogSigmoid(), Reference.LogSigmoid),
        ElementWise("threshold(threshold=0.5, default_value=-1)", () => new Threshold(0.5, -1), x => Reference.Threshold(x, 0.5, -1), isDefault: false),
        AlongAxis("glu", () => new Glu(), 1, Reference.Glu),
        AlongAxis("glu(axis=0)", () => new Glu(0), 0, Reference.Glu, isDefault: false),
        AlongAxis("sparsemax", () => new Sparsemax(), 1, Reference.Sparsemax),
        AlongAxis("sparsemax(axis=0)", () => new Sparsemax(0), 0, Reference.Sparsemax, isDefault: false),
        ElementWise("cube (a registered delegate)", () => Registered.Cube, x => x * x * x, isDefault: false),
    ];

    public static TheoryData<string> Labels => new(All.Select(c => c.Label));

    public static TheoryData<string> ElementWiseLabels => new(All.Where(c => c.Scalar is not null).Select(c => c.Label));

    public static ActivationCase Find(string label) => All.Single(c => c.Label == label);

    private static ActivationCase ElementWise(string label, Func<IActivation> create, Func<double, double> formula, bool isDefault = true) =>
        new(label, create, matrix => Map(matrix, formula), formula, isDefault);

    private static ActivationCase AlongAxis(string label, Func<IActivation> create, int axis, Func<double[], double[]> rowFunction, bool isDefault = true) =>
        new(label, create, matrix => Reference.AlongAxis(matrix, axis, rowFunction), null, isDefault);

    private static double[,] Map(double[,] matrix, Func<double, double> formula)
    {
        var result = new double[matrix.GetLength(0), matrix.GetLength(1)];
        for (var r = 0; r < matrix.GetLength(0); r++)
        {
            for (var c = 0; c < matrix.GetLength(1); c++)
            {
                result[r, c] = formula(matrix[r, c]);
            }
        }

        return result;
    }

    /// <summary>A registry of the tests' own, holding the built-ins and <see cref="Cube"/> (the built-ins are read-only).</summary>
    public static class Registered
    {
        public static ComponentRegistry<IActivation> Registry { get; } = ActivationRegistry.CreateRegistry();

        public static DelegateActivation Cube { get; } = Registry.RegisterFunction("cube", ActivationCatalog.Cube, package: "Tests");

        public static IActivation Get(object? identifier, string parameterName = "identifier")
        {
            _ = Cube;
            return ActivationRegistry.Resolve(Registry, identifier, parameterName);
        }
    }
}

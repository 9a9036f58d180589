// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Activations.Tests;

/// <summary>Every activation against its formula computed in double, on the usual inputs and on the edges of the piecewise ones.</summary>
public sealed class FormulaTests
{
    /// <summary>
    /// The usual inputs plus the edges of the piecewise activations: ±0.5 (shrink thresholds), ±1 (sparse_plus,
    /// sparse_sigmoid, hard_tanh, relu thresholds), ±2.5 (tf-keras's hard_sigmoid saturation), ±3 (Keras 3's
    /// hard_sigmoid and hard_silu), 6 (relu6), and points on both sides of each.
    /// </summary>
    private static readonly double[] Inputs =
        [-7, -6, -3.5, -3, -2.5, -1.5, -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.5, 2.5, 3, 3.5, 5.5, 6, 7];

    private static readonly double[,] Matrix =
    {
        { -7, -3, -2.5, -1.5 },
        { -1, -0.5, -0.25, 0 },
        { 0.25, 0.5, 1, 1.5 },
        { 2.5, 3, 6, 7 },
    };

    [Theory]
    [MemberData(nameof(ActivationCatalog.ElementWiseLabels), MemberType = typeof(ActivationCatalog))]
    public void ElementWiseActivation_MatchesItsFormula_InFloat64(string label)
    {
        var activation = ActivationCatalog.Find(label);
        using var scope = NewDisposeScope();
        var x = tensor(Inputs);

        var y = activation.Create().Apply(x);

        Assert.Equal(ScalarType.Float64, y.dtype);
        TensorAssert.Close(Inputs.Select(activation.Scalar!).ToArray(), [Inputs.Length], y, rtol: 1e-12, atol: 1e-14);
    }

    [Theory]
    [MemberData(nameof(ActivationCatalog.ElementWiseLabels), MemberType = typeof(ActivationCatalog))]
    public void ElementWiseActivation_KeepsFloat32_AndMatchesItsFormula(string label)
    {
        var activation = ActivationCatalog.Find(label);
        using var scope = NewDisposeScope();
        var x = tensor(Inputs.Select(v => (float)v).ToArray());

        var y = activation.Create().Apply(x);

        Assert.Equal(ScalarType.Float32, y.dtype);
        TensorAssert.Close(Inputs.Select(activation.Scalar!).ToArray(), [Inputs.Length], y.to(ScalarType.Float64), rtol: 2e-6, atol: 1e-6);
    }

    [Theory]
    [MemberData(nameof(ActivationCatalog.Labels), MemberType = typeof(ActivationCatalog))]
    public void Activation_OnAMatrix_MatchesItsFormula(string label)
    {
        var activation = ActivationCatalog.Find(label);
        using var scope = NewDisposeScope();
        var x = tensor(Reference.Flatten(Matrix), [4, 4]);

        var y = activation.Create().Apply(x);

        var expected = activation.Expected(Matrix);
        TensorAssert.Close(Reference.Flatten(expected), [expected.GetLength(0), expected.GetLength(1)], y, rtol: 1e-12, atol: 1e-14);
    }

    [Theory]
    [MemberData(nameof(ActivationCatalog.Labels), MemberType = typeof(ActivationCatalog))]
    public void Apply_ReturnsANewTensor_AndLeavesTheInputUnchanged(string label)
    {
        using var scope = NewDisposeScope();
        var x = tensor(Reference.Flatten(Matrix), [4, 4]);

        var y = ActivationCatalog.Find(label).Create().Apply(x);

        Assert.NotSame(x, y);
        Assert.Equal(Reference.Flatten(Matrix), TensorAssert.Values(x));
    }

    public static TheoryData<double, double?, double> ReluOptions()
    {
        var data = new TheoryData<double, double?, double>();
        foreach (var slope in new[] { 0, 0.1, 0.5 })
        {
            foreach (var max in new double?[] { null, 6, 2.5, 0 })
            {
                foreach (var threshold in new[] { 0, 1, -0.5 })
                {
                    data.Add(slope, max, threshold);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReluOptions))]
    public void Relu_WithEveryCombinationOfOptions_FollowsKeras3(double negativeSlope, double? maxValue, double threshold)
    {
        using var scope = NewDisposeScope();
        var x = tensor(Inputs);

        var y = new Relu(negativeSlope, maxValue, threshold).Apply(x);

        var expected = Inputs.Select(v => Reference.Relu(v, negativeSlope, maxValue, threshold)).ToArray();
        TensorAssert.Close(expected, [Inputs.Length], y, rtol: 1e-15, atol: 1e-15);
    }

    // Keras 3's docstring of keras.activations.relu, on x = [-10, -5, 0, 5, 10].
    [Theory]
    [InlineData(0, null, 0, new double[] { 0, 0, 0, 5, 10 })]
    [InlineData(0.5, null, 0, new double[] { -5, -2.5, 0, 5, 10 })]
    [InlineData(0, 5.0, 0, new double[] { 0, 0, 0, 5, 5 })]
    [InlineData(0, null, 5, new double[] { -0.0, -0.0, 0, 0, 10 })]
    public void Relu_MatchesKerasDocstringExamples(double negativeSlope, double? maxValue, double threshold, double[] expected)
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { -10, -5, 0, 5, 10 });

        var y = TensorAssert.Values(new Relu(negativeSlope, maxValue, threshold).Apply(x));

        Assert.Equal(expected, y);
    }

    [Fact]
    public void Relu_WithAThreshold_KeepsKerasNegativeZeros_AndNaN()
    {
        using var scope = NewDisposeScope();

        // Keras multiplies x by (x > threshold): negative inputs give −0 and NaN stays NaN.
        var y = TensorAssert.Values(new Relu(threshold: 5).Apply(tensor(new[] { -10, double.NaN, 6 })));

        Assert.True(y[0] == 0 && double.IsNegative(y[0]), $"expected -0, got {y[0]}");
        Assert.True(double.IsNaN(y[1]));
        Assert.Equal(6, y[2]);
    }

    [Theory]
    [InlineData(0.1, null, 1, -3, -0.4)]       // below the threshold: slope·(x − threshold)
    [InlineData(0.1, null, 1, 0.5, -0.05)]
    [InlineData(0.1, null, 1, 2, 2)]
    [InlineData(0, null, -0.5, -0.25, -0.25)]  // a negative threshold lets (threshold, 0] through
    [InlineData(0, 2.5, -0.5, -0.25, 0)]       // ... unless max_value clips to [0, max]
    [InlineData(0.1, 6.0, 0, -3, -0.3)]        // max_value 6 uses relu6, then subtracts slope·relu(−x)
    [InlineData(0.1, 6.0, 0, 7, 6)]
    [InlineData(0, 0.0, 0, 3, 0)]
    public void Relu_PiecewiseValues_AtChosenPoints(double negativeSlope, double? maxValue, double threshold, double x, double expected)
    {
        using var scope = NewDisposeScope();

        var y = new Relu(negativeSlope, maxValue, threshold).Apply(tensor(new[] { x })).item<double>();

        Assert.Equal(expected, y, 1e-15);
    }

    [Theory]
    [InlineData(-3.5, 0)]
    [InlineData(-3, 0)]
    [InlineData(-1, 1.0 / 3)]
    [InlineData(0, 0.5)]
    [InlineData(1, 2.0 / 3)]
    [InlineData(2.5, 11.0 / 12)]
    [InlineData(3, 1)]
    [InlineData(4, 1)]
    public void HardSigmoid_IsKeras3s_ClipOfXOver6PlusHalf(double x, double expected)
    {
        using var scope = NewDisposeScope();

        var y = new HardSigmoid().Apply(tensor(new[] { x })).item<double>();

        Assert.Equal(expected, y, 1e-15);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(2.5)]
    [InlineData(-2.5)]
    public void HardSigmoid_DiffersFromTfKeras_WhichWasClipOf02XPlusHalf(double x)
    {
        using var scope = NewDisposeScope();

        var y = ActivationRegistry.Get("hard_sigmoid").Apply(tensor(new[] { x })).item<double>();

        // tf-keras: 0.7 at 1, saturated at ±2.5; Keras 3 (and this library): 2/3 at 1, 11/12 at 2.5.
        Assert.Equal(Reference.HardSigmoid(x), y, 1e-15);
        Assert.True(Math.Abs(Reference.TfKerasHardSigmoid(x) - y) > 0.03, $"hard_sigmoid({x}) = {y} is tf-keras's value");
    }

    [Fact]
    public void HardSigmoid_AgreesWithTfKeras_OnlyWhereTheLinesCross()
    {
        using var scope = NewDisposeScope();
        var y = TensorAssert.Values(new HardSigmoid().Apply(tensor(new double[] { 0, -10, 10 })));

        Assert.Equal(new double[] { Reference.TfKerasHardSigmoid(0), Reference.TfKerasHardSigmoid(-10), Reference.TfKerasHardSigmoid(10) }, y);
    }

    [Fact]
    public void Gelu_DefaultsToTheExactForm_NotKerasOpsApproximation()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { -1.5, 1 });

        var y = TensorAssert.Values(ActivationRegistry.Get("gelu").Apply(x));

        Assert.Equal(Reference.Gelu(-1.5), y[0], 1e-14);
        Assert.Equal(Reference.Gelu(1), y[1], 1e-14);
        Assert.True(Math.Abs(Reference.GeluTanh(-1.5) - y[0]) > 1e-4, "gelu resolved to the tanh approximation");
    }

    [Fact]
    public void Selu_UsesKerasConstants()
    {
        using var scope = NewDisposeScope();

        var y = TensorAssert.Values(new Selu().Apply(tensor(new double[] { 1, -1000 })));

        Assert.Equal(1.0507009873554804934193349852946, y[0], 1e-15);
        Assert.Equal(-1.0507009873554804934193349852946 * 1.6732632423543772848170429916717, y[1], 1e-14);
    }

    [Fact]
    public void Celu_HasSlopeOne_AtZero_ForEveryAlpha()
    {
        foreach (var alpha in new[] { 0.5, 1, 3 })
        {
            using var scope = NewDisposeScope();
            var x = tensor(new double[] { 0 }).requires_grad_();
            new Celu(alpha).Apply(x).sum().backward();
            Assert.Equal(1, x.grad!.item<double>());
        }
    }

    [Fact]
    public void Celu_DoesNotOverflow_ForLargeInputs()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1000, -1000 }).requires_grad_();

        var y = new Celu(0.1).Apply(x);
        y.sum().backward();

        Assert.Equal(new double[] { 1000, -0.1 }, TensorAssert.Values(y));
        Assert.Equal(new double[] { 1, 0 }, TensorAssert.Values(x.grad!));
    }

    [Fact]
    public void LogSigmoid_StaysFinite_ForVeryNegativeInputs()
    {
        using var scope = NewDisposeScope();

        var y = TensorAssert.Values(new LogSigmoid().Apply(tensor(new double[] { -800, 800 })));

        Assert.Equal(-800, y[0], 1e-12);
        Assert.Equal(0, y[1], 1e-300);
    }

    [Fact]
    public void SoftmaxAndSparsemax_GiveDistributions_AlongTheirAxis()
    {
        using var scope = NewDisposeScope();
        var x = tensor(Reference.Flatten(Matrix), [4, 4]);

        foreach (var activation in new IActivation[] { new Softmax(), new Sparsemax(), new Softmax(0), new Sparsemax(-2) })
        {
            var axis = activation is Softmax softmax ? softmax.Axis : ((Sparsemax)activation).Axis;
            var sums = TensorAssert.Values(activation.Apply(x).sum(axis));
            TensorAssert.Close([1, 1, 1, 1], sums, rtol: 0, atol: 1e-14);
        }
    }

    [Theory]
    [InlineData(new double[] { 2, 1, -1 }, new double[] { 1, 0, 0 })]
    [InlineData(new double[] { 1, 0.8, 0 }, new double[] { 0.6, 0.4, 0 })]
    [InlineData(new double[] { 0.5, 0.5 }, new double[] { 0.5, 0.5 })]
    [InlineData(new double[] { 0.1, 0.3, 0.3, -2 }, new double[] { 0.2, 0.4, 0.4, 0 })]
    [InlineData(new double[] { 0, 0, 0, 0 }, new double[] { 0.25, 0.25, 0.25, 0.25 })]
    public void Sparsemax_KnownAnswers_IncludingTies(double[] x, double[] expected)
    {
        using var scope = NewDisposeScope();

        var y = new Sparsemax().Apply(tensor(x));

        TensorAssert.Close(expected, [x.Length], y, rtol: 1e-14, atol: 1e-15);
        TensorAssert.Close(Reference.Sparsemax(x), [x.Length], y, rtol: 1e-14, atol: 1e-15);
    }

    [Fact]
    public void Axis_Activations_WorkOnRank3_AlongAMiddleAxis()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var x = randn([2, 4, 3], ScalarType.Float64, generator: generator);

        var softmax = new Softmax(1).Apply(x);
        var sparsemax = new Sparsemax(1).Apply(x);
        var glu = new Glu(1).Apply(x);

        TensorAssert.Close(Enumerable.Repeat(1.0, 6).ToArray(), [2, 3], softmax.sum(1), rtol: 0, atol: 1e-14);
        TensorAssert.Close(Enumerable.Repeat(1.0, 6).ToArray(), [2, 3], sparsemax.sum(1), rtol: 0, atol: 1e-14);
        Assert.Equal(new long[] { 2, 2, 3 }, glu.shape);
        var expectedGlu = x.narrow(1, 0, 2) * x.narrow(1, 2, 2).sigmoid();
        TensorAssert.Close(TensorAssert.Values(expectedGlu), TensorAssert.Values(glu), rtol: 1e-15, atol: 0);
    }

    [Fact]
    public void Linear_ReturnsAnAlias_ThatSharesTheInputsValues()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 2 });

        var y = ActivationRegistry.Get(null).Apply(x);
        y.Dispose();

        Assert.False(x.IsInvalid);
        Assert.Equal(new double[] { 1, 2 }, TensorAssert.Values(x));
    }
}

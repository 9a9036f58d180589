// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Activations.Tests;

/// <summary>Autograd through every activation against central finite differences in float64, away from the kinks.</summary>
public sealed class GradientTests
{
    /// <summary>
    /// Points at least 0.1 away from every kink of the catalog: 0, ±0.5, ±1, ±3, 6, the relu thresholds 1 and −0.5, the
    /// relu cap 2.5, and the sparsemax support boundaries of these rows and columns.
    /// </summary>
    private static readonly double[] Values = [-2.7, -1.3, -0.7, -0.2, 0.3, 0.8, 1.7, 2.6];

    [Theory]
    [MemberData(nameof(ActivationCatalog.Labels), MemberType = typeof(ActivationCatalog))]
    public void Gradient_MatchesFiniteDifferences(string label)
    {
        var activation = ActivationCatalog.Find(label).Create();
        using var scope = NewDisposeScope();
        var x = tensor(Values, [2, 4]);

        GradientCheck.AssertGradientsMatch(inputs => activation.Apply(inputs[0]), [x], step: 1e-6, tolerance: 1e-7);
    }

    [Theory]
    [MemberData(nameof(ReluVariants))]
    public void Relu_Gradient_MatchesFiniteDifferences_ForEveryCombinationOfOptions(double negativeSlope, double? maxValue, double threshold)
    {
        var relu = new Relu(negativeSlope, maxValue, threshold);
        using var scope = NewDisposeScope();
        var x = tensor(Values);

        GradientCheck.AssertGradientsMatch(inputs => relu.Apply(inputs[0]), [x], step: 1e-6, tolerance: 1e-7);
    }

    public static TheoryData<double, double?, double> ReluVariants() => FormulaTests.ReluOptions();

    [Theory]
    [InlineData(-3.5, 0)]
    [InlineData(-2.9, 1.0 / 6)]
    [InlineData(2.9, 1.0 / 6)]
    [InlineData(3.5, 0)]
    public void HardSigmoid_Slope_IsOneSixth_Inside_AndZero_Outside(double x, double slope)
    {
        using var scope = NewDisposeScope();
        var input = tensor(new[] { x }).requires_grad_();

        new HardSigmoid().Apply(input).sum().backward();

        Assert.Equal(slope, input.grad!.item<double>(), 1e-15);
    }

    [Fact]
    public void Gradient_Flows_ThroughADelegateActivation_ThatReturnsItsInput()
    {
        var identity = ActivationRegistry.FromDelegate("identity", x => x);
        using var scope = NewDisposeScope();
        var input = tensor(new double[] { 1, 2 }).requires_grad_();

        var y = identity.Apply(input);
        (y * 3).sum().backward();

        Assert.NotSame(input, y);
        Assert.Equal(new double[] { 3, 3 }, TensorAssert.Values(input.grad!));
    }
}

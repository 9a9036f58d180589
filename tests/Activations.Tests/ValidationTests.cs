// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Activations.Tests;

/// <summary>Constructors reject options the formulas cannot use; Apply rejects inputs the activation cannot take. Messages name the argument and the value.</summary>
public sealed class ValidationTests
{
    public static TheoryData<string, Func<IActivation>, string, string> InvalidOptions => new()
    {
        { "relu max_value < 0", () => new Relu(maxValue: -1), "maxValue", "max_value must be a finite number ≥ 0" },
        { "relu max_value inf", () => new Relu(maxValue: double.PositiveInfinity), "maxValue", "max_value must be a finite number ≥ 0" },
        { "relu negative_slope NaN", () => new Relu(negativeSlope: double.NaN), "negativeSlope", "negative_slope must be a finite number." },
        { "relu threshold inf", () => new Relu(threshold: double.NegativeInfinity), "threshold", "threshold must be a finite number." },
        { "leaky_relu slope inf", () => new LeakyRelu(double.PositiveInfinity), "negativeSlope", "negative_slope must be a finite number." },
        { "elu alpha NaN", () => new Elu(double.NaN), "alpha", "alpha must be a finite number." },
        { "celu alpha 0", () => new Celu(0), "alpha", "alpha must not be 0" },
        { "celu alpha NaN", () => new Celu(double.NaN), "alpha", "alpha must be a finite number." },
        { "squareplus b < 0", () => new Squareplus(-1), "b", "b must be a finite number ≥ 0" },
        { "soft_shrink threshold < 0", () => new SoftShrink(-0.1), "threshold", "threshold must be a finite number ≥ 0" },
        { "hard_shrink threshold < 0", () => new HardShrink(-0.1), "threshold", "threshold must be a finite number ≥ 0" },
        { "threshold NaN", () => new Threshold(double.NaN, 0), "thresholdValue", "threshold must be a number, not NaN." },
        { "default_value NaN", () => new Threshold(0, double.NaN), "defaultValue", "default_value must be a number, not NaN." },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_RejectsInvalidOptions(string description, Func<IActivation> create, string parameterName, string messageStart)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(create);

        Assert.Equal(parameterName, e.ParamName);
        Assert.StartsWith(messageStart, e.Message, StringComparison.Ordinal);
        Assert.NotNull(description);
    }

    [Fact]
    public void Threshold_AcceptsAnInfiniteDefaultValue()
    {
        using var scope = NewDisposeScope();

        var y = new Threshold(0, double.NegativeInfinity).Apply(tensor(new double[] { -1, 1 }));

        Assert.Equal(new[] { double.NegativeInfinity, 1 }, TensorAssert.Values(y));
    }

    [Theory]
    [MemberData(nameof(ActivationCatalog.Labels), MemberType = typeof(ActivationCatalog))]
    public void Apply_RejectsNull(string label)
    {
        var e = Assert.Throws<ArgumentNullException>(() => ActivationCatalog.Find(label).Create().Apply(null!));

        Assert.Equal("x", e.ParamName);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-3)]
    public void AxisActivations_RejectAnAxisTheInputDoesNotHave(int axis)
    {
        using var scope = NewDisposeScope();
        var x = zeros(2, 4);

        foreach (var activation in new IActivation[] { new Softmax(axis), new LogSoftmax(axis), new Glu(axis), new Sparsemax(axis) })
        {
            var e = Assert.Throws<ArgumentException>(() => activation.Apply(x));
            Assert.Equal("x", e.ParamName);
            Assert.StartsWith($"{activation.Name} applies along axis {axis}, but the input has shape (2, 4): valid axes are -2..1.", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AxisActivations_RejectA0DInput()
    {
        using var scope = NewDisposeScope();
        var x = tensor(1.0f);

        var e = Assert.Throws<ArgumentException>(() => new Softmax().Apply(x));

        Assert.Equal("x", e.ParamName);
        Assert.StartsWith("softmax applies along axis -1, but the input has shape (): a 0-D tensor has no axes.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Glu_RejectsAnOddSize()
    {
        using var scope = NewDisposeScope();

        var e = Assert.Throws<ArgumentException>(() => new Glu().Apply(zeros(2, 3)));

        Assert.Equal("x", e.ParamName);
        Assert.StartsWith("glu splits axis -1 in two halves, but the input's size there is 3, which is odd; give an even size.", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void DelegateActivation_RejectsAnEmptyName(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => ActivationRegistry.FromDelegate(name, x => x.neg()));

        Assert.Equal("name", e.ParamName);
    }

    [Fact]
    public void DelegateActivation_RejectsANullFunction()
    {
        var e = Assert.Throws<ArgumentNullException>(() => ActivationRegistry.FromDelegate("f", null!));

        Assert.Equal("function", e.ParamName);
    }

    [Fact]
    public void DelegateActivation_ThatReturnsNull_Throws()
    {
        using var scope = NewDisposeScope();
        var broken = ActivationRegistry.FromDelegate("broken", _ => null!);

        var e = Assert.Throws<InvalidOperationException>(() => broken.Apply(zeros(1)));

        Assert.Equal("The activation function 'broken' returned null; it must return a tensor.", e.Message);
    }

    [Fact]
    public void RegisterFunction_RejectsAnEmptyPackage()
    {
        var e = Assert.Throws<ArgumentException>(() => ActivationRegistry.CreateRegistry().RegisterFunction("f", x => x.neg(), package: ""));

        Assert.Equal("package", e.ParamName);
    }
}

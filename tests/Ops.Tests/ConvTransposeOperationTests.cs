// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Ops.Tests;

/// <summary>
/// The layers' entry, <see cref="ConvTransposeOperation"/>: its arguments validated once, in the constructor, with
/// <see cref="Nn"/>'s messages; each call equal to <see cref="Nn.ConvTranspose(Tensor, Tensor, long[], int[], string, string?, int[])"/>;
/// a bias added per output channel.
/// </summary>
public sealed class ConvTransposeOperationTests
{
    public static TheoryData<int, int[], string, string?, int[]?, long[], long[], long[]> ValidCases => new()
    {
        // rank, strides, padding, data format, dilations, input shape, filter shape, output shape.
        { 1, [2], "same", null, null, [2, 5, 3], [3, 4, 3], [2, 10, 4] },
        { 1, [3], "VALID", "NCW", [2], [2, 3, 4], [2, 2, 3], [2, 2, 13] },
        { 2, [2, 2], "Same", "NHWC", null, [2, 3, 3, 4], [4, 4, 5, 4], [2, 5, 6, 5] },
        { 2, [2, 1], "valid", "NCHW", [1, 2], [2, 4, 3, 5], [3, 3, 2, 4], [2, 2, 8, 9] },
        { 2, [1, 1], "same", null, null, [3, 1, 1, 6], [4, 4, 2, 6], [3, 1, 1, 2] },
        { 2, [2, 2], "valid", null, null, [2, 4, 4, 3], [2, 2, 5, 3], [2, 8, 8, 5] },
        { 3, [2, 2, 2], "same", "NDHWC", null, [1, 2, 3, 2, 3], [3, 3, 3, 2, 3], [1, 4, 6, 3, 2] },
        { 3, [1, 2, 1], "valid", "NCDHW", [2, 1, 1], [1, 3, 2, 2, 2], [2, 2, 2, 2, 3], [1, 2, 4, 5, 3] },
    };

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Apply_EqualsNnConvTranspose(int rank, int[] strides, string padding, string? dataFormat, int[]? dilations, long[] inputShape, long[] filterShape, long[] outputShape)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(21);
        var x = randn(inputShape, ScalarType.Float64, generator: generator);
        var filters = randn(filterShape, ScalarType.Float64, generator: generator);
        var operation = new ConvTransposeOperation(rank, strides, padding, dataFormat, dilations);

        var y = operation.Apply(x, filters, outputShape);
        var expected = Nn.ConvTranspose(x, filters, outputShape, strides, padding.ToUpperInvariant(), dataFormat, dilations);

        Assert.Equal(rank, operation.Rank);
        TensorAssert.Close(TensorAssert.Values(expected), outputShape, y, 0, 0);
    }

    [Theory]
    [InlineData("NHWC", 3L)] // GemmFold
    [InlineData("NHWC", 1L)] // NonOverlapping
    [InlineData("NCHW", 6L)] // libtorch's kernel, which adds the bias itself
    public void Apply_AddsTheBiasPerOutputChannel_WithItsGradient(string dataFormat, long inputSize)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(22);
        var format = DataFormat.Parse(dataFormat, 2, "dataFormat");
        var x = randn(format.Shape(2, 3, [inputSize, inputSize]), ScalarType.Float64, generator: generator);
        var filters = randn([4, 4, 5, 3], ScalarType.Float64, generator: generator);
        var bias = tensor(new double[] { 1, -2, 3, 0.5, 10 }, [5]).requires_grad_();
        var outputShape = format.Shape(2, 5, [2 * inputSize, 2 * inputSize]);
        var operation = new ConvTransposeOperation(2, [2, 2], "same", dataFormat);

        var withBias = operation.Apply(x, filters, outputShape, bias);
        var without = operation.Apply(x, filters, outputShape);
        withBias.sum().backward();

        // Every output element of channel c is the bias-free one plus bias[c].
        double[] biasValues = [1, -2, 3, 0.5, 10];
        var positions = 4 * inputSize * inputSize;
        var expected = Enumerable.Range(0, (int)(2 * 5 * positions))
            .Select(flat => biasValues[format.ChannelsFirst ? (int)(flat / positions % 5) : flat % 5])
            .ToArray();
        TensorAssert.Close(expected, outputShape, withBias - without, 1e-12, 1e-12);
        Assert.Equal(Enumerable.Repeat(2.0 * 4 * inputSize * inputSize, 5), TensorAssert.Values(bias.grad!)); // each channel appears N·H·W times
    }

    [Fact]
    public void Apply_NamesTheLayersArguments_AndChecksTheOutputShapeAndBias()
    {
        using var scope = NewDisposeScope();
        var operation = new ConvTransposeOperation(2, [2, 2], "same");
        var x = ones([1, 3, 3, 2]);
        var kernel = ones([3, 3, 4, 2]);
        var (wrongKernel, rank3, shortBias, matrixBias) = (ones([3, 3, 4, 5]), ones([1, 3, 2]), ones([3]), ones([1, 4]));

        Rejects<ArgumentException>(() => operation.Apply(x, wrongKernel, [1, 6, 6, 4], inputName: "inputs", filtersName: "kernel"), "kernel", "(3, 3, 4, 5)", "inputs has 2 channels");
        Rejects<ArgumentException>(() => operation.Apply(rank3, kernel, [1, 6, 6, 4], inputName: "inputs", filtersName: "kernel"), "inputs", "must be 4-D", "(1, 3, 2)");
        Rejects<ArgumentException>(() => operation.Apply(x, kernel, [6, 6]), "outputShape", "(6, 6)", "has 2 values", "takes 4 values in NHWC order");
        Rejects<ArgumentException>(() => operation.Apply(x, kernel, [1, 7, 6, 4]), "outputShape", "height 7", "valid heights are 5..6");
        Rejects<ArgumentException>(() => operation.Apply(x, kernel, [1, 6, 6, 4], shortBias), "bias", "(3,)", "(4,)");
        Rejects<ArgumentException>(() => operation.Apply(x, kernel, [1, 6, 6, 4], matrixBias), "bias", "(1, 4)", "one value per output channel");
        Assert.Throws<ArgumentNullException>(() => operation.Apply(x, kernel, null!));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    public void Constructor_RejectsARankOtherThanOneToThree(int rank)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ConvTransposeOperation(rank, [1], "same"));
        Assert.Equal("rank", error.ParamName);
        Assert.Contains(FormattableString.Invariant($"rank {rank}"), error.Message, StringComparison.Ordinal);
        Assert.Contains("1, 2 or 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RejectsBadArguments_WithNnsMessages()
    {
        ArgumentAssert.Throws<ArgumentException>(() => _ = new ConvTransposeOperation(2, [2, 2, 2], "same"), "strides", "(2, 2, 2)", "has 3 values", "1, 2 or 4");
        ArgumentAssert.Throws<ArgumentOutOfRangeException>(() => _ = new ConvTransposeOperation(2, [2, 0], "same"), "strides", "(2, 0)", "1 or more", "width has 0");
        ArgumentAssert.Throws<ArgumentException>(() => _ = new ConvTransposeOperation(2, [1, 2, 2, 2], "same"), "strides", "channel dimension (index 3 in NHWC)", "other than 1");
        ArgumentAssert.Throws<ArgumentOutOfRangeException>(() => _ = new ConvTransposeOperation(1, [1], "same", dilations: [-1]), "dilations", "(-1,)", "1 or more");
        ArgumentAssert.Throws<ArgumentException>(() => _ = new ConvTransposeOperation(3, [1, 1, 1], "valid", dilations: [1, 1]), "dilations", "(1, 1)", "has 2 values", "1, 3 or 5");
        ArgumentAssert.Throws<ArgumentException>(() => _ = new ConvTransposeOperation(2, [2, 2], "full"), "padding", "'full'", "'SAME' or 'VALID'");
        ArgumentAssert.Throws<ArgumentException>(() => _ = new ConvTransposeOperation(2, [2, 2], "explicit"), "padding", "'explicit'", "'SAME' or 'VALID'");
        ArgumentAssert.Throws<ArgumentException>(() => _ = new ConvTransposeOperation(2, [2, 2], "same", "NWC"), "dataFormat", "'NWC'", "2-D", "'NHWC'", "'NCHW'");
        ArgumentAssert.Throws<ArgumentException>(() => _ = new ConvTransposeOperation(1, [2], "same", "nwc"), "dataFormat", "'nwc'", "did you mean 'NWC'?");
        ArgumentAssert.Throws<ArgumentNullException>(() => _ = new ConvTransposeOperation(2, null!, "same"), "strides");
        ArgumentAssert.Throws<ArgumentNullException>(() => _ = new ConvTransposeOperation(2, [2, 2], null!), "padding");
    }

    [Theory]
    [InlineData("same")]
    [InlineData("SAME")]
    [InlineData("Same")]
    [InlineData("valid")]
    [InlineData("VALID")]
    public void Constructor_TakesThePaddingInAnyCase(string padding)
    {
        using var scope = NewDisposeScope();
        var operation = new ConvTransposeOperation(1, [2], padding);
        long width = padding.Equals("same", StringComparison.OrdinalIgnoreCase) ? 6 : 7;

        var y = operation.Apply(ones([1, 3, 1]), ones([3, 1, 1]), [1, width, 1]);

        Assert.Equal([1L, width, 1], y.shape);
    }

    /// <summary>Runs the call, asserts the exact exception type, its ParamName and key words, and that no tensor leaked.</summary>
    private static void Rejects<TException>(Func<Tensor> call, string paramName, params string[] keywords)
        where TException : ArgumentException
    {
        var before = LiveTensors.Count;
        ArgumentAssert.Throws<TException>(() => call(), paramName, keywords);
        Assert.Equal(before, LiveTensors.Count);
    }
}

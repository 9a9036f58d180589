// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Globalization;

namespace LayersFramework.Ops.Tests;

/// <summary>
/// Every argument TensorFlow rejects (nn_ops.py's argument checks, conv_grad_shape_utils.cc, padding.cc, atrous_conv2d_transpose) is rejected with an
/// <see cref="ArgumentException"/> naming the argument, the value received and what would be valid, and the
/// failed call leaves no tensor behind.
/// </summary>
public sealed class ArgumentErrorTests
{
    public static TheoryData<string, int[], int, string> ChannelEntries => new()
    {
        { "NHWC", new[] { 1, 2, 2, 2 }, 3, "channel" },
        { "NCHW", new[] { 1, 2, 2, 2 }, 1, "channel" },
        { "NHWC", new[] { 2, 2, 2, 1 }, 0, "batch" },
        { "NCHW", new[] { 2, 1, 2, 2 }, 0, "batch" },
    };

    // ---- outputShape ----

    [Theory]
    [InlineData(new long[] { 6, 6 })]
    [InlineData(new long[] { 1, 2, 2, 2, 2, 1 })]
    public void ConvTranspose_OutputShapeOfWrongLength_Throws(long[] shape)
    {
        using var scope = NewDisposeScope();
        var (x, f) = Nhwc();
        Rejects<ArgumentException>(() => Nn.ConvTranspose(x, f, shape, [1]), "outputShape", Tuples.Format(shape), Text($"has {shape.Length} values"), "3, 4 or 5");
    }

    [Fact]
    public void RankedTransposes_OutputShapeOfWrongLength_Throw()
    {
        using var scope = NewDisposeScope();
        var (x, f) = Nhwc();
        var (x1, f1) = Nwc();
        var (x3, f3) = Ndhwc();
        Rejects<ArgumentException>(() => Nn.Conv1DTranspose(x1, f1, [1, 6, 4, 1], [2]), "outputShape", "(1, 6, 4, 1)", "has 4 values", "3 values");
        Rejects<ArgumentException>(() => Nn.Conv2DTranspose(x, f, [1, 6, 4], [2]), "outputShape", "(1, 6, 4)", "has 3 values", "4 values (or the 2 values [height, width])");
        Rejects<ArgumentException>(() => Nn.Conv3DTranspose(x3, f3, [1, 4, 4, 3], [2]), "outputShape", "(1, 4, 4, 3)", "has 4 values", "5 values");
    }

    [Fact]
    public void NegativeOutputShapeEntries_Throw_InTheFullAndTheTwoValueForm()
    {
        using var scope = NewDisposeScope();
        var (x, f) = Nhwc();
        var (x1, f1) = Nwc();
        Rejects<ArgumentOutOfRangeException>(() => Nn.ConvTranspose(x, f, [1, -6, 6, 4], [2]), "outputShape", "(1, -6, 6, 4)", "negative", "index 1", "0 or more");
        Rejects<ArgumentOutOfRangeException>(() => Nn.Conv2DTranspose(x, f, [6, -6], [2]), "outputShape", "(6, -6)", "negative", "index 1", "0 or more");
        Rejects<ArgumentOutOfRangeException>(() => Nn.Conv1DTranspose(x1, f1, [1, -1, 4], [2]), "outputShape", "(1, -1, 4)", "negative");
    }

    [Fact]
    public void BatchMismatch_Throws()
    {
        using var scope = NewDisposeScope();
        var (x, f) = Nhwc();
        Rejects<ArgumentException>(() => Nn.ConvTranspose(x, f, [2, 6, 6, 4], [2]), "outputShape", "batch 2", "batch 1", "must be equal");
    }

    [Fact]
    public void OutputChannels_NotAMultipleOfTheFilters_Throw()
    {
        using var scope = NewDisposeScope();
        var (x, f) = Nhwc();
        var nchw = ones([1, 2, 3, 3]);
        Rejects<ArgumentException>(() => Nn.ConvTranspose(x, f, [1, 6, 6, 6], [2]), "outputShape", "(1, 6, 6, 6)", "6 output channels", "gives 4", "must be 4");
        Rejects<ArgumentException>(() => Nn.Conv2DTranspose(nchw, f, [1, 3, 6, 6], [2], dataFormat: "NCHW"), "outputShape", "3 output channels", "must be 4");
    }

    // ---- filters ----

    [Fact]
    public void FiltersLastDimension_NotTheInputChannels_Throws()
    {
        using var scope = NewDisposeScope();
        var (x, _) = Nhwc();
        var f = ones([3, 3, 4, 5]);
        var nchw = ones([1, 2, 3, 3]);
        Rejects<ArgumentException>(() => Nn.ConvTranspose(x, f, [1, 6, 6, 4], [2]), "filters", "(3, 3, 4, 5)", "is 5", "has 2 channels");
        Rejects<ArgumentException>(() => Nn.Conv2DTranspose(x, f, [1, 6, 6, 4], [2]), "filter", "(3, 3, 4, 5)", "has 2 channels");
        Rejects<ArgumentException>(() => Nn.Conv2DTranspose(nchw, f, [1, 4, 6, 6], [2], dataFormat: "NCHW"), "filter", "is 5", "axis 1");
    }

    [Fact]
    public void FiltersWithZeroOutputChannels_OrAZeroKernelSize_Throw()
    {
        using var scope = NewDisposeScope();
        var (x, _) = Nhwc();
        var (noOutputs, noHeight) = (ones([3, 3, 0, 2]), ones([0, 3, 4, 2]));
        var (x3, noWidth) = (ones([1, 2, 2, 2, 2]), ones([2, 2, 0, 3, 2]));
        Rejects<ArgumentException>(() => Nn.ConvTranspose(x, noOutputs, [1, 6, 6, 4], [2]), "filters", "(3, 3, 0, 2)", "output-channel dimension (index 2)", "1 or more");
        Rejects<ArgumentException>(() => Nn.ConvTranspose(x, noHeight, [1, 6, 6, 4], [2]), "filters", "(0, 3, 4, 2)", "spatial sizes (0, 3)", "1 or more");
        Rejects<ArgumentException>(() => Nn.Conv3DTranspose(x3, noWidth, [1, 4, 4, 4, 3], [2]), "filter", "spatial sizes (2, 2, 0)");
    }

    [Fact]
    public void InputOrFiltersOfTheWrongRank_Throw()
    {
        using var scope = NewDisposeScope();
        var (x, f) = Nhwc();
        var (x1, f1) = Nwc();
        Rejects<ArgumentException>(() => Nn.ConvTranspose(x1, f, [1, 6, 6, 4], [2]), "input", "must be 4-D", "(1, 3, 2)");
        Rejects<ArgumentException>(() => Nn.ConvTranspose(x, f1, [1, 6, 6, 4], [2]), "filters", "must be 4-D", "(3, 4, 2)", "out_channels, in_channels");
        Rejects<ArgumentException>(() => Nn.Conv3DTranspose(x, f, [1, 4, 4, 4, 3], [2]), "value", "must be 5-D", "(1, 3, 3, 2)");
    }

    // ---- dtypes ----

    [Fact]
    public void FiltersOfAnotherDtype_Throw()
    {
        using var scope = NewDisposeScope();
        var (x, _) = Nhwc();
        var f64 = ones([3, 3, 4, 2], ScalarType.Float64);
        Rejects<ArgumentException>(() => Nn.ConvTranspose(x, f64, [1, 6, 6, 4], [2]), "filters", "Float64", "Float32", "same dtype");
    }

    [Theory]
    [InlineData(ScalarType.Int64)]
    [InlineData(ScalarType.Bool)]
    [InlineData(ScalarType.Byte)]
    public void UnsupportedDtypes_Throw(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var x = ones([1, 3, 3, 2], dtype);
        var f = ones([3, 3, 4, 2], dtype);
        var forward = f.permute(0, 1, 3, 2);
        Rejects<ArgumentException>(() => Nn.ConvTranspose(x, f, [1, 6, 6, 4], [2]), "input", dtype.ToString(), "Float16, BFloat16, Float32, Float64 or Int32");
        Rejects<ArgumentException>(() => Nn.Conv2D(x, forward, [1], "SAME"), "input", dtype.ToString());
    }

    // ---- strides and dilations ----

    [Theory]
    [InlineData("strides")]
    [InlineData("dilations")]
    public void WindowArgumentOfWrongLength_Throws(string name)
    {
        using var scope = NewDisposeScope();
        var (x, f) = Nhwc();
        var (x1, f1) = Nwc();
        Rejects<ArgumentException>(() => Window(x, f, name, [1, 2, 2], "NHWC"), name, "(1, 2, 2)", "has 3 values", "1, 2 or 4");
        Rejects<ArgumentException>(() => Nn.Conv1DTranspose(x1, f1, [1, 6, 4], name == "strides" ? [2, 2] : [2], dilations: name == "strides" ? null : [1, 1]), name, "has 2 values", "1, 1 or 3");
    }

    [Theory]
    [MemberData(nameof(ChannelEntries))]
    public void WindowArgument_WithABatchOrChannelEntryOtherThanOne_Throws(string format, int[] values, int index, string dimension)
    {
        using var scope = NewDisposeScope();
        var (x, f) = Nhwc();
        var input = format == "NCHW" ? x.permute(0, 3, 1, 2) : x;
        foreach (var name in new[] { "strides", "dilations" })
        {
            Rejects<ArgumentException>(() => Window(input, f, name, values, format), name, Tuples.Format(values), Text($"{dimension} dimension (index {index} in {format})"), "other than 1");
        }
    }

    [Theory]
    [InlineData(new[] { 1, 0 }, "width has 0")]
    [InlineData(new[] { -2 }, "height has -2")]
    [InlineData(new[] { 1, 1, 0, 1 }, "width has 0")]
    public void WindowArgument_WithAZeroOrNegativeSpatialValue_Throws(int[] values, string detail)
    {
        using var scope = NewDisposeScope();
        var (x, f) = Nhwc();
        foreach (var name in new[] { "strides", "dilations" })
        {
            Rejects<ArgumentOutOfRangeException>(() => Window(x, f, name, values, "NHWC"), name, Tuples.Format(values), "1 or more", detail);
        }
    }

    // ---- padding ----

    [Fact]
    public void PaddingStrings_OtherThanSameOrValid_Throw()
    {
        using var scope = NewDisposeScope();
        var (x, f) = Nhwc();
        var (x1, f1) = Nwc();
        var (x3, f3) = Ndhwc();
        Rejects<ArgumentException>(() => Nn.ConvTranspose(x, f, [1, 6, 6, 4], [2], "same"), "padding", "'same'", "did you mean 'SAME'?");
        Rejects<ArgumentException>(() => Nn.Conv2DTranspose(x, f, [1, 7, 7, 4], [2], "valid"), "padding", "'valid'", "did you mean 'VALID'?");
        Rejects<ArgumentException>(() => Nn.Conv1DTranspose(x1, f1, [1, 6, 4], [2], "EXPLICIT"), "padding", "'EXPLICIT' is not a valid value", "[before, after] pairs");
        Rejects<ArgumentException>(() => Nn.Conv3DTranspose(x3, f3, [1, 4, 4, 4, 3], [2], "FULL"), "padding", "'FULL'", "'SAME' or 'VALID'");
    }

    [Fact]
    public void ExplicitPadding_OfTheWrongShapeOrValues_Throws()
    {
        using var scope = NewDisposeScope();
        var (x, f) = Nhwc();
        long[] shape = [1, 5, 5, 4];
        var nchw = x.permute(0, 3, 1, 2);
        Rejects<ArgumentException>(() => Nn.Conv2DTranspose(x, f, shape, [2], [[0, 0], [1, 1], [1, 1]]), "padding", "has 3", "takes 4", "or 2");
        Rejects<ArgumentException>(() => Nn.Conv2DTranspose(x, f, shape, [2], [[0, 0], [1, 1, 0], [1, 1], [0, 0]]), "padding", "Element 1", "[1, 1, 0]", "[before, after] pair");
        Rejects<ArgumentOutOfRangeException>(() => Nn.Conv2DTranspose(x, f, shape, [2], [[0, 0], [1, -1], [1, 1], [0, 0]]), "padding", "Element 1", "[1, -1]", "0 or more");
        Rejects<ArgumentException>(() => Nn.Conv2DTranspose(x, f, shape, [2], [[1, 0], [1, 1], [1, 1], [0, 0]]), "padding", "batch", "element 0: [1, 0]", "[0, 0]");
        Rejects<ArgumentException>(() => Nn.Conv2DTranspose(x, f, shape, [2], [[0, 0], [1, 1], [1, 1], [0, 1]]), "padding", "channel", "element 3: [0, 1]", "[0, 0]");
        Rejects<ArgumentException>(() => Nn.Conv2DTranspose(nchw, f, [1, 4, 5, 5], [2], [[0, 0], [0, 1], [1, 1], [1, 1]], "NCHW"), "padding", "channel", "element 1: [0, 1]");
    }

    // ---- dataFormat ----

    [Fact]
    public void DataFormat_WrongForTheRank_OrLowerCase_Throws()
    {
        using var scope = NewDisposeScope();
        var (x, f) = Nhwc();
        var (x1, f1) = Nwc();
        var (x3, f3) = Ndhwc();
        Rejects<ArgumentException>(() => Nn.Conv1DTranspose(x1, f1, [1, 6, 4], [2], dataFormat: "NHWC"), "dataFormat", "'NHWC'", "1-D", "'NWC'", "'NCW'");
        Rejects<ArgumentException>(() => Nn.Conv2DTranspose(x, f, [1, 6, 6, 4], [2], dataFormat: "nhwc"), "dataFormat", "'nhwc'", "did you mean 'NHWC'?");
        Rejects<ArgumentException>(() => Nn.ConvTranspose(x, f, [1, 6, 6, 4], [2], dataFormat: "NCW"), "dataFormat", "'NCW'", "2-D", "'NHWC'", "'NCHW'");
        Rejects<ArgumentException>(() => Nn.Conv3DTranspose(x3, f3, [1, 4, 4, 4, 3], [2], dataFormat: "ncdhw"), "dataFormat", "did you mean 'NCDHW'?");
    }

    // ---- output sizes that do not fit (conv_grad_shape_utils.cc) ----

    [Theory]
    [InlineData("SAME", 3, 3, 2, 1, 7)]
    [InlineData("SAME", 3, 3, 2, 1, 4)]
    [InlineData("SAME", 4, 3, 3, 1, 13)]
    [InlineData("SAME", 3, 3, 1, 1, 4)]
    [InlineData("VALID", 3, 3, 2, 1, 9)]
    [InlineData("VALID", 3, 3, 2, 1, 6)]
    [InlineData("VALID", 4, 2, 3, 1, 8)]
    [InlineData("VALID", 3, 3, 1, 1, 6)]
    [InlineData("VALID", 3, 3, 2, 2, 8)]
    public void OutputHeight_ThatDoesNotFit_Throws_NamingTheValidRange(string padding, long input, long kernel, int stride, int dilation, long output)
    {
        using var scope = NewDisposeScope();
        var x = ones([1, input, 2, 1]);
        var f = ones([kernel, 1, 1, 1]);
        var effective = ((kernel - 1) * dilation) + 1;
        var full = ((input - 1) * stride) + effective;
        var (min, max) = padding == "SAME" ? (((input - 1) * stride) + 1, input * stride) : (full, full + stride - 1);
        var width = padding == "SAME" ? 2 * stride : stride + 1; // width 2, kernel 1: fits
        Rejects<ArgumentException>(() => Nn.ConvTranspose(x, f, [1, output, width, 1], [stride], padding, dilations: [dilation]), "outputShape", Text($"height {output}"), Text($"input's is {input}"), Range("height", min, max));
    }

    [Theory]
    [InlineData(3, 3, 2, 1, 2, 6)]
    [InlineData(3, 3, 2, 2, 1, 3)]
    [InlineData(3, 3, 2, 2, 1, 6)]
    [InlineData(3, 3, 1, 1, 1, 5)]
    public void ExplicitPadding_OutputWidth_ThatDoesNotFit_Throws_NamingTheValidRange(long input, long kernel, int stride, long before, long after, long output)
    {
        using var scope = NewDisposeScope();
        var x = ones([1, 1, input, 1]);
        var f = ones([1, kernel, 1, 1]);
        var min = ((input - 1) * stride) + kernel - before - after;
        Rejects<ArgumentException>(() => Nn.Conv2DTranspose(x, f, [1, 1, output, 1], [stride], [[0, 0], [0, 0], [before, after], [0, 0]]), "outputShape", Text($"width {output}"), Range("width", min, min + stride - 1));
    }

    [Fact]
    public void OutputSizes_ThatDoNotFit_AreNamedByDimension_InEveryRank()
    {
        using var scope = NewDisposeScope();
        var (x1, f1) = Nwc();
        var (x, f) = Nhwc();
        var (x3, f3) = Ndhwc();
        Rejects<ArgumentException>(() => Nn.Conv1DTranspose(x1, f1, [1, 9, 4], [2]), "outputShape", "width 9", Range("width", 5, 6));
        Rejects<ArgumentException>(() => Nn.Conv2DTranspose(x, f, [6, 8], [2], "VALID"), "outputShape", "height 6", Range("height", 7, 8));
        Rejects<ArgumentException>(() => Nn.Conv3DTranspose(x3, f3, [1, 3, 4, 4, 3], [2], "VALID"), "outputShape", "depth 3", Range("depth", 4, 5));
        Rejects<ArgumentException>(() => Nn.Conv3DTranspose(x3, f3, [1, 3, 4, 4, 3], [2, 1, 1]), "outputShape", "height 4", Range("height", 2, 2));
    }

    // ---- atrous_conv2d_transpose (3) ----

    [Fact]
    public void Atrous_ChannelMismatch_AndRateBelowOne_Throw()
    {
        using var scope = NewDisposeScope();
        var value = ones([1, 4, 4, 3]);
        var filters = ones([3, 3, 2, 2]);
        Rejects<ArgumentException>(() => Nn.AtrousConv2DTranspose(value, filters, [1, 4, 4, 2], 2, "SAME"), "filters", "3 channels", "(3, 3, 2, 2)", "takes 2 input channels");
        var ok = ones([1, 4, 4, 2]);
        Rejects<ArgumentOutOfRangeException>(() => Nn.AtrousConv2DTranspose(ok, filters, [1, 4, 4, 2], 0, "SAME"), "rate", "less than one", "Actual value was 0.");
        Rejects<ArgumentOutOfRangeException>(() => Nn.AtrousConv2DTranspose(ok, filters, [1, 4, 4, 2], -3, "SAME"), "rate", "less than one", "Actual value was -3.");
    }

    [Fact]
    public void Atrous_OutputShapeAndPadding_Throw()
    {
        using var scope = NewDisposeScope();
        var value = ones([1, 4, 4, 2]);
        var filters = ones([3, 3, 2, 2]);
        Rejects<ArgumentException>(() => Nn.AtrousConv2DTranspose(value, filters, [1, 4, 4], 2, "SAME"), "outputShape", "(1, 4, 4)", "exactly 4 values");
        Rejects<ArgumentException>(() => Nn.AtrousConv2DTranspose(value, filters, [4, 4], 2, "SAME"), "outputShape", "(4, 4)", "exactly 4 values");
        Rejects<ArgumentException>(() => Nn.AtrousConv2DTranspose(value, filters, [1, 4, 4, 3], 2, "SAME"), "outputShape", "3 channels", "produce 2");
        Rejects<ArgumentException>(() => Nn.AtrousConv2DTranspose(value, filters, [1, 4, 4, 2], 2, "FULL"), "padding", "'FULL'", "'VALID' or 'SAME'");
        Rejects<ArgumentException>(() => Nn.AtrousConv2DTranspose(value, filters, [1, 4, 4, 2], 2, "same"), "padding", "'same'", "'VALID' or 'SAME'");

        // SAME needs O == I; VALID needs O == I + Ku - 1 with Ku = 3 + 2·(2 - 1) = 5.
        Rejects<ArgumentException>(() => Nn.AtrousConv2DTranspose(value, filters, [1, 5, 4, 2], 2, "SAME"), "outputShape", "height 5", "the only valid height is 4");
        Rejects<ArgumentException>(() => Nn.AtrousConv2DTranspose(value, filters, [1, 8, 9, 2], 2, "VALID"), "outputShape", "width 9", "the only valid width is 8");
    }

    [Fact]
    public void Atrous_HugeRate_Throws()
    {
        using var scope = NewDisposeScope();
        var value = ones([10, 1, 1, 1]);
        var filters = ones([1, 1, 1, 1]);
        Rejects<ArgumentOutOfRangeException>(() => Nn.AtrousConv2DTranspose(value, filters, [10, 1, 1, 1], 1356819205, "SAME"), "rate", "1356819205", "too large");
        Assert.ThrowsAny<ArgumentException>(() => Nn.AtrousConv2DTranspose(value, filters, [1, 1, 1, 1], 1356819205, "SAME"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Atrous_FiltersErrors_NameTheFiltersParameter_AtEveryRate(int rate)
    {
        using var scope = NewDisposeScope();
        var value = ones([1, 4, 4, 2]);
        var f64 = ones([3, 3, 2, 2], ScalarType.Float64);
        var noOutputs = ones([3, 3, 0, 2]);

        // rate 1 delegates to Conv2DTranspose, whose parameter is 'filter'; the caller's is 'filters'.
        Rejects<ArgumentException>(() => Nn.AtrousConv2DTranspose(value, f64, [1, 4, 4, 2], rate, "SAME"), "filters", "Float64", "Float32");
        Rejects<ArgumentException>(() => Nn.AtrousConv2DTranspose(value, noOutputs, [1, 4, 4, 0], rate, "SAME"), "filters", "(3, 3, 0, 2)", "1 or more");
    }

    // ---- forward convolutions ----

    [Fact]
    public void ForwardConvolution_InvalidArguments_Throw()
    {
        using var scope = NewDisposeScope();
        var (small, large, tiny) = (ones([1, 2, 2, 1]), ones([1, 4, 4, 1]), ones([2, 2, 1, 1]));
        var (kernel3, rgb, pairs) = (ones([3, 3, 1, 1]), ones([1, 4, 4, 3]), ones([3, 3, 2, 4]));
        var (rank2, rank6) = (ones([4, 4]), ones([1, 2, 2, 2, 2, 1]));
        Rejects<ArgumentException>(() => Nn.Conv2D(small, kernel3, [1], "VALID"), "input", "(1, 2, 2, 1)", "negative", "dilated kernel size 3");
        Rejects<ArgumentException>(() => Nn.Convolution(large, tiny, dilations: [4]), "input", "negative", "dilated kernel size 5");
        Rejects<ArgumentException>(() => Nn.Convolution(rgb, pairs), "filters", "(3, 3, 2, 4)", "3 channels");
        Rejects<ArgumentException>(() => Nn.Conv2D(rgb, pairs, [1], "SAME"), "filters", "3 channels");
        Rejects<ArgumentException>(() => Nn.Convolution(rank2, kernel3), "input", "(4, 4)", "3, 4 or 5");
        Rejects<ArgumentException>(() => Nn.Convolution(rank6, kernel3), "input", "(1, 2, 2, 2, 2, 1)", "3, 4 or 5");
    }

    [Fact]
    public void Conv1D_StrideErrors_NameTheStrideParameter()
    {
        using var scope = NewDisposeScope();
        var x = ones([1, 3, 2]);
        var f = ones([3, 2, 4]);
        Rejects<ArgumentOutOfRangeException>(() => Nn.Conv1D(x, f, [0], "SAME"), "stride", "(0,)", "1 or more");
        Rejects<ArgumentException>(() => Nn.Conv1D(x, f, [1, 1], "SAME"), "stride", "(1, 1)", "has 2 values", "1, 1 or 3");
        Rejects<ArgumentException>(() => Nn.Conv1D(x, f, [1, 1, 2], "SAME"), "stride", "channel dimension (index 2 in NWC)");
    }

    /// <summary>Runs the call, asserts the exact exception type, its ParamName and key words, and that no tensor leaked.</summary>
    private static void Rejects<TException>(Func<Tensor> call, string paramName, params string[] keywords)
        where TException : ArgumentException
    {
        var before = LiveTensors.Count;
        var ex = Assert.Throws<TException>(() => call());
        Assert.Equal(before, LiveTensors.Count);
        Assert.Equal(paramName, ex.ParamName);
        foreach (var keyword in keywords)
        {
            Assert.Contains(keyword, ex.Message, StringComparison.Ordinal);
        }
    }

    private static string Text(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>The message's statement of the valid output sizes.</summary>
    private static string Range(string dimension, long min, long max) =>
        min == max
            ? string.Create(CultureInfo.InvariantCulture, $"the only valid {dimension} is {min}")
            : string.Create(CultureInfo.InvariantCulture, $"valid {dimension}s are {min}..{max}");

    /// <summary>Input (1, 3, 3, 2) and filters (3, 3, 4, 2), NHWC: (1, 5..6, 5..6, 4) for stride 2 SAME.</summary>
    private static (Tensor X, Tensor Filters) Nhwc() => (ones([1, 3, 3, 2]), ones([3, 3, 4, 2]));

    /// <summary>Input (1, 3, 2) and filters (3, 4, 2), NWC: (1, 5..6, 4) for stride 2 SAME.</summary>
    private static (Tensor X, Tensor Filters) Nwc() => (ones([1, 3, 2]), ones([3, 4, 2]));

    /// <summary>Input (1, 2, 2, 2, 2) and filters (2, 2, 2, 3, 2), NDHWC: (1, 3..4, 3..4, 3..4, 3) for stride 2 SAME.</summary>
    private static (Tensor X, Tensor Filters) Ndhwc() => (ones([1, 2, 2, 2, 2]), ones([2, 2, 2, 3, 2]));

    /// <summary>A stride-1 SAME transpose of (1, 3, 3, 2) with <paramref name="values"/> as its strides or its dilations.</summary>
    private static Tensor Window(Tensor x, Tensor f, string name, int[] values, string format)
    {
        long[] shape = format == "NCHW" ? [1, 4, 3, 3] : [1, 3, 3, 4];
        return name == "strides"
            ? Nn.ConvTranspose(x, f, shape, values, "SAME", format)
            : Nn.ConvTranspose(x, f, shape, [1], "SAME", format, values);
    }
}

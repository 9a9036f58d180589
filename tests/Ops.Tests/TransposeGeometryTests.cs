// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Globalization;

namespace LayersFramework.Ops.Tests;

/// <summary>
/// The integer geometry behind the ops: TensorFlow's valid output sizes, the forward output size and SAME
/// split, the libtorch plan (proved, by simulation in integers, to place y = full[pb, pb + O) with zeros past
/// F), and the normalisation of strides, dilations, padding and data formats.
/// </summary>
public sealed class TransposeGeometryTests
{
    private static readonly Padding Same1 = Padding.Parse("SAME", 1);
    private static readonly Padding Valid1 = Padding.Parse("VALID", 1);

    [Fact]
    public void ValidOutputSizes_WorkedExamples()
    {
        // TensorFlow's rules (conv_grad_shape_utils.cc): I=3, K=3, s=2 -> SAME 5..6, VALID 7..8.
        Assert.Equal((5L, 6L), TransposeGeometry.ValidOutputSizes(3, 3, 2, 1, Same1, 0));
        Assert.Equal((7L, 8L), TransposeGeometry.ValidOutputSizes(3, 3, 2, 1, Valid1, 0));

        // Worked by hand: explicit [2, 1] with I=3, K=3, s=2 accepts 4..5; s=1, d=2 VALID gives exactly 7; s=2, d=2 VALID 9..10.
        Assert.Equal((4L, 5L), TransposeGeometry.ValidOutputSizes(3, 3, 2, 1, Explicit1(2, 1), 0));
        Assert.Equal((7L, 7L), TransposeGeometry.ValidOutputSizes(3, 3, 1, 2, Valid1, 0));
        Assert.Equal((9L, 10L), TransposeGeometry.ValidOutputSizes(3, 3, 2, 2, Valid1, 0));

        // Stride 1 SAME: only I itself.
        Assert.Equal((6L, 6L), TransposeGeometry.ValidOutputSizes(6, 3, 1, 1, Same1, 0));

        // Explicit padding larger than the full result: clamped at 1, or empty.
        Assert.Equal((1L, 1L), TransposeGeometry.ValidOutputSizes(1, 1, 3, 1, Explicit1(2, 0), 0));
        var (min, max) = TransposeGeometry.ValidOutputSizes(1, 1, 1, 1, Explicit1(2, 0), 0);
        Assert.True(min > max, $"expected no valid size, got {min}..{max}");
    }

    [Fact]
    public void ValidOutputSizes_AreExactlyTheSizesWhoseForwardOutputIsTheInput()
    {
        foreach (var (input, kernel, stride, dilation, padding) in OneDimensionalGrid())
        {
            var (min, max) = TransposeGeometry.ValidOutputSizes(input, kernel, stride, dilation, padding, 0);
            var (refMin, refMax) = ReferenceRange(input, kernel, stride, dilation, padding);
            var what = Describe(input, kernel, stride, dilation, padding);
            Assert.True((refMin, refMax) == (min, max), $"{what}: ValidOutputSizes {min}..{max}, TensorFlow's rule {refMin}..{refMax}");

            var matching = Enumerable.Range(1, 60).Where(o => TransposeGeometry.ForwardOutputSize(o, kernel, stride, dilation, padding, 0) == input).Select(o => (long)o).ToArray();
            var expected = Enumerable.Range(0, (int)Math.Max(0, max - min + 1)).Select(k => min + k).ToArray();
            Assert.True(expected.SequenceEqual(matching), $"{what}: sizes whose forward output is {input}: [{string.Join(",", matching)}], expected {min}..{max}");
        }
    }

    [Theory]
    [InlineData("SAME", 0, 0, 5, 3, 2, 1, 3)]
    [InlineData("SAME", 0, 0, 6, 3, 2, 1, 3)]
    [InlineData("SAME", 0, 0, 7, 3, 2, 1, 4)]
    [InlineData("SAME", 0, 0, 7, 3, 1, 2, 7)]
    [InlineData("VALID", 0, 0, 7, 3, 2, 1, 3)]
    [InlineData("VALID", 0, 0, 8, 3, 2, 1, 3)]
    [InlineData("VALID", 0, 0, 9, 3, 2, 2, 3)]
    [InlineData("VALID", 0, 0, 2, 3, 2, 1, 0)] // (2 - 3 + 2) / 2 truncates to 0, as C++ does
    [InlineData("EXPLICIT", 2, 1, 4, 3, 2, 1, 3)]
    [InlineData("EXPLICIT", 2, 1, 5, 3, 2, 1, 3)]
    [InlineData("EXPLICIT", 0, 2, 3, 4, 3, 1, 1)]
    public void ForwardOutputSize_FollowsTensorFlowsFormula(string kind, long before, long after, long output, long kernel, long stride, long dilation, long expected)
    {
        var padding = kind == "EXPLICIT" ? Explicit1(before, after) : Padding.Parse(kind, 1);
        Assert.Equal(expected, TransposeGeometry.ForwardOutputSize(output, kernel, stride, dilation, padding, 0));
    }

    [Theory]
    [InlineData("SAME", 3, 3, 2, 1, 6, 0)] // P = 1
    [InlineData("SAME", 3, 3, 2, 1, 5, 1)] // P = 2
    [InlineData("SAME", 3, 3, 1, 2, 3, 2)] // E = 5, P = 4
    [InlineData("SAME", 3, 3, 2, 2, 6, 1)] // P = 3
    [InlineData("SAME", 4, 1, 3, 1, 12, 0)] // s > E: P would be negative, clamped to 0
    [InlineData("SAME", 4, 4, 2, 1, 8, 1)] // P = 2
    [InlineData("SAME", 4, 4, 2, 1, 7, 1)] // P = 3: the odd unit goes after
    [InlineData("VALID", 3, 3, 2, 1, 8, 0)]
    public void PaddingBefore_IsTheForwardConvolutionsSplit(string kind, long input, long kernel, long stride, long dilation, long output, long expected)
    {
        Assert.Equal(expected, TransposeGeometry.PaddingBefore(input, kernel, stride, dilation, output, Padding.Parse(kind, 1), 0));
    }

    [Fact]
    public void PaddingBefore_ExplicitIsTheGivenAmountPerDimension()
    {
        var padding = Padding.Explicit([[2, 0], [1, 2]], DataFormat.Parse("NHWC", 2, "dataFormat"));
        Assert.Equal(2, TransposeGeometry.PaddingBefore(3, 3, 2, 1, 5, padding, 0));
        Assert.Equal(1, TransposeGeometry.PaddingBefore(3, 3, 2, 1, 5, padding, 1));
    }

    [Fact]
    public void Plan_ReproducesTheCropOfTheFullResult_EveryOneDimensionalCase()
    {
        var checkedCount = 0;
        foreach (var (input, kernel, stride, dilation, padding) in OneDimensionalGrid())
        {
            var (min, max) = ReferenceRange(input, kernel, stride, dilation, padding);
            for (var output = min; output <= max; output++)
            {
                var plan = TransposeGeometry.Plan([input], [kernel], [stride], [dilation], padding, [output]);
                AssertPlanPlacesTheCrop(plan, 0, input, kernel, stride, dilation, padding, output, Describe(input, kernel, stride, dilation, padding));
                checkedCount++;
            }
        }

        Assert.True(checkedCount > 1000, $"only {checkedCount} cases");
    }

    [Fact]
    public void Plan_ReproducesTheCropOfTheFullResult_RandomMultiDimensionalCases()
    {
        var random = new Random(4242);
        var formats = new[] { new[] { "NWC", "NCW" }, new[] { "NHWC", "NCHW" }, new[] { "NDHWC", "NCDHW" } };
        for (var n = 0; n < 500; n++)
        {
            var rank = random.Next(1, 4);
            var format = DataFormat.Parse(formats[rank - 1][random.Next(2)], rank, "dataFormat");
            var input = Draw(rank, random, 1, 6);
            var kernel = Draw(rank, random, 1, 5);
            var strides = Draw(rank, random, 1, 4);
            var dilations = Draw(rank, random, 1, 3);
            var padding = random.Next(3) switch
            {
                0 => Padding.Parse("SAME", rank),
                1 => Padding.Parse("VALID", rank),
                _ => Padding.Explicit(Enumerable.Range(0, rank).Select(_ => new long[] { random.Next(0, 4), random.Next(0, 4) }).ToArray(), format),
            };
            var ranges = Enumerable.Range(0, rank).Select(i => ReferenceRange(input[i], kernel[i], strides[i], dilations[i], padding, i)).ToArray();
            if (ranges.Any(r => r.Min > r.Max))
            {
                continue;
            }

            var output = ranges.Select(r => r.Min + random.NextInt64(r.Max - r.Min + 1)).ToArray();
            var what = string.Create(
                CultureInfo.InvariantCulture,
                $"case {n}: I=[{string.Join(",", input)}] K=[{string.Join(",", kernel)}] s=[{string.Join(",", strides)}] d=[{string.Join(",", dilations)}] {padding.Description} O=[{string.Join(",", output)}]");

            // What the op checks must accept every size of the range.
            TransposeGeometry.CheckOutputSizes(input, kernel, strides, dilations, padding, output, format, format.Shape(1, 1, output), "outputShape");

            var plan = TransposeGeometry.Plan(input, kernel, strides, dilations, padding, output);
            Assert.Equal(rank, plan.TorchPadding.Length);
            for (var i = 0; i < rank; i++)
            {
                AssertPlanPlacesTheCrop(plan, i, input[i], kernel[i], strides[i], dilations[i], padding, output[i], what + $" dim {i}");
            }
        }
    }

    [Fact]
    public void Plan_UsesNoCropWhenLibtorchPaddingSuffices()
    {
        // SAME with an even total (I=3, K=3, s=2, O=5: P = 2) is libtorch's symmetric padding 1, nothing else.
        var even = TransposeGeometry.Plan([3], [3], [2], [1], Same1, [5]);
        Assert.Equal([1L], even.TorchPadding);
        Assert.Equal([0L], even.OutputPadding);
        Assert.Equal([0L], even.CropStart);

        // SAME with P = 1 (O = 6): no cropping before, the odd unit cropped after by the narrow.
        var odd = TransposeGeometry.Plan([3], [3], [2], [1], Same1, [6]);
        Assert.Equal([0L], odd.TorchPadding);
        Assert.Equal([0L], odd.OutputPadding);
        Assert.Equal([0L], odd.CropStart);

        // VALID O = F + 1: one zero appended by output padding.
        var valid = TransposeGeometry.Plan([3], [3], [2], [1], Valid1, [8]);
        Assert.Equal([0L], valid.TorchPadding);
        Assert.Equal([1L], valid.OutputPadding);
        Assert.Equal([0L], valid.CropStart);
    }

    [Fact]
    public void CheckOutputSizes_RejectsASizeOutsideTheRangeAndNamesTheValidOnes()
    {
        var format = DataFormat.Parse("NWC", 1, "dataFormat");
        var error = Assert.Throws<ArgumentException>(() =>
            TransposeGeometry.CheckOutputSizes([3], [3], [2], [1], Same1, [7], format, [1, 7, 1], "outputShape"));
        Assert.Equal("outputShape", error.ParamName);
        Assert.Contains("valid widths are 5..6", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SAME", 0, 0, 5, 3, 2, 1, 3, 1, 1)]
    [InlineData("SAME", 0, 0, 4, 3, 2, 1, 2, 0, 1)]
    [InlineData("SAME", 0, 0, 4, 1, 3, 1, 2, 0, 0)]
    [InlineData("SAME", 0, 0, 5, 3, 1, 2, 5, 2, 2)]
    [InlineData("SAME", 0, 0, 3, 4, 1, 1, 3, 1, 2)]
    [InlineData("VALID", 0, 0, 7, 3, 2, 1, 3, 0, 0)]
    [InlineData("VALID", 0, 0, 8, 3, 2, 1, 3, 0, 0)]
    [InlineData("VALID", 0, 0, 9, 3, 2, 2, 3, 0, 0)]
    [InlineData("EXPLICIT", 2, 1, 3, 3, 2, 1, 2, 2, 1)]
    [InlineData("EXPLICIT", 0, 2, 1, 3, 1, 1, 1, 0, 2)]
    public void Window_GivesOutputAndPadding(string kind, long before, long after, long input, long kernel, long stride, long dilation, long output, long expectedBefore, long expectedAfter)
    {
        var format = DataFormat.Parse("NWC", 1, "dataFormat");
        var padding = kind == "EXPLICIT" ? Explicit1(before, after) : Padding.Parse(kind, 1);
        var window = ConvolutionGeometry.Window(input, kernel, stride, dilation, padding, 0, format, [1, input, 1], "input");
        Assert.Equal((output, expectedBefore, expectedAfter), window);
    }

    [Fact]
    public void Window_TooSmallForTheKernel_Throws()
    {
        var format = DataFormat.Parse("NHWC", 2, "dataFormat");
        var valid = Assert.Throws<ArgumentException>(() => ConvolutionGeometry.Window(2, 3, 1, 1, Padding.Parse("VALID", 2), 1, format, [1, 5, 2, 1], "input"));
        Assert.Equal("input", valid.ParamName);
        Assert.Contains("width 2", valid.Message, StringComparison.Ordinal);

        var dilated = Assert.Throws<ArgumentException>(() =>
            ConvolutionGeometry.Window(3, 3, 1, 2, Padding.Explicit([[0, 1], [0, 0]], format), 0, format, [1, 3, 9, 1], "input"));
        Assert.Contains("dilated kernel size 5", dilated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Window_AgreesWithForwardOutputSizeAndTheSameSplitFormula()
    {
        var format = DataFormat.Parse("NWC", 1, "dataFormat");
        foreach (var (input, kernel, stride, dilation, padding) in OneDimensionalGrid())
        {
            var effective = ((kernel - 1) * dilation) + 1;
            if (padding.Kind != PaddingKind.Same && input + padding.Before[0] + padding.After[0] < effective)
            {
                continue;
            }

            var window = ConvolutionGeometry.Window(input, kernel, stride, dilation, padding, 0, format, [1, input, 1], "input");
            var what = Describe(input, kernel, stride, dilation, padding);
            Assert.True(TransposeGeometry.ForwardOutputSize(input, kernel, stride, dilation, padding, 0) == window.Output, what);
            if (padding.Kind == PaddingKind.Same)
            {
                var total = Math.Max(0, ((window.Output - 1) * stride) + effective - input);
                Assert.True((total / 2, total - (total / 2)) == (window.Before, window.After), what);
                Assert.True(window.Output == (input + stride - 1) / stride, what);
            }
            else
            {
                Assert.True((padding.Before[0], padding.After[0]) == (window.Before, window.After), what);
                Assert.True(window.Output == ((input + window.Before + window.After - effective) / stride) + 1, what);
            }
        }
    }

    [Theory]
    [InlineData("NHWC", null, new long[] { 1, 1 })]
    [InlineData("NHWC", new[] { 3 }, new long[] { 3, 3 })]
    [InlineData("NHWC", new[] { 2, 3 }, new long[] { 2, 3 })]
    [InlineData("NHWC", new[] { 1, 2, 3, 1 }, new long[] { 2, 3 })]
    [InlineData("NCHW", new[] { 1, 1, 2, 3 }, new long[] { 2, 3 })]
    [InlineData("NWC", new[] { 1, 4, 1 }, new long[] { 4 })]
    [InlineData("NCW", new[] { 1, 1, 4 }, new long[] { 4 })]
    [InlineData("NCW", null, new long[] { 1 })]
    [InlineData("NDHWC", new[] { 2 }, new long[] { 2, 2, 2 })]
    [InlineData("NDHWC", new[] { 1, 2, 3, 4, 1 }, new long[] { 2, 3, 4 })]
    [InlineData("NCDHW", new[] { 1, 1, 2, 3, 4 }, new long[] { 2, 3, 4 })]
    [InlineData("NCDHW", new[] { 4, 3, 2 }, new long[] { 4, 3, 2 })]
    [InlineData("NCDHW", new[] { 1, 1, 1, 1, 2 }, new long[] { 1, 1, 2 })] // the last entry is the width, not the channels
    public void Spatial_NormalizesNullOneNAndNPlusTwoValues(string formatName, int[]? values, long[] expected)
    {
        var format = DataFormat.Parse(formatName, formatName.Length - 2, "dataFormat");
        Assert.Equal(expected, WindowArguments.Spatial(values, format, "strides"));
    }

    [Theory]
    [InlineData("NHWC", new[] { 2, 1, 1, 1 }, "batch")]
    [InlineData("NHWC", new[] { 1, 2, 3, 2 }, "channel")]
    [InlineData("NCHW", new[] { 1, 2, 3, 1 }, "channel")] // channels-last order given for a channels-first format
    [InlineData("NHWC", new[] { 1, 2, 3 }, "3 values")]
    [InlineData("NWC", new[] { 1, 2 }, "2 values")]
    public void Spatial_RejectsBatchOrChannelValuesAndWrongLengths(string formatName, int[] values, string fragment)
    {
        var format = DataFormat.Parse(formatName, formatName.Length - 2, "dataFormat");
        var error = Assert.Throws<ArgumentException>(() => WindowArguments.Spatial(values, format, "dilations"));
        Assert.Equal("dilations", error.ParamName);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 2, -1 })]
    [InlineData(new[] { 1, 0, 1, 1 })]
    public void Spatial_RejectsValuesBelowOne(int[] values)
    {
        var format = DataFormat.Parse("NHWC", 2, "dataFormat");
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => WindowArguments.Spatial(values, format, "strides"));
        Assert.Equal("strides", error.ParamName);
    }

    [Fact]
    public void Padding_ParsesTheStringsExactly()
    {
        Assert.Equal(PaddingKind.Same, Padding.Parse("SAME", 2).Kind);
        Assert.Equal(PaddingKind.Valid, Padding.Parse("VALID", 3).Kind);
        Assert.Equal([0L, 0, 0], Padding.Parse("SAME", 3).Before);
        Assert.Equal("'SAME'", Padding.Parse("SAME", 1).Description);

        var lower = Assert.Throws<ArgumentException>(() => Padding.Parse("same", 2));
        Assert.Equal("padding", lower.ParamName);
        Assert.Contains("did you mean 'SAME'", lower.Message, StringComparison.Ordinal);
        var explicitName = Assert.Throws<ArgumentException>(() => Padding.Parse("EXPLICIT", 2));
        Assert.Contains("[before, after] pairs", explicitName.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Padding.Parse("FULL", 2));
    }

    [Theory]
    [InlineData("NHWC")]
    [InlineData("NCHW")]
    [InlineData("spatial")]
    public void Padding_ExplicitReadsTheSpatialPairsInTheFormatsOrder(string form)
    {
        var format = DataFormat.Parse(form == "NCHW" ? "NCHW" : "NHWC", 2, "dataFormat");
        long[][] pairs = form switch
        {
            "NHWC" => [[0, 0], [1, 2], [3, 4], [0, 0]],
            "NCHW" => [[0, 0], [0, 0], [1, 2], [3, 4]],
            _ => [[1, 2], [3, 4]],
        };
        var padding = Padding.Explicit(pairs, format);
        Assert.Equal(PaddingKind.Explicit, padding.Kind);
        Assert.Equal([1L, 3], padding.Before);
        Assert.Equal([2L, 4], padding.After);
        Assert.Equal("explicit [1, 2], [3, 4]", padding.Description);
    }

    [Fact]
    public void Padding_ExplicitRejectsBadPairs()
    {
        var nhwc = DataFormat.Parse("NHWC", 2, "dataFormat");
        var nchw = DataFormat.Parse("NCHW", 2, "dataFormat");
        Assert.Contains("batch", Assert.Throws<ArgumentException>(() => Padding.Explicit([[1, 0], [1, 2], [3, 4], [0, 0]], nhwc)).Message, StringComparison.Ordinal);
        Assert.Contains("channel", Assert.Throws<ArgumentException>(() => Padding.Explicit([[0, 0], [1, 2], [3, 4], [0, 1]], nhwc)).Message, StringComparison.Ordinal);
        Assert.Contains("channel", Assert.Throws<ArgumentException>(() => Padding.Explicit([[0, 0], [1, 2], [3, 4], [0, 0]], nchw)).Message, StringComparison.Ordinal);
        Assert.Contains("3 [before, after] pairs", Assert.Throws<ArgumentException>(() => Padding.Explicit([[0, 0], [1, 2], [3, 4]], nhwc)).Message, StringComparison.Ordinal);
        Assert.Contains("Element 1", Assert.Throws<ArgumentException>(() => Padding.Explicit([[1, 2], [3, 4, 5]], nhwc)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Padding.Explicit([[1, -2], [3, 4]], nhwc));
        Assert.Throws<ArgumentNullException>(() => Padding.Explicit(null!, nhwc));
    }

    [Fact]
    public void DataFormat_ParsesAndLocatesTheAxes()
    {
        var nhwc = DataFormat.Parse(null, 2, "dataFormat");
        Assert.Equal("NHWC", nhwc.Name);
        Assert.False(nhwc.ChannelsFirst);
        Assert.Equal(3, nhwc.ChannelAxis);
        Assert.Equal([1, 2], new[] { nhwc.SpatialAxis(0), nhwc.SpatialAxis(1) });
        Assert.Equal([2L, 3], nhwc.Spatial([9, 2, 3, 7]));
        Assert.Equal([9L, 2, 3, 7], nhwc.Shape(9, 7, [2, 3]));

        var ncdhw = DataFormat.Parse("NCDHW", 3, "dataFormat");
        Assert.True(ncdhw.ChannelsFirst);
        Assert.Equal(1, ncdhw.ChannelAxis);
        Assert.Equal(4, ncdhw.SpatialAxis(2));
        Assert.Equal([2L, 3, 4], ncdhw.Spatial([9, 7, 2, 3, 4]));
        Assert.Equal([9L, 7, 2, 3, 4], ncdhw.Shape(9, 7, [2, 3, 4]));
        Assert.Equal(["depth", "height", "width"], Enumerable.Range(0, 3).Select(ncdhw.DimensionName));

        Assert.Equal("NWC", DataFormat.Default(1).Name);
        Assert.Equal("NDHWC", DataFormat.Default(3).Name);
        Assert.Equal("width", DataFormat.Parse("NCW", 1, "dataFormat").DimensionName(0));

        var lower = Assert.Throws<ArgumentException>(() => DataFormat.Parse("nchw", 2, "dataFormat"));
        Assert.Equal("dataFormat", lower.ParamName);
        Assert.Contains("did you mean 'NCHW'", lower.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DataFormat.Parse("NHWC", 1, "dataFormat")); // conv1d takes NWC only
        Assert.Throws<ArgumentException>(() => DataFormat.Parse("NCHW", 3, "dataFormat"));
    }

    [Theory]
    [InlineData("NWC")]
    [InlineData("NCW")]
    [InlineData("NHWC")]
    [InlineData("NCHW")]
    [InlineData("NDHWC")]
    [InlineData("NCDHW")]
    public void DataFormat_ConvertsToAndFromChannelsFirst(string name)
    {
        using var scope = NewDisposeScope();
        var rank = name.Length - 2;
        var format = DataFormat.Parse(name, rank, "dataFormat");
        long[] spatial = [.. Enumerable.Range(3, rank).Select(i => (long)i)];
        var shape = format.Shape(2, 5, spatial);
        var values = Enumerable.Range(0, (int)shape.Aggregate(1L, (a, b) => a * b)).Select(i => (double)i).ToArray();
        var x = tensor(values, shape);

        var first = format.ToChannelsFirst(x);
        Assert.Equal([2L, 5, .. spatial], first.shape);

        // Element (n, c, spatial...) of the channels-first view is element (n, spatial..., c) (or the same index, channels first) of x.
        var firstValues = TensorAssert.Values(first);
        long[] firstShape = [2, 5, .. spatial];
        for (var flat = 0; flat < firstValues.Length; flat++)
        {
            var index = Unravel(flat, firstShape);
            var original = Ravel(format.Shape(index[0], index[1], index[2..]), shape);
            Assert.True(values[original] == firstValues[flat], $"{name}: channels-first element {flat} is {firstValues[flat]}, expected {values[original]}");
        }

        var back = format.FromChannelsFirst(first);
        Assert.Equal(shape, back.shape);
        Assert.Equal(values, TensorAssert.Values(back));
    }

    /// <summary>
    /// The README's claim: for k = 3, s = 2, I = 4 and O = 8, TensorFlow's SAME has P = 1 and pb = 0 (all after),
    /// while PyTorch's padding = (k − 1) / 2 = 1 with output_padding = 1 crops one from the start. Both take 8
    /// consecutive positions of the same full result of length F = 9: TensorFlow full[0, 8), PyTorch full[1, 9).
    /// So PyTorch's output at j is TensorFlow's at j + 1 (j = 0..6), and they are not equal.
    /// </summary>
    [Fact]
    public void SameDiffersFromPyTorchsIdiomByOnePixel()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(0, TransposeGeometry.PaddingBefore(4, 3, 2, 1, 8, Padding.Parse("SAME", 2), 0));

        using var generator = new Generator(31);
        var x = randn([1, 4, 4, 2], ScalarType.Float64, generator: generator);
        var filters = randn([3, 3, 3, 2], ScalarType.Float64, generator: generator);
        var tensorFlow = Nn.Conv2DTranspose(x, filters, [1, 8, 8, 3], [2], "SAME").permute(0, 3, 1, 2);

        var input = x.permute(0, 3, 1, 2);
        var weight = filters.permute(3, 2, 0, 1);
        var pyTorch = nn.functional.conv_transpose2d(input, weight, null, strides: [2, 2], padding: [1, 1], output_padding: [1, 1]);
        var full = nn.functional.conv_transpose2d(input, weight, null, strides: [2, 2]);
        Assert.Equal([1L, 3, 8, 8], pyTorch.shape);
        Assert.Equal([1L, 3, 9, 9], full.shape);

        TensorAssert.Close(Window(full, 0, 8), Window(tensorFlow, 0, 8), rtol: 1e-12, atol: 1e-12);
        TensorAssert.Close(Window(full, 1, 8), Window(pyTorch, 0, 8), rtol: 1e-12, atol: 1e-12);
        TensorAssert.Close(Window(tensorFlow, 1, 7), Window(pyTorch, 0, 7), rtol: 1e-12, atol: 1e-12);

        var difference = (tensorFlow - pyTorch).abs().max().item<double>();
        Assert.True(difference > 1e-3, $"TensorFlow's and PyTorch's outputs should differ, max difference {difference}");
    }

    private static Padding Explicit1(long before, long after) => Padding.Explicit([[before, after]], DataFormat.Parse("NWC", 1, "dataFormat"));

    /// <summary>Every 1-D configuration with I 1-5, K 1-4, s 1-4, d 1-3 and SAME, VALID or explicit [0..2, 0..2].</summary>
    private static IEnumerable<(long Input, long Kernel, long Stride, long Dilation, Padding Padding)> OneDimensionalGrid()
    {
        var paddings = new List<Padding> { Same1, Valid1 };
        for (var before = 0; before <= 2; before++)
        {
            for (var after = 0; after <= 2; after++)
            {
                paddings.Add(Explicit1(before, after));
            }
        }

        for (var input = 1L; input <= 5; input++)
        {
            for (var kernel = 1L; kernel <= 4; kernel++)
            {
                for (var stride = 1L; stride <= 4; stride++)
                {
                    for (var dilation = 1L; dilation <= 3; dilation++)
                    {
                        foreach (var padding in paddings)
                        {
                            yield return (input, kernel, stride, dilation, padding);
                        }
                    }
                }
            }
        }
    }

    /// <summary>TensorFlow's valid output sizes (the output sizes whose forward convolution has the input's size), written out here rather than taken from the code under test.</summary>
    private static (long Min, long Max) ReferenceRange(long input, long kernel, long stride, long dilation, Padding padding, int dim = 0)
    {
        var full = ((input - 1) * stride) + ((kernel - 1) * dilation) + 1;
        return padding.Kind switch
        {
            PaddingKind.Same => (((input - 1) * stride) + 1, input * stride),
            PaddingKind.Valid => (full, full + stride - 1),
            _ => (Math.Max(1, full - padding.Before[dim] - padding.After[dim]), full - padding.Before[dim] - padding.After[dim] + stride - 1),
        };
    }

    /// <summary>TensorFlow's pb, the forward convolution's padding before (kernel_shape_util.cc), independently of the code under test.</summary>
    private static long ReferenceBefore(long input, long kernel, long stride, long dilation, Padding padding, long output, int dim)
    {
        var full = ((input - 1) * stride) + ((kernel - 1) * dilation) + 1;
        return padding.Kind switch
        {
            PaddingKind.Same => Math.Max(0, full - output) / 2,
            PaddingKind.Valid => 0,
            _ => padding.Before[dim],
        };
    }

    /// <summary>
    /// Simulates libtorch in integers: conv_transpose with padding p and output padding op produces
    /// L = F − 2p + op positions, position i holding full[i + p] (zero where i + p ≥ F). The plan then narrows
    /// [start, start + O). TensorFlow's y[j] is full[pb + j] (zero past F), so start + p must be pb.
    /// </summary>
    private static void AssertPlanPlacesTheCrop(TransposePlan plan, int i, long input, long kernel, long stride, long dilation, Padding padding, long output, string what)
    {
        var full = ((input - 1) * stride) + ((kernel - 1) * dilation) + 1;
        var p = plan.TorchPadding[i];
        var op = plan.OutputPadding[i];
        var start = plan.CropStart[i];
        var detail = string.Create(CultureInfo.InvariantCulture, $"{what}, O={output}: padding {p}, output padding {op}, crop start {start}");
        Assert.True(output == plan.Output[i], detail);
        Assert.True(p >= 0, detail + ": negative libtorch padding");
        Assert.True(op >= 0 && op < stride, detail + ": output padding must be 0 or more and less than the stride");
        var length = full - (2 * p) + op;
        Assert.True(start >= 0 && start + output <= length, detail + $": the crop lies outside libtorch's {length} positions");

        // Output j is libtorch's position start + j, which holds full[start + p + j]; TensorFlow's holds full[pb + j].
        var pb = ReferenceBefore(input, kernel, stride, dilation, padding, output, i);
        Assert.True(start + p == pb, detail + $": output j holds full[{start + p} + j], TensorFlow's holds full[{pb} + j]");
    }

    private static long[] Draw(int rank, Random random, int min, int max) =>
        Enumerable.Range(0, rank).Select(_ => (long)random.Next(min, max + 1)).ToArray();

    private static string Describe(long input, long kernel, long stride, long dilation, Padding padding) =>
        string.Create(CultureInfo.InvariantCulture, $"I={input} K={kernel} s={stride} d={dilation} {padding.Description}");

    private static long[] Unravel(long flat, long[] shape)
    {
        var index = new long[shape.Length];
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            index[i] = flat % shape[i];
            flat /= shape[i];
        }

        return index;
    }

    private static long Ravel(long[] index, long[] shape) => index.Zip(shape).Aggregate(0L, (flat, pair) => (flat * pair.Second) + pair.First);

    private static double[] Window(Tensor nchw, long start, long length) =>
        TensorAssert.Values(nchw.narrow(2, start, length).narrow(3, start, length));
}

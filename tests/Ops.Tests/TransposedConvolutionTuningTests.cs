// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Ops.Tests;

/// <summary>
/// How the transposed convolution picks its path: by rule for small shapes or with measuring off, by timing every
/// candidate once for big ones, and never a path that does not apply. The setting is process-wide, so these tests
/// run alone.
/// </summary>
[Collection(TuningTestGroup.Name)]
public sealed class TransposedConvolutionTuningTests
{
    [Fact]
    public void WithMeasuringOff_ABigShape_FollowsTheRule_AndRecordsNoTimes()
    {
        var choice = ConvolveOnce(batch: 3, measure: false, backward: false);

        Assert.Equal(TransposedConvolutionPath.GemmFold, choice.Path); // a 4x4 input is small enough for GemmFold, the rule's first
        Assert.Empty(choice.Milliseconds);
    }

    [Fact]
    public void WithMeasuringOn_ABigShape_IsTimedWithEveryCandidate_AndTheFastestKept()
    {
        var forward = ConvolveOnce(batch: 5, measure: true, backward: false);
        var training = ConvolveOnce(batch: 5, measure: true, backward: true);

        foreach (var choice in new[] { forward, training })
        {
            Assert.Equal([TransposedConvolutionPath.LibtorchKernel, TransposedConvolutionPath.GemmFold], choice.Milliseconds.Keys.Order());
            Assert.All(choice.Milliseconds.Values, milliseconds => Assert.True(milliseconds > 0));
            Assert.Equal(TransposedConvolutionTuning.Fastest(choice.Milliseconds), choice.Path);
        }

        Assert.False(forward.Backward);
        Assert.True(training.Backward);
    }

    [Theory]
    [InlineData(100.0, 96.0, 200.0, TransposedConvolutionPath.LibtorchKernel)]  // 4% faster: within the margin, the kernel stays
    [InlineData(100.0, 94.0, 200.0, TransposedConvolutionPath.GemmFold)]        // 6% faster: ours
    [InlineData(100.0, 120.0, 50.0, TransposedConvolutionPath.NonOverlapping)]  // the fastest of several
    [InlineData(90.0, 120.0, 95.0, TransposedConvolutionPath.LibtorchKernel)]   // the kernel is fastest
    public void TheFastestPath_MustBeatLibtorchsKernelByTheMargin(double kernel, double gemmFold, double nonOverlapping, TransposedConvolutionPath expected)
    {
        var times = new Dictionary<TransposedConvolutionPath, double>
        {
            [TransposedConvolutionPath.LibtorchKernel] = kernel,
            [TransposedConvolutionPath.GemmFold] = gemmFold,
            [TransposedConvolutionPath.NonOverlapping] = nonOverlapping,
        };

        Assert.Equal(0.05, TransposedConvolutionTuning.KernelMargin);
        Assert.Equal(expected, TransposedConvolutionTuning.Fastest(times));
    }

    [Fact]
    public void Timing_LeavesNoTensorBehind()
    {
        var before = LiveTensors.Count;

        ConvolveOnce(batch: 6, measure: true, backward: true);

        Assert.Equal(before, LiveTensors.Count);
    }

    [Fact]
    public void ASmallShape_IsNeverTimed()
    {
        var before = TransposedConvolutionTuning.Measure;
        try
        {
            TransposedConvolutionTuning.Measure = true;
            using var scope = NewDisposeScope();
            Nn.Conv2DTranspose(ones([1, 3, 3, 7]), ones([3, 3, 5, 7]), [1, 6, 6, 5], [2, 2], "SAME");

            var choice = Assert.Single(TransposedConvolutionTuning.Choices, c => c.Shape.StartsWith("input (1, 7, 3, 3) channels-last weight (7, 5, 3, 3) stride (2, 2)", StringComparison.Ordinal));
            Assert.Empty(choice.Milliseconds);
        }
        finally
        {
            TransposedConvolutionTuning.Measure = before;
        }
    }

    [Fact]
    public void AForcedPath_ThatDoesNotApply_IsRefused_NamingThePathsThatDo()
    {
        using var scope = NewDisposeScope();
        var x = ones([1, 4, 4, 2]);
        var filters = ones([3, 3, 2, 2]);

        var error = Assert.Throws<ArgumentException>(() => TransposedConvolution.Compute(
            x, filters, [1, 8, 8, 2], [2, 2], Padding.Parse("SAME", 2), DataFormat.Parse("NHWC", 2, "dataFormat"), null, "input", "filters", TransposedConvolutionPath.NonOverlapping));
        Assert.Equal("path", error.ParamName);
        Assert.Contains("NonOverlapping path does not apply", error.Message, StringComparison.Ordinal);
        Assert.Contains("the paths that do are GemmFold, LibtorchKernel.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AShapeOnlyTheKernelFits_TakesIt_WithoutTimingOrRecordingAChoice()
    {
        var before = TransposedConvolutionTuning.Measure;
        try
        {
            TransposedConvolutionTuning.Measure = true;
            using var scope = NewDisposeScope();
            using var generator = new Generator(4);

            // 8x8 inputs are too big for GemmFold and k4 s2 windows overlap: only libtorch's kernel applies, however big the shape.
            var x = randn([5, 8, 8, 64], generator: generator);
            var filters = randn([4, 4, 32, 64], generator: generator);
            var y = Nn.Conv2DTranspose(x, filters, [5, 16, 16, 32], [2, 2], "SAME");
            var expected = TransposedConvolution.Compute(
                x, filters, [5, 16, 16, 32], [2, 2], Padding.Parse("SAME", 2), DataFormat.Parse("NHWC", 2, "dataFormat"), null, "input", "filters", TransposedConvolutionPath.LibtorchKernel);

            Assert.True(y.allclose(expected, 0, 0));
            Assert.DoesNotContain(TransposedConvolutionTuning.Choices, choice => choice.Shape.StartsWith("input (5, 64, 8, 8) channels-last weight (64, 32, 4, 4)", StringComparison.Ordinal));
        }
        finally
        {
            TransposedConvolutionTuning.Measure = before;
        }
    }

    /// <summary>
    /// A 128 -> 64 channel, 4x4 -> 8x8, k4 s2 layer in float32 (GemmFold and libtorch's kernel apply; 4.2·10⁶ flops per
    /// example, so above the timing threshold from batch 5), and the choice it left.
    /// </summary>
    private static TransposedConvolutionChoice ConvolveOnce(long batch, bool measure, bool backward)
    {
        var before = TransposedConvolutionTuning.Measure;
        try
        {
            TransposedConvolutionTuning.Measure = measure;
            using var scope = NewDisposeScope();
            using var generator = new Generator(3);
            var x = randn([batch, 4, 4, 128], generator: generator).requires_grad_(backward);
            var filters = randn([4, 4, 64, 128], generator: generator);
            var y = Nn.Conv2DTranspose(x, filters, [batch, 8, 8, 64], [2, 2], "SAME");
            var expected = TransposedConvolution.Compute(
                x, filters, [batch, 8, 8, 64], [2, 2], Padding.Parse("SAME", 2), DataFormat.Parse("NHWC", 2, "dataFormat"), null, "input", "filters", TransposedConvolutionPath.LibtorchKernel);
            Assert.True(y.allclose(expected, 1e-4, 1e-4));

            return Assert.Single(TransposedConvolutionTuning.Choices, choice =>
                choice.Shape.StartsWith($"input ({batch}, 128, 4, 4) channels-last weight (128, 64, 4, 4)", StringComparison.Ordinal) && choice.Backward == backward &&
                (choice.Milliseconds.Count > 0) == measure);
        }
        finally
        {
            TransposedConvolutionTuning.Measure = before;
        }
    }
}

/// <summary>Tests that change <see cref="TransposedConvolutionTuning.Measure"/>, run apart from every other test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TuningTestGroup
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Transposed-convolution tuning";
}

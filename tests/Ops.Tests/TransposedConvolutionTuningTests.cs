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

        Assert.Equal(TransposedConvolutionPath.Adjoint, choice.Path); // 8x8 inputs are too big for GemmFold; float32 goes to oneDNN
        Assert.Empty(choice.Milliseconds);
    }

    [Fact]
    public void WithMeasuringOn_ABigShape_IsTimedWithEveryCandidate_AndTheFastestKept()
    {
        var forward = ConvolveOnce(batch: 5, measure: true, backward: false);
        var training = ConvolveOnce(batch: 5, measure: true, backward: true);

        foreach (var choice in new[] { forward, training })
        {
            Assert.Equal([TransposedConvolutionPath.LibtorchKernel, TransposedConvolutionPath.Adjoint], choice.Milliseconds.Keys.Order());
            Assert.All(choice.Milliseconds.Values, milliseconds => Assert.True(milliseconds > 0));
            Assert.Equal(choice.Milliseconds.MinBy(pair => pair.Value).Key, choice.Path);
        }

        Assert.False(forward.Backward);
        Assert.True(training.Backward);
    }

    [Fact]
    public void Timing_LeavesNoTensorBehind()
    {
        var before = Tensor.LiveCount;

        ConvolveOnce(batch: 6, measure: true, backward: true);

        Assert.Equal(before, Tensor.LiveCount);
    }

    [Fact]
    public void ASmallShape_IsNeverTimed()
    {
        var before = TransposedConvolutionTuning.Measure;
        try
        {
            TransposedConvolutionTuning.Measure = true;
            using var scope = new DisposeScope();
            Nn.Conv2DTranspose(Tensor.Ones([1, 3, 3, 7]), Tensor.Ones([3, 3, 5, 7]), [1, 6, 6, 5], [2, 2], "SAME");

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
        using var scope = new DisposeScope();
        var x = Tensor.Ones([1, 5, 5, 2]);
        var filters = Tensor.Ones([3, 3, 2, 2]);

        var error = Assert.Throws<ArgumentException>(() => TransposedConvolution.Compute(
            x, filters, [1, 10, 10, 2], [2, 2], Padding.Parse("SAME", 2), DataFormat.Parse("NHWC", 2, "dataFormat"), null, "input", "filters", TransposedConvolutionPath.NonOverlapping));
        Assert.Equal("path", error.ParamName);
        Assert.Contains("NonOverlapping path does not apply", error.Message, StringComparison.Ordinal);
        Assert.Contains("Adjoint, LibtorchKernel", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A 64 -> 32 channel, 8x8 -> 16x16, k4 s2 layer in float32 (above the timing threshold from batch 1), and the choice it left.</summary>
    private static TransposedConvolutionChoice ConvolveOnce(long batch, bool measure, bool backward)
    {
        var before = TransposedConvolutionTuning.Measure;
        try
        {
            TransposedConvolutionTuning.Measure = measure;
            using var scope = new DisposeScope();
            using var generator = new Generator(3);
            var x = Tensor.Randn([batch, 8, 8, 64], generator).WithRequiresGrad(backward);
            var filters = Tensor.Randn([4, 4, 32, 64], generator);
            var y = Nn.Conv2DTranspose(x, filters, [batch, 16, 16, 32], [2, 2], "SAME");
            var expected = TransposedConvolution.Compute(
                x, filters, [batch, 16, 16, 32], [2, 2], Padding.Parse("SAME", 2), DataFormat.Parse("NHWC", 2, "dataFormat"), null, "input", "filters", TransposedConvolutionPath.LibtorchKernel);
            Assert.True(y.AllClose(expected, 1e-4, 1e-4));

            return Assert.Single(TransposedConvolutionTuning.Choices, choice =>
                choice.Shape.StartsWith($"input ({batch}, 64, 8, 8) channels-last weight (64, 32, 4, 4)", StringComparison.Ordinal) && choice.Backward == backward &&
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

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Ops.Tests;

/// <summary>
/// Autograd through the TensorFlow-exact convolutions, with respect to the input and the filters, against
/// central finite differences in float64: every placement (uneven SAME split, zeros appended past the full
/// result, crops for explicit padding), each rank and format, dilated strides, groups, and TensorFlow's own
/// gradient tests (conv1d/2d/3d_transpose_test.py testGradient).
/// </summary>
public sealed class OpsGradientTests
{
    [Fact]
    public void ConvTranspose1D_T1_4_StrideTwoSame_Nwc()
    {
        // T1-4: x [2,4,3], f [3,2,3], y [2,8,2], strides [1,2,1], SAME.
        using var scope = NewDisposeScope();
        var (x, f) = Random(1, [2, 4, 3], [3, 2, 3]);
        GradientCheck.AssertGradientsMatch(a => Nn.Conv1DTranspose(a[0], a[1], [2, 8, 2], [1, 2, 1], "SAME"), [x, f]);
    }

    [Fact]
    public void ConvTranspose1D_ValidWithZerosAppended_Ncw()
    {
        // I=3, K=2, s=3: F = 8, and VALID accepts 8..10; 10 appends two zeros past the full result.
        using var scope = NewDisposeScope();
        var (x, f) = Random(2, [2, 3, 3], [2, 2, 3]);
        GradientCheck.AssertGradientsMatch(a => Nn.Conv1DTranspose(a[0], a[1], [2, 2, 10], [3], "VALID", "NCW"), [x, f]);
    }

    [Fact]
    public void ConvTranspose1D_ExplicitPaddingCropsMoreBeforeThanAfter_Nwc()
    {
        // I=3, K=3, s=2, [2, 1]: F = 7, O in 4..5; O=5 starts the crop at 2 and appends one zero.
        using var scope = NewDisposeScope();
        var (x, f) = Random(3, [1, 3, 2], [3, 2, 2]);
        GradientCheck.AssertGradientsMatch(a => Nn.Conv1DTranspose(a[0], a[1], [1, 5, 2], [2], [[2, 1]]), [x, f]);
    }

    [Fact]
    public void ConvTranspose2D_T2_4_StrideTwoSame_Nhwc()
    {
        // T2-4: x [2,6,4,3], f [3,3,2,3], y [2,12,8,2], strides [1,2,2,1], SAME.
        using var scope = NewDisposeScope();
        var (x, f) = Random(4, [2, 6, 4, 3], [3, 3, 2, 3]);
        GradientCheck.AssertGradientsMatch(a => Nn.Conv2DTranspose(a[0], a[1], [2, 12, 8, 2], [1, 2, 2, 1], "SAME"), [x, f]);
    }

    [Fact]
    public void ConvTranspose2D_SameWithOddTotalPadding_Nchw()
    {
        // Height: I=3, K=4, s=1, O=3: P = 3, split 1 before and 2 after. Width: I=3, K=3, s=2, O=6: P = 1, all after.
        using var scope = NewDisposeScope();
        var (x, f) = Random(5, [1, 2, 3, 3], [4, 3, 2, 2]);
        GradientCheck.AssertGradientsMatch(a => Nn.Conv2DTranspose(a[0], a[1], [1, 2, 3, 6], [1, 1, 1, 2], "SAME", "NCHW"), [x, f]);
    }

    [Fact]
    public void ConvTranspose2D_HeightWidthOutputShape_SameAsFullShape()
    {
        // The [H, W] form: batch from the input, channels from the filters; SAME with O > F (s = 3 > E = 2).
        using var scope = NewDisposeScope();
        var (x, f) = Random(6, [2, 2, 3, 2], [2, 2, 3, 2]);
        GradientCheck.AssertGradientsMatch(a => Nn.Conv2DTranspose(a[0], a[1], [6, 9], [3], "SAME"), [x, f]);
    }

    [Fact]
    public void ConvTranspose2D_ExplicitPadding_Nhwc()
    {
        using var scope = NewDisposeScope();
        var (x, f) = Random(7, [1, 3, 2, 2], [3, 2, 2, 2]);

        // Height: F = 7, [2, 0] -> O in 5..6; width: I=2, K=2, s=2: F = 4, [1, 2] -> O in 1..2.
        GradientCheck.AssertGradientsMatch(
            a => Nn.Conv2DTranspose(a[0], a[1], [1, 6, 2, 2], [2], [[0, 0], [2, 0], [1, 2], [0, 0]]), [x, f]);
    }

    [Fact]
    public void ConvTranspose2D_StrideWithDilation_Same()
    {
        // s = 2 and d = 2 together (TensorFlow's GPU path): E = 5, I = 3, O = 6 -> P = 3, pb = 1.
        using var scope = NewDisposeScope();
        var (x, f) = Random(8, [1, 3, 3, 2], [3, 3, 2, 2]);
        GradientCheck.AssertGradientsMatch(a => Nn.Conv2DTranspose(a[0], a[1], [1, 6, 5, 2], [2], "SAME", dilations: [2]), [x, f]);
    }

    [Fact]
    public void ConvTranspose2D_TwoGroups_Nchw()
    {
        // 4 input channels in 2 groups; filters give 3 output channels per group, 6 in all.
        using var scope = NewDisposeScope();
        var (x, f) = Random(9, [1, 4, 2, 3], [2, 2, 3, 4]);
        GradientCheck.AssertGradientsMatch(a => Nn.ConvTranspose(a[0], a[1], [1, 6, 4, 6], [2], "VALID", "NCHW"), [x, f]);
    }

    [Fact]
    public void ConvTranspose3D_T3_6_StrideTwoSame_Ndhwc()
    {
        // T3-6: x [2,3,4,3,2], f [3,3,3,2,2], y [2,6,8,6,2], strides [1,2,2,2,1], SAME.
        using var scope = NewDisposeScope();
        var (x, f) = Random(10, [2, 3, 4, 3, 2], [3, 3, 3, 2, 2]);
        GradientCheck.AssertGradientsMatch(a => Nn.Conv3DTranspose(a[0], a[1], [2, 6, 8, 6, 2], [1, 2, 2, 2, 1], "SAME"), [x, f]);
    }

    [Fact]
    public void ConvTranspose3D_MixedStridesDilationAndExplicitPadding_Ncdhw()
    {
        // Depth: I=2, K=2, s=1, d=2, [1, 0]: F = 4, O = 3. Height: I=2, K=2, s=2, [0, 1]: F = 4, O in 3..4.
        // Width: I=2, K=1, s=3, [0, 0]: F = 4, O in 4..6 (6 appends two zeros).
        using var scope = NewDisposeScope();
        var (x, f) = Random(11, [1, 2, 2, 2, 2], [2, 2, 1, 2, 2]);
        GradientCheck.AssertGradientsMatch(
            a => Nn.Conv3DTranspose(a[0], a[1], [1, 2, 3, 4, 6], [1, 2, 3], [[1, 0], [0, 1], [0, 0]], "NCDHW", [2, 1, 1]), [x, f]);
    }

    [Fact]
    public void ConvTranspose_GenericRankOne_GroupsAndSame()
    {
        using var scope = NewDisposeScope();
        var (x, f) = Random(12, [2, 3, 4], [3, 1, 4]);

        // I=3, K=3, s=2, SAME, O=5: P = 2, pb = 1; 2 output channels = 2 groups of 1.
        GradientCheck.AssertGradientsMatch(a => Nn.ConvTranspose(a[0], a[1], [2, 5, 2], [2]), [x, f]);
    }

    [Fact]
    public void ConvTranspose_GenericRankThree_Valid()
    {
        using var scope = NewDisposeScope();
        var (x, f) = Random(13, [1, 2, 1, 2, 2], [2, 1, 2, 2, 2]);
        GradientCheck.AssertGradientsMatch(a => Nn.ConvTranspose(a[0], a[1], [1, 5, 1, 4, 2], [2, 1, 2], "VALID"), [x, f]);
    }

    [Theory]
    [InlineData("SAME", 4L)]
    [InlineData("VALID", 8L)]
    public void AtrousConv2DTranspose_RateTwo(string padding, long spatial)
    {
        // Rate 2, K = 3: E = 5; SAME keeps 4x4 (P = 4, pb = 2), VALID adds E - 1 = 4.
        using var scope = NewDisposeScope();
        var (x, f) = Random(14, [1, 4, 4, 2], [3, 3, 2, 2]);
        GradientCheck.AssertGradientsMatch(a => Nn.AtrousConv2DTranspose(a[0], a[1], [1, spatial, spatial, 2], 2, padding), [x, f]);
    }

    [Fact]
    public void Convolution_SameWithOddTotalPadding_Nhwc()
    {
        // I=4, K=3, s=2: O = 2, P = 1, all after; the other dimension K=4, s=1: P = 3, 1 before and 2 after.
        using var scope = NewDisposeScope();
        var (x, f) = Random(15, [1, 4, 3, 2], [3, 4, 2, 3]);
        GradientCheck.AssertGradientsMatch(a => Nn.Convolution(a[0], a[1], [2, 1], "SAME"), [x, f]);
    }

    [Fact]
    public void Convolution_ExplicitPaddingGroupsDilation_Ncw()
    {
        using var scope = NewDisposeScope();
        var (x, f) = Random(16, [2, 4, 5], [2, 2, 4]);
        GradientCheck.AssertGradientsMatch(a => Nn.Convolution(a[0], a[1], [2], [[2, 1]], "NCW", [2]), [x, f]);
    }

    [Fact]
    public void Convolution_Rank3_StrideWithDilationValid_Ndhwc()
    {
        using var scope = NewDisposeScope();
        var (x, f) = Random(17, [1, 4, 3, 5, 2], [2, 1, 2, 2, 2]);
        GradientCheck.AssertGradientsMatch(a => Nn.Convolution(a[0], a[1], [1, 2, 2], "VALID", dilations: [2, 1, 2]), [x, f]);
    }

    private static (Tensor X, Tensor F) Random(ulong seed, long[] inputShape, long[] filterShape)
    {
        using var generator = new Generator(seed);
        return (rand(inputShape, ScalarType.Float64, generator: generator), rand(filterShape, ScalarType.Float64, generator: generator));
    }
}

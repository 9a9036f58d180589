// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using LayersFramework.Torch.Tests.Support;

namespace LayersFramework.Torch.Tests;

/// <summary>Functional.Fold (libtorch's col2im): blocks summed where they overlap, its gradient, and its argument checks.</summary>
public sealed class FoldTests
{
    [Fact]
    public void Fold_SumsOverlappingBlocks_IntoTheImage()
    {
        using var scope = new DisposeScope();

        // Four 2x2 blocks of ones at stride 1 in a 3x3 image: each pixel counts the blocks covering it.
        var image = Functional.Fold(Tensor.Ones([1, 4, 4], ScalarType.Float64), [3, 3], [2, 2]);

        Assert.Equal(new double[] { 1, 2, 1, 2, 4, 2, 1, 2, 1 }, image.ToArray<double>());
        Assert.Equal(new long[] { 1, 1, 3, 3 }, image.Shape);
    }

    [Fact]
    public void Fold_WithStrideAndPadding_PlacesBlocksAsTorchFoldDoes_AndItsGradientMatchesFiniteDifferences()
    {
        using var scope = new DisposeScope();

        // Blocks 1..4 (one value each, 1x1 kernels) at stride 2 with padding 1 in a 2x2 image: only block 4
        // (padded position (2, 2) -> image (1, 1)) lands inside; the others fall in the cropped border.
        var image = Functional.Fold(Tensor.FromArray(new double[] { 1, 2, 3, 4 }, [1, 1, 4]), [2, 2], [1, 1], padding: [1, 1], stride: [2, 2]);
        Assert.Equal(new double[] { 0, 0, 0, 4 }, image.ToArray<double>());

        // Blocks: (4 + 2 - 2) / 2 + 1 = 3 rows and (5 - 3) / 1 + 1 = 3 columns.
        GradientCheck.AssertGradientsMatch(
            inputs => Functional.Fold(inputs[0], [4, 5], [2, 3], dilation: [1, 1], padding: [1, 0], stride: [2, 1]),
            [Tensor.Randn([2, 3 * 6, 3 * 3], dtype: ScalarType.Float64)]);
    }

    [Fact]
    public void Fold_RefusesArgumentsWithoutTwoValues_NamingThem()
    {
        using var scope = new DisposeScope();
        var columns = Tensor.Ones([1, 4, 4]);

        ArgumentAssert.Throws<ArgumentException>(() => Functional.Fold(columns, [3, 3, 3], [2, 2]), "outputSize", "2 values", "(3, 3, 3)");
        ArgumentAssert.Throws<ArgumentException>(() => Functional.Fold(columns, [3, 3], [2, 2], stride: [1]), "stride", "2 values");
        Assert.Throws<TorchException>(() => Functional.Fold(columns, [3, 3], [3, 3]));
    }
}

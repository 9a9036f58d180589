// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Torch.Tests;

/// <summary>
/// What libtorch 1.13's CPU kernels compute in reduced precision: bfloat16 covers the convolution path,
/// float16 mostly does not, and says so naming the dtype.
/// </summary>
public sealed class DtypeSupportTests
{
    [Fact]
    public void ConvTranspose2d_InBFloat16_MatchesFloat32_WithinBFloat16Precision()
    {
        using var scope = new DisposeScope();
        using var generator = new Generator(seed: 5);
        var input = Tensor.Randn([2, 3, 4, 4], generator);
        var weight = Tensor.Randn([3, 3, 3, 3], generator);

        var exact = Functional.ConvTranspose2d(input, weight, stride: [2, 2], padding: [1, 1]);
        var reduced = Functional.ConvTranspose2d(input.To(ScalarType.BFloat16), weight.To(ScalarType.BFloat16), stride: [2, 2], padding: [1, 1]);

        Assert.Equal(ScalarType.BFloat16, reduced.Dtype);
        Assert.Equal(exact.Shape, reduced.Shape);
        Assert.True(reduced.To(ScalarType.Float32).AllClose(exact, rtol: 0.05, atol: 0.1));
    }

    [Fact]
    public void ConvTranspose_InBFloat16_WithDifferentChannelCounts_IsComputedCorrectly_InEveryRank()
    {
        using var scope = new DisposeScope();
        using var generator = new Generator(seed: 6);
        foreach (var rank in new[] { 1, 2, 3 })
        {
            var spatial = Enumerable.Repeat(3L, rank).ToArray();
            var input = Tensor.Randn([1, 3, .. spatial], generator);
            var weight = Tensor.Randn([3, 2, .. spatial], generator);
            Func<Tensor, Tensor, Tensor> convolve = rank switch
            {
                1 => (x, w) => Functional.ConvTranspose1d(x, w, stride: [2]),
                2 => (x, w) => Functional.ConvTranspose2d(x, w, stride: [2, 2]),
                _ => (x, w) => Functional.ConvTranspose3d(x, w, stride: [2, 2, 2]),
            };

            var exact = convolve(input, weight);
            var reduced = convolve(input.To(ScalarType.BFloat16), weight.To(ScalarType.BFloat16));

            Assert.Equal([1, 2, .. Enumerable.Repeat(7L, rank)], reduced.Shape);
            Assert.Equal(ScalarType.BFloat16, reduced.Dtype);
            Assert.True(reduced.To(ScalarType.Float32).AllClose(exact, rtol: 0.05, atol: 0.1));
        }
    }

    [Fact]
    public void ConvTranspose2d_InBFloat16_IsDifferentiable_WithBFloat16Gradients()
    {
        using var scope = new DisposeScope();
        var input = Tensor.Ones([1, 2, 2, 2], ScalarType.BFloat16).WithRequiresGrad();
        var weight = Tensor.Ones([2, 3, 2, 2], ScalarType.BFloat16).WithRequiresGrad();

        Functional.ConvTranspose2d(input, weight, stride: [2, 2]).Sum().Backward();

        // Each input element reaches 3 output channels through a 2x2 kernel of ones: gradient 12; each weight
        // element multiplies the 2x2 input positions of its input channel: gradient 4.
        Assert.Equal(ScalarType.BFloat16, input.Grad()!.Dtype);
        Assert.All(input.Grad()!.ToArray<float>(), g => Assert.Equal(12f, g));
        Assert.All(weight.Grad()!.ToArray<float>(), g => Assert.Equal(4f, g));
    }

    [Fact]
    public void BFloat16_HasEightBitsOfMantissa()
    {
        using var x = Tensor.FromArray(new float[] { 1f, 1.00390625f, 1.0078125f, 256.5f }, [4]);
        using var reduced = x.To(ScalarType.BFloat16);

        // 1 + 2^-8 is a tie and rounds to even (1); 1 + 2^-7 is representable; 256.5 needs 9 bits.
        Assert.Equal(new float[] { 1f, 1f, 1.0078125f, 256f }, reduced.ToArray<float>());
    }

    [Fact]
    public void ConvTranspose2d_InFloat16_IsRefusedByLibTorch_NamingTheDtype()
    {
        using var input = Tensor.Ones([1, 1, 2, 2], ScalarType.Float16);
        using var weight = Tensor.Ones([1, 1, 2, 2], ScalarType.Float16);

        var error = Assert.Throws<TorchException>(() => Functional.ConvTranspose2d(input, weight));

        Assert.Contains("not implemented for 'Half'", error.NativeMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Float16_StoresAndConvertsValues()
    {
        using var x = Tensor.FromArray(new Half[] { (Half)0.5f, (Half)(-2f), (Half)65504f }, [3]);
        using var sum = x.Sum();

        Assert.Equal(ScalarType.Float16, x.Dtype);
        Assert.Equal(new double[] { 0.5, -2, 65504 }, x.ToArray<double>());
        Assert.Equal(ScalarType.Float16, sum.Dtype);
    }
}

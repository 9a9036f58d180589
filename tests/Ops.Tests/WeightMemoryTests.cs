// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Ops.Tests;

/// <summary>The weight's channels-last memory order: the same values in their places, a gradient for the weight, no copy when there is nothing to do.</summary>
public sealed class WeightMemoryTests
{
    [Theory]
    [InlineData(new long[] { 6, 4, 3, 2 })]
    [InlineData(new long[] { 5, 3, 2, 2, 2 })]
    public void ChannelsLast_KeepsEveryValueInItsPlace_InChannelsLastMemory_AndPassesTheGradientBack(long[] shape)
    {
        using var scope = NewDisposeScope();
        var weight = randn(shape, ScalarType.Float64).requires_grad_();
        long[] channelsToEnd = [0, .. Enumerable.Range(2, shape.Length - 2).Select(i => (long)i), 1];

        var arranged = WeightMemory.ChannelsLast(weight);

        Assert.Equal(shape, arranged.shape);
        Assert.True(arranged.permute(channelsToEnd).is_contiguous());
        Assert.Equal(TensorAssert.Values(weight), TensorAssert.Values(arranged));
        var upstream = randn(shape, ScalarType.Float64);
        (arranged * upstream).sum().backward();
        Assert.Equal(TensorAssert.Values(upstream), TensorAssert.Values(weight.grad!));
    }

    [Fact]
    public void AWeightAlreadyChannelsLast_IsNotCopied()
    {
        using var scope = NewDisposeScope();
        var weight = randn(6, 3, 2, 4).permute(0, 3, 1, 2);   // (6, 4, 3, 2) laid out as (6, 3, 2, 4)

        var arranged = WeightMemory.ChannelsLast(weight);
        arranged.add_(1);   // the same memory: the weight sees it

        Assert.Equal(TensorAssert.Values(arranged), TensorAssert.Values(weight));
    }

    [Theory]
    [InlineData(false, new long[] { 6, 4, 3, 2 })]   // channels-first input: libtorch's contiguous order
    [InlineData(true, new long[] { 6, 4, 5 })]       // 1-D: libtorch has no channels-last layout for it
    public void ForInput_GivesLibtorchsContiguousWeight_WhereChannelsLastDoesNotApply(bool channelsLastInput, long[] shape)
    {
        using var scope = NewDisposeScope();
        long[] kerasOrder = [.. Enumerable.Range(2, shape.Length - 2).Select(i => (long)i), 1, 0];
        long[] keras = [.. kerasOrder.Select(i => shape[i])];
        long[] back = [.. Enumerable.Range(0, shape.Length).Select(i => (long)Array.IndexOf(kerasOrder, (long)i))];
        var weight = randn(keras, ScalarType.Float64).permute(back);   // a Keras kernel seen in libtorch's axis order

        var arranged = WeightMemory.ForInput(weight, channelsLastInput);

        Assert.Equal(shape, arranged.shape);
        Assert.True(arranged.is_contiguous());
        Assert.Equal(TensorAssert.Values(weight), TensorAssert.Values(arranged));
    }

    [Fact]
    public void ForInput_OnAChannelsLastImage_GivesTheChannelsLastWeight()
    {
        using var scope = NewDisposeScope();
        var weight = randn(3, 3, 4, 6).permute(3, 2, 0, 1);   // Keras (kh, kw, out, in) as libtorch's (in, out, kh, kw)

        var arranged = WeightMemory.ForInput(weight, channelsLastInput: true);

        Assert.True(arranged.permute(0, 2, 3, 1).is_contiguous());
        Assert.Equal(TensorAssert.Values(weight), TensorAssert.Values(arranged));
    }

    [Fact]
    public void AOneDimensionalWeight_IsRefused_NamingTheArgument()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => WeightMemory.ChannelsLast(ones(4, 3, 5)));

        Assert.Equal("weight", error.ParamName);
        Assert.Contains("3 dimensions", error.Message, StringComparison.Ordinal);
    }
}

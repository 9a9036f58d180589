// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Torch.Tests;

/// <summary>Bad managed arguments are refused before any native call, naming the argument.</summary>
public sealed class ArgumentValidationTests
{
    public static TheoryData<string, Action> NullArrays => new()
    {
        { "shape", () => Tensor.Zeros(null!) },
        { "shape", () => Tensor.Full(null!, 1) },
        { "shape", () => Tensor.RandInt(0, 2, null!) },
        { "shape", () => WithTensor(x => x.Reshape(null!)) },
        { "shape", () => WithTensor(x => x.View(null!)) },
        { "dims", () => WithTensor(x => x.Permute(null!)) },
        { "shape", () => WithTensor(x => x.Expand(null!)) },
        { "dims", () => WithTensor(x => x.Sum(null!)) },
        { "dims", () => WithTensor(x => x.Mean(null!)) },
        { "dims", () => WithTensor(x => x.Max(null!)) },
        { "pads", () => WithTensor(x => x.Pad(null!)) },
        { "tensors", () => Tensor.Cat(null!) },
    };

    [Theory]
    [MemberData(nameof(NullArrays))]
    public void NullArrays_AreRefused_NamingTheArgument(string parameter, Action call)
    {
        var error = Assert.Throws<ArgumentNullException>(call);

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Size_OfAZeroDimensionalTensor_SaysItHasNoDimensions()
    {
        using var scalar = Tensor.Scalar(3);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => scalar.Size(0));

        Assert.Equal("dim", error.ParamName);
        Assert.Contains("zero-dimensional tensor has no dimensions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cat_WithANullElement_NamesItsPosition()
    {
        using var a = Tensor.Ones([1]);

        var error = Assert.Throws<ArgumentNullException>(() => Tensor.Cat([a, null!]));

        Assert.Equal("tensors", error.ParamName);
        Assert.Contains("Element 1", error.Message, StringComparison.Ordinal);
    }

    private static void WithTensor(Func<Tensor, Tensor> operation)
    {
        using var x = Tensor.Ones([2, 2]);
        operation(x).Dispose();
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch.Tests;

/// <summary>Every native failure comes back as a managed exception with libtorch's message, and the process goes on.</summary>
public sealed class NativeErrorTests
{
    [Theory]
    [InlineData(1, NativeErrorKind.Torch, "test: c10::Error")]
    [InlineData(2, NativeErrorKind.Index, "test: c10::IndexError")]
    [InlineData(3, NativeErrorKind.Value, "test: c10::ValueError")]
    [InlineData(4, NativeErrorKind.Type, "test: c10::TypeError")]
    [InlineData(5, NativeErrorKind.NotImplemented, "test: c10::NotImplementedError")]
    [InlineData(6, NativeErrorKind.OutOfMemory, "bad_alloc")]
    [InlineData(7, NativeErrorKind.Std, "test: std::runtime_error")]
    [InlineData(8, NativeErrorKind.Unknown, "unknown native exception")]
    public void EveryCppExceptionKind_BecomesTorchException_WithItsMessage(int kind, NativeErrorKind expectedKind, string expectedText)
    {
        var error = Assert.Throws<TorchException>(() => NativeErrors.Check(NativeMethods.LFT_test_throw(kind)));

        Assert.Equal(expectedKind, error.Kind);
        Assert.Contains(expectedText, error.NativeMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("frame #", error.Message, StringComparison.Ordinal); // no C++ backtrace
        AssertProcessStillWorks();
    }

    [Fact]
    public void ShapeMismatch_InMatmul_CarriesLibTorchsMessage()
    {
        using var a = Tensor.Ones([2, 3]);
        using var b = Tensor.Ones([4, 5]);

        var error = Assert.Throws<TorchException>(() => a.Matmul(b));

        Assert.Contains("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)", error.Message, StringComparison.Ordinal);
        AssertProcessStillWorks();
    }

    [Fact]
    public void ChannelMismatch_InConvTranspose_CarriesLibTorchsMessage()
    {
        using var input = Tensor.Ones([1, 3, 4, 4]);
        using var weight = Tensor.Ones([5, 2, 3, 3]);

        var error = Assert.Throws<TorchException>(() => Functional.ConvTranspose2d(input, weight));

        Assert.Contains("expected input[1, 3, 4, 4] to have 5 channels, but got 3 channels", error.Message, StringComparison.Ordinal);
        AssertProcessStillWorks();
    }

    [Fact]
    public void DimensionOutOfRange_IsAnIndexError()
    {
        using var x = Tensor.Ones([2, 3]);

        var error = Assert.Throws<TorchException>(() => x.Transpose(0, 5));

        Assert.Equal(NativeErrorKind.Index, error.Kind);
        Assert.Contains("Dimension out of range", error.Message, StringComparison.Ordinal);
        AssertProcessStillWorks();
    }

    [Fact]
    public void UnsupportedDtype_ForAnOperation_IsReported()
    {
        using var x = Tensor.FromArray(new long[] { 1, 2, 3 }, [3]);

        var error = Assert.Throws<TorchException>(() => x.WithRequiresGrad());

        Assert.Contains("floating point", error.Message, StringComparison.Ordinal);
        AssertProcessStillWorks();
    }

    [Fact]
    public void ReshapeToWrongSize_IsReported()
    {
        using var x = Tensor.Ones([2, 3]);

        var error = Assert.Throws<TorchException>(() => x.Reshape(4, 2));

        Assert.Contains("shape '[4, 2]' is invalid for input of size 6", error.Message, StringComparison.Ordinal);
        AssertProcessStillWorks();
    }

    [Fact]
    public void ErrorsOnOneThread_DoNotLeakIntoAnother()
    {
        using var x = Tensor.Ones([2]);
        Exception? otherThreadError = null;
        var thread = new Thread(() => otherThreadError = Record.Exception(() => x.Transpose(0, 3)));
        thread.Start();
        thread.Join();

        Assert.IsType<TorchException>(otherThreadError);
        Assert.Equal(0, NativeMethods.LFT_last_error_kind()); // this thread's slot is still clear
        AssertProcessStillWorks();
    }

    [Fact]
    public void ThousandsOfErrors_InARow_LeaveTheProcessWorking()
    {
        using var x = Tensor.Ones([2, 2]);
        for (var i = 0; i < 5000; i++)
        {
            Assert.Throws<TorchException>(() => x.Reshape(3));
        }

        AssertProcessStillWorks();
        Assert.Equal(0, NativeMethods.LFT_last_error_kind());
    }

    [Fact]
    public void UsingADisposedTensor_ThrowsObjectDisposedException()
    {
        var x = Tensor.Ones([2]);
        x.Dispose();

        Assert.True(x.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => x.Add(1));
        x.Dispose(); // a second dispose is harmless
    }

    private static void AssertProcessStillWorks()
    {
        using var a = Tensor.FromArray(new double[] { 1, 2, 3 }, [3]);
        using var b = a * 2;
        Assert.Equal(new double[] { 2, 4, 6 }, b.ToArray<double>());
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Ops.Tests;

/// <summary>The README's Nn example, verbatim between the markers, and the claims the README makes next to it.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void NnExample_RunsAsTheReadmeSays()
    {
        string shape;
        {
            // --- README example: nn begins ---
            using var scope = torch.NewDisposeScope();
            // NHWC input: batch 1, 3x3 pixels, 8 channels. Filters (kh, kw, out_channels, in_channels).
            var x = torch.ones([1, 3, 3, 8]);
            var filters = torch.ones([3, 3, 16, 8]);

            // With stride 2 and SAME padding a 3-pixel input fits outputs of 5 or 6 pixels: ask for 6.
            var y = Nn.Conv2DTranspose(x, filters, outputShape: [1, 6, 6, 16], strides: [2, 2], padding: "SAME");
            Console.WriteLine(Tuples.Format(y.shape)); // (1, 6, 6, 16)
            // --- README example: nn ends ---
            shape = Tuples.Format(y.shape);

            var error = Assert.Throws<ArgumentException>(() => Nn.Conv2DTranspose(x, filters, outputShape: [1, 7, 6, 16], strides: [2, 2], padding: "SAME"));
            Assert.Equal("outputShape", error.ParamName);
            Assert.StartsWith(
                "outputShape (1, 7, 6, 16) does not fit the input: its height 7 would come from an input height of 4 " +
                "(padding 'SAME', stride 2, kernel 3, dilation 1), but the input's is 3; valid heights are 5..6.",
                error.Message,
                StringComparison.Ordinal);
            Assert.Contains("valid heights are 5..6", ReadmeSnippet.ReadRepositoryFile("README.md"), StringComparison.Ordinal);
        }

        Assert.Equal("(1, 6, 6, 16)", shape);
    }

    [Fact]
    public void NnExample_IsTheCodeInTheReadme() =>
        ReadmeSnippet.AssertInReadme("tests/Ops.Tests/ReadmeExampleTests.cs", "nn");

    [Fact]
    public void SameVersusPyTorchIdiom_GivesTheReadmesNumbers()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 2, 3 }, [1, 3, 1]);            // NWC
        var taps = tensor(new double[] { 1, 10, 100 }, [3, 1, 1]);      // (k, out, in)

        var tensorFlow = Nn.Conv1DTranspose(x, taps, [1, 6, 1], [2], "SAME");
        var pyTorch = nn.functional.conv_transpose1d(x.permute(0, 2, 1), taps.permute(2, 1, 0), stride: 2, padding: 1, output_padding: 1);
        var evenKernelTf = Nn.Conv1DTranspose(x, ones([4, 1, 1], ScalarType.Float64), [1, 6, 1], [2], "SAME");
        var evenKernelTorch = nn.functional.conv_transpose1d(x.permute(0, 2, 1), ones([1, 1, 4], ScalarType.Float64), stride: 2, padding: 1);

        Assert.Equal(new double[] { 1, 10, 102, 20, 203, 30 }, TensorAssert.Values(tensorFlow));
        Assert.Equal(new double[] { 10, 102, 20, 203, 30, 300 }, TensorAssert.Values(pyTorch));
        Assert.Equal(TensorAssert.Values(evenKernelTorch), TensorAssert.Values(evenKernelTf));
        var readme = ReadmeSnippet.ReadRepositoryFile("README.md");
        Assert.Contains("gives `1 10 102 20 203 30`, PyTorch's idiom gives `10 102 20 203 30 300`", readme, StringComparison.Ordinal);
    }
}

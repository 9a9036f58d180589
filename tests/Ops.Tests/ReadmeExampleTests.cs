// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Torch.Tests.Support;

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
            using var scope = new DisposeScope();
            // NHWC input: batch 1, 3x3 pixels, 8 channels. Filters (kh, kw, out_channels, in_channels).
            var x = Tensor.Ones([1, 3, 3, 8]);
            var filters = Tensor.Ones([3, 3, 16, 8]);

            // With stride 2 and SAME padding a 3-pixel input fits outputs of 5 or 6 pixels: ask for 6.
            var y = Nn.Conv2DTranspose(x, filters, outputShape: [1, 6, 6, 16], strides: [2, 2], padding: "SAME");
            Console.WriteLine(Tuples.Format(y.Shape)); // (1, 6, 6, 16)
            // --- README example: nn ends ---
            shape = Tuples.Format(y.Shape);

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
        using var scope = new DisposeScope();
        var x = Tensor.FromArray(new double[] { 1, 2, 3 }, [1, 3, 1]);            // NWC
        var taps = Tensor.FromArray(new double[] { 1, 10, 100 }, [3, 1, 1]);      // (k, out, in)

        var tensorFlow = Nn.Conv1DTranspose(x, taps, [1, 6, 1], [2], "SAME");
        var pyTorch = Functional.ConvTranspose1d(x.Permute(0, 2, 1), taps.Permute(2, 1, 0), stride: [2], padding: [1], outputPadding: [1]);
        var evenKernelTf = Nn.Conv1DTranspose(x, Tensor.Ones([4, 1, 1], ScalarType.Float64), [1, 6, 1], [2], "SAME");
        var evenKernelTorch = Functional.ConvTranspose1d(x.Permute(0, 2, 1), Tensor.Ones([1, 1, 4], ScalarType.Float64), stride: [2], padding: [1]);

        Assert.Equal(new double[] { 1, 10, 102, 20, 203, 30 }, tensorFlow.ToArray<double>());
        Assert.Equal(new double[] { 10, 102, 20, 203, 30, 300 }, pyTorch.ToArray<double>());
        Assert.Equal(evenKernelTorch.ToArray<double>(), evenKernelTf.ToArray<double>());
        var readme = ReadmeSnippet.ReadRepositoryFile("README.md");
        Assert.Contains("gives `1 10 102 20 203 30`, PyTorch's idiom gives `10 102 20 203 30 300`", readme, StringComparison.Ordinal);
    }
}

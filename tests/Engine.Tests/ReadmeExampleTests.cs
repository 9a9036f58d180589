// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Engine.Tests;

/// <summary>The README's engine example, verbatim between the markers, so it keeps compiling and doing what it says.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void EngineExample_RunsAsTheReadmeSays()
    {
        var baseline = LiveTensors.Count;
        string shape;
        double lossBefore, lossAfter;
        {
            // --- README example: engine begins ---
            using var scope = torch.NewDisposeScope();         // frees every tensor created below when it ends
            using var generator = new torch.Generator(42);     // same seed, same numbers

            // A DCGAN-style up-sampling step: (N, C_in, H, W) -> (N, C_out, 2H, 2W).
            // libtorch's layouts: channels first, transposed-convolution weight (C_in, C_out, kH, kW).
            var input = torch.randn([8, 64, 4, 4], generator: generator);
            var weight = torch.normal(0, 0.02, [64, 32, 4, 4], generator: generator).requires_grad_();
            var output = torch.nn.functional.conv_transpose2d(input, weight, strides: [2, 2], padding: [1, 1]);
            var loss = output.tanh().square().mean();
            loss.backward();

            Console.WriteLine(Tuples.Format(output.shape));    // (8, 32, 8, 8)
            using (torch.no_grad())
            {
                weight.add_(weight.grad!, alpha: -0.1);        // one SGD step
            }

            Console.WriteLine(TorchRuntime.Report());          // libtorch 2.10.0, BLAS, threads, oneDNN
            // --- README example: engine ends ---

            shape = Tuples.Format(output.shape);
            lossBefore = loss.item<float>();
            lossAfter = torch.nn.functional.conv_transpose2d(input, weight, strides: [2, 2], padding: [1, 1]).tanh().square().mean().item<float>();
        }

        Assert.Equal("(8, 32, 8, 8)", shape);
        Assert.True(lossAfter < lossBefore, $"an SGD step should lower the loss ({lossBefore} -> {lossAfter})");
        Assert.Equal(baseline, LiveTensors.Count);
    }

    [Fact]
    public void ReadmeExample_IsTheCodeInTheReadme() =>
        ReadmeSnippet.AssertInReadme("tests/Engine.Tests/ReadmeExampleTests.cs", "engine");
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Torch.Tests.Support;

namespace LayersFramework.Torch.Tests;

/// <summary>The README's example, verbatim between the markers, so it keeps compiling and doing what it says.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void BindingExample_RunsAsTheReadmeSays()
    {
        var baseline = Tensor.LiveCount;
        string shape;
        double lossBefore, lossAfter;
        {
            // --- README example: binding begins ---
            using var scope = new DisposeScope();          // frees every tensor created below when it ends
            using var generator = new Generator(seed: 42); // same seed, same numbers

            // A DCGAN-style up-sampling step: (N, C_in, H, W) -> (N, C_out, 2H, 2W).
            // libtorch's layouts: channels first, transposed-convolution weight (C_in, C_out, kH, kW).
            var input = Tensor.Randn([8, 64, 4, 4], generator);
            var weight = Tensor.Normal([64, 32, 4, 4], mean: 0, stddev: 0.02, generator).WithRequiresGrad();
            var output = Functional.ConvTranspose2d(input, weight, stride: [2, 2], padding: [1, 1]);
            var loss = Functional.Tanh(output).Square().Mean();
            loss.Backward();

            Console.WriteLine(Tuples.Format(output.Shape)); // (8, 32, 8, 8)
            var gradient = weight.Grad()!;
            using (Autograd.NoGrad())
            {
                weight.AddInPlace(gradient, alpha: -0.1);   // one SGD step
            }

            Console.WriteLine(TorchRuntime.Report());
            // --- README example: binding ends ---

            shape = Tuples.Format(output.Shape);
            lossBefore = loss.Item();
            lossAfter = Functional.Tanh(Functional.ConvTranspose2d(input, weight, stride: [2, 2], padding: [1, 1])).Square().Mean().Item();
        }

        Assert.Equal("(8, 32, 8, 8)", shape);
        Assert.True(lossAfter < lossBefore, $"an SGD step should lower the loss ({lossBefore} -> {lossAfter})");
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void ReadmeExample_IsTheCodeInTheReadme() =>
        ReadmeSnippet.AssertInReadme("tests/Torch.Tests/ReadmeExampleTests.cs", "binding");
}

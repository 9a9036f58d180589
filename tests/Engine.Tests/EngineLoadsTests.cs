// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Engine.Tests;

/// <summary>TorchSharp's native library loads in a test process (on Debian 12 only after the build's compat step).</summary>
public sealed class EngineLoadsTests
{
    [Fact]
    public void TransposedConvolutionRunsForwardAndBackward()
    {
        using var scope = NewDisposeScope();
        var input = ones([1, 1, 2, 2], requires_grad: true);
        var weight = ones([1, 1, 3, 3], requires_grad: true);
        var output = nn.functional.conv_transpose2d(input, weight, strides: [2, 2]);
        output.sum().backward();

        Assert.Equal([1L, 1, 5, 5], output.shape);
        // Each input pixel spreads a 3x3 block of ones; the centre column and row overlap once: 4·9 values, 36.
        Assert.Equal(36.0, output.sum().item<float>(), 6);
        Assert.Equal(9.0, input.grad!.data<float>()[0], 6);
    }

    [Fact]
    public void NoTensorOutlivesItsScope()
    {
        var baseline = LiveTensors.Count;
        using (NewDisposeScope())
        {
            _ = ones(3) + ones(3);
        }

        Assert.Equal(baseline, LiveTensors.Count);
    }
}

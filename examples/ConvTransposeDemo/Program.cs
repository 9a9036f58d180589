// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using LayersFramework.Engine;
using LayersFramework.Examples;
using LayersFramework.Initializers;
using LayersFramework.Layers;
using LayersFramework.Ops;
using TorchSharp;
using static TorchSharp.torch;

// A DCGAN generator's up-sampling step on TorchSharp: our Conv2DTranspose layer at stride 2, forward and backward,
// timed; then gradients checked against finite differences in float64, for the TensorFlow op (uneven SAME padding)
// and for the layer with every argument in use. Exits with 1 if a gradient disagrees.
var batch = CommandLine.Positive("--batch", "Images per timed step", 64);
var steps = CommandLine.Positive("--steps", "Timed steps", 10);
var threads = CommandLine.OptionalPositive("--threads", "libtorch's intra-op threads [default: libtorch's choice]");
var command = new RootCommand("ConvTransposeDemo: one DCGAN up-sampling step through Conv2DTranspose, timed, then gradients checked against finite differences.")
{
    batch, steps, threads,
};
command.SetAction(parsed => Run(parsed.GetValue(batch), parsed.GetValue(steps), parsed.GetValue(threads)));
return CommandLine.Run(command, args);

static int Run(int batch, int steps, int? threads)
{
    if (threads is int count)
    {
        TorchRuntime.IntraOpThreads = count;
    }

    Console.WriteLine("LayersFramework runtime");
    Console.Write(TorchRuntime.Report());
    Console.WriteLine();

    RunLayerStep(batch, steps);
    Console.WriteLine();
    var opAgrees = CheckOpGradients();
    Console.WriteLine();
    var layerAgrees = CheckLayerGradients();
    return opAgrees && layerAgrees ? 0 : 1;
}

// (N, 256, 8, 8) -> (N, 128, 16, 16) with a 4x4 kernel, stride 2, "same" (libtorch's padding 1): the middle of a DCGAN generator.
static void RunLayerStep(int batch, int steps)
{
    const int InChannels = 256, OutChannels = 128, Size = 8, Kernel = 4;
    using var generator = new torch.Generator(1);
    using var input = normal(0, 1, [batch, InChannels, Size, Size], generator: generator).requires_grad_();
    using var layer = new Conv2DTranspose(
        OutChannels, Kernel, strides: 2, padding: "same", dataFormat: "channels_first", kernelInitializer: new RandomNormal(0, 0.02, seed: 1), name: "up");
    using (var build = NewDisposeScope())
    {
        layer.Call(input);
    }

    Console.WriteLine($"Conv2DTranspose forward + backward: input {Tuples.Format(input.shape)}, kernel {Tuples.Format(layer.Kernel!.Shape)}, stride 2, padding \"same\"");
    var times = new double[steps];
    for (var step = 0; step < steps; step++)
    {
        using var scope = NewDisposeScope();
        var watch = Stopwatch.StartNew();
        var output = layer.Call(input, training: true);
        var loss = output.square().mean();
        loss.backward();
        times[step] = watch.Elapsed.TotalSeconds;
        if (step == steps - 1)
        {
            var gradNorm = layer.Kernel!.Value.grad!.norm();
            Console.WriteLine($"  output {Tuples.Format(output.shape)}, loss {Format(loss.item<float>())}, |dL/dW| {Format(gradNorm.item<float>())}");
        }

        input.grad = null;
        layer.zero_grad();
    }

    // Forward and backward (input and weight gradients) are three products of the same size.
    var flops = 3.0 * 2 * batch * InChannels * OutChannels * Kernel * Kernel * Size * Size;
    var median = times.Skip(1).DefaultIfEmpty(times[0]).Order().ElementAt((times.Length - 1) / 2);
    Console.WriteLine($"  median step {Format(median * 1000)} ms over {steps} steps, {Format(flops / median / 1e9)} GFLOP/s");
}

// tf.nn.conv2d_transpose with SAME padding that splits unevenly (output 7 from input 4 at stride 2), float64.
static bool CheckOpGradients()
{
    using var scope = NewDisposeScope();
    using var generator = new torch.Generator(2);
    var value = randn([2, 4, 3, 3], ScalarType.Float64, generator: generator).requires_grad_();
    var filter = randn([3, 3, 2, 3], ScalarType.Float64, generator: generator).requires_grad_();
    var projection = randn([2, 7, 5, 2], ScalarType.Float64, generator: generator);
    Tensor Loss() => (Nn.Conv2DTranspose(value, filter, outputShape: [2, 7, 5, 2], strides: [1, 2, 2, 1], padding: "SAME") * projection).sum();

    Console.WriteLine("gradient check: Nn.Conv2DTranspose, NHWC (2, 4, 3, 3) -> (2, 7, 5, 2), stride 2, SAME (uneven), float64");
    return GradientsAgree(Loss, [value, filter], ["value", "filter"]);
}

// The layer with every argument in use: stride (2, 1), output padding (1, 0), dilation (1, 2), groups 2, bias,
// channels_first; gradients of its input and of its own parameters (the kernel and bias autograd reaches).
static bool CheckLayerGradients()
{
    using var scope = NewDisposeScope();
    using var generator = new torch.Generator(3);
    using var layer = new Conv2DTranspose(
        6, [3, 2], strides: [2, 1], padding: "valid", outputPadding: [1, 0], dilationRate: [1, 2], groups: 2,
        dataFormat: "channels_first", biasInitializer: "random_normal", name: "checked");
    layer.to(ScalarType.Float64);
    var input = randn([2, 4, 3, 3], ScalarType.Float64, generator: generator).requires_grad_();
    var projection = randn(layer.Call(input).shape, ScalarType.Float64, generator: generator);
    Tensor Loss() => (layer.Call(input) * projection).sum();

    Console.WriteLine($"gradient check: Conv2DTranspose layer {Tuples.Format(input.shape)} -> {Tuples.Format(projection.shape)}, stride (2, 1), output padding (1, 0), dilation (1, 2), groups 2, bias, channels_first, float64");
    return GradientsAgree(Loss, [input, layer.Kernel!.Value, layer.Bias!.Value], ["input", "kernel", "bias"]);
}

// Autograd's gradient of a scalar loss with respect to each leaf tensor, against central differences: each element
// of the leaf is moved by ±1e−6 in place (outside autograd), then the leaf gets its values back.
static bool GradientsAgree(Func<Tensor> loss, Tensor[] leaves, string[] names)
{
    var analytic = autograd.grad([loss()], leaves);
    var worst = 0.0;
    for (var i = 0; i < leaves.Length; i++)
    {
        var computed = analytic[i].contiguous().data<double>().ToArray();
        var error = 0.0;
        for (var j = 0; j < computed.Length; j++)
        {
            var numeric = (LossWith(leaves[i], j, 1e-6) - LossWith(leaves[i], j, -1e-6)) / 2e-6;
            error = Math.Max(error, Math.Abs(numeric - computed[j]) / Math.Max(1, Math.Abs(numeric)));
        }

        Console.WriteLine($"  d loss / d {names[i],-6} {computed.Length,4} elements, largest relative difference {error:E2}");
        worst = Math.Max(worst, error);
    }

    var agree = worst < 1e-6;
    Console.WriteLine(agree ? "  gradients agree with finite differences" : "  GRADIENTS DISAGREE with finite differences");
    return agree;

    double LossWith(Tensor leaf, long element, double delta)
    {
        using var inner = NewDisposeScope();
        using var noGrad = no_grad();
        var original = leaf.clone();
        var step = zeros(leaf.shape, leaf.dtype);
        step.view(-1)[element].fill_(delta);
        leaf.add_(step);
        var value = loss().item<double>();
        leaf.copy_(original);
        return value;
    }
}

static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

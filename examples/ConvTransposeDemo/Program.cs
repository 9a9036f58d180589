// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using LayersFramework.Torch;

// A DCGAN generator's up-sampling step through the binding: a stride-2 transposed convolution, forward and
// backward, timed; then the same operation's gradients checked against finite differences in float64.
// Exits with 1 if a gradient disagrees.
var options = DemoOptions.Parse(args);
if (options is null)
{
    Console.WriteLine("usage: ConvTransposeDemo [--batch N] [--steps N] [--threads N]");
    return 2;
}

if (options.Threads is int threads)
{
    TorchRuntime.IntraOpThreads = threads;
}

var report = TorchRuntime.Report();
Console.WriteLine("LayersFramework runtime");
Console.Write(report);
Console.WriteLine();

RunLayerStep(options.Batch, options.Steps);
Console.WriteLine();
var gradientsAgree = CheckGradients();

if (report.Blas.IsReference)
{
    Console.WriteLine();
    Console.WriteLine(RuntimeReport.ReferenceBlasWarning);
}

return gradientsAgree ? 0 : 1;

// (N, 256, 8, 8) -> (N, 128, 16, 16) with a 4x4 kernel, stride 2, padding 1: the middle of a DCGAN generator.
static void RunLayerStep(int batch, int steps)
{
    const int InChannels = 256, OutChannels = 128, Size = 8, Kernel = 4;
    using var generator = new Generator(seed: 1);
    using var input = Tensor.Normal([batch, InChannels, Size, Size], 0, 1, generator).WithRequiresGrad();
    using var weight = Tensor.Normal([InChannels, OutChannels, Kernel, Kernel], 0, 0.02, generator).WithRequiresGrad();
    using var bias = Tensor.Zeros([OutChannels]).WithRequiresGrad();

    Console.WriteLine($"conv_transpose2d forward + backward: input {Tuples.Format(input.Shape)}, weight {Tuples.Format(weight.Shape)}, stride 2, padding 1");
    var times = new double[steps];
    for (var step = 0; step < steps; step++)
    {
        using var scope = new DisposeScope();
        var watch = Stopwatch.StartNew();
        var output = Functional.ConvTranspose2d(input, weight, bias, stride: [2, 2], padding: [1, 1]);
        var loss = output.Square().Mean();
        loss.Backward();
        times[step] = watch.Elapsed.TotalSeconds;
        if (step == steps - 1)
        {
            using var weightGrad = weight.Grad()!;
            using var gradNorm = weightGrad.Norm();
            Console.WriteLine($"  output {Tuples.Format(output.Shape)}, loss {Format(loss.Item())}, |dL/dW| {Format(gradNorm.Item())}");
        }

        input.ZeroGrad();
        weight.ZeroGrad();
        bias.ZeroGrad();
    }

    // Forward and backward (input and weight gradients) are three products of the same size.
    var flops = 3.0 * 2 * batch * InChannels * OutChannels * Kernel * Kernel * Size * Size;
    var median = times.Skip(1).DefaultIfEmpty(times[0]).Order().ElementAt((times.Length - 1) / 2);
    Console.WriteLine($"  median step {Format(median * 1000)} ms over {steps} steps, {Format(flops / median / 1e9)} GFLOP/s");
}

// Gradients of a small conv_transpose2d with every argument in use, against central differences in float64.
static bool CheckGradients()
{
    using var scope = new DisposeScope();
    using var generator = new Generator(seed: 2);
    var input = Tensor.Randn([2, 4, 3, 3], generator, ScalarType.Float64).WithRequiresGrad();
    var weight = Tensor.Randn([4, 3, 3, 2], generator, ScalarType.Float64).WithRequiresGrad();
    var bias = Tensor.Randn([6], generator, ScalarType.Float64).WithRequiresGrad();
    Tensor Forward(Tensor x, Tensor w, Tensor b) =>
        Functional.ConvTranspose2d(x, w, b, stride: [2, 1], padding: [1, 0], outputPadding: [1, 0], groups: 2, dilation: [1, 2]);

    var projection = Tensor.Randn(Forward(input, weight, bias).Shape, generator, ScalarType.Float64);
    var loss = (Forward(input, weight, bias) * projection).Sum();
    var analytic = Autograd.Grad([loss], [input, weight, bias]);

    Console.WriteLine("gradient check: conv_transpose2d, stride (2, 1), padding (1, 0), output padding (1, 0), groups 2, dilation (1, 2), float64");
    var worst = 0.0;
    Tensor[] parameters = [input, weight, bias];
    string[] names = ["input", "weight", "bias"];
    for (var i = 0; i < parameters.Length; i++)
    {
        var values = parameters[i].ToArray<double>();
        var computed = analytic[i]!.ToArray<double>();
        var error = 0.0;
        for (var j = 0; j < values.Length; j++)
        {
            var numeric = (LossWith(i, j, 1e-6) - LossWith(i, j, -1e-6)) / 2e-6;
            error = Math.Max(error, Math.Abs(numeric - computed[j]) / Math.Max(1, Math.Abs(numeric)));
        }

        Console.WriteLine($"  d loss / d {names[i],-6} {values.Length,4} elements, largest relative difference {error:E2}");
        worst = Math.Max(worst, error);

        double LossWith(int parameter, int element, double delta)
        {
            using var inner = new DisposeScope();
            var perturbed = parameters[parameter].ToArray<double>();
            perturbed[element] += delta;
            var arguments = parameters.Select((p, k) => k == parameter ? Tensor.FromArray(perturbed, p.Shape) : p.Detach()).ToArray();
            return (Forward(arguments[0], arguments[1], arguments[2]) * projection).Sum().Item();
        }
    }

    var agree = worst < 1e-6;
    Console.WriteLine(agree ? "  gradients agree with finite differences" : "  GRADIENTS DISAGREE with finite differences");
    return agree;
}

static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

/// <summary>The demo's command-line options.</summary>
internal sealed record DemoOptions(int Batch, int Steps, int? Threads)
{
    public static DemoOptions? Parse(string[] args)
    {
        var options = new DemoOptions(Batch: 64, Steps: 10, Threads: null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed : (int?)null;
            switch (args[i])
            {
                case "--batch" when value is int batch: options = options with { Batch = batch }; i++; break;
                case "--steps" when value is int steps: options = options with { Steps = steps }; i++; break;
                case "--threads" when value is int count: options = options with { Threads = count }; i++; break;
                default: return null;
            }
        }

        return options;
    }
}

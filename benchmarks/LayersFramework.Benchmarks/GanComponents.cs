// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LayersFramework.Layers;
using LayersFramework.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Benchmarks;

/// <summary>
/// Breaks the FashionGan step (<see cref="GanStepPair"/>) into its parts and times each against its TorchSharp
/// counterpart on the step's shapes: every layer forward and backward (ours on NHWC tensors as Keras lays them out,
/// TorchSharp's module on NCHW tensors), the loss, and one optimizer step over the generator's weights. It says where
/// the step's time goes on each side, which the whole-step benchmark cannot.
/// </summary>
internal static class GanComponents
{
    private const int Batch = GanStepPair.Batch;

    /// <summary>Runs the breakdown.</summary>
    /// <param name="reps">Timed runs per side per round.</param>
    /// <param name="rounds">Alternating rounds.</param>
    /// <returns>The exit code.</returns>
    public static int Run(int reps, int rounds)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(Runtime.Describe());
        Console.WriteLine(string.Create(invariant, $"FashionGan's parts at batch {Batch}, forward+backward (optimizer: one step), ours vs TorchSharp: {rounds} alternating rounds of {reps} runs per side (medians)."));
        Console.WriteLine();
        Console.WriteLine($"{"part",-44} {"ours ms",8} {"torch ms",8} {"speedup",7}");
        var total = (Ours: 0.0, Theirs: 0.0);
        foreach (var part in Parts())
        {
            using (part)
            {
                var (ours, theirs) = part.Time(reps, rounds);
                total = (total.Ours + ours, total.Theirs + theirs);
                Console.WriteLine(string.Create(invariant, $"{part.Name,-44} {ours,8:F2} {theirs,8:F2} {theirs / ours,6:F2}x"));
            }
        }

        Console.WriteLine(string.Create(invariant, $"{"sum of the parts",-44} {total.Ours,8:F2} {total.Theirs,8:F2} {total.Theirs / total.Ours,6:F2}x"));
        return 0;
    }

    private static IEnumerable<Part> Parts()
    {
        yield return new LayerPart("Dense 100->6272, no bias", new Dense(6272, useBias: false), [Batch, 100], nn.Linear(100, 6272, hasBias: false), [Batch, 100]);
        yield return new LayerPart("BatchNormalization (64, 6272), training", new BatchNormalization(), [Batch, 6272], nn.BatchNorm1d(6272, eps: 1e-3, momentum: 0.01), [Batch, 6272]);
        yield return new LayerPart("Conv2DTranspose 128->64, 7->14, k4 s2", new Conv2DTranspose(64, 4, strides: 2, padding: "same", useBias: false), [Batch, 7, 7, 128], nn.ConvTranspose2d(128, 64, 4, stride: 2, padding: 1, bias: false), [Batch, 128, 7, 7]);
        yield return new LayerPart("BatchNormalization (64, 14, 14, 64), training", new BatchNormalization(), [Batch, 14, 14, 64], nn.BatchNorm2d(64, eps: 1e-3, momentum: 0.01), [Batch, 64, 14, 14]);
        yield return new LayerPart("ReLU (64, 14, 14, 64)", new ReLU(), [Batch, 14, 14, 64], nn.ReLU(), [Batch, 64, 14, 14]);
        yield return new LayerPart("Conv2DTranspose 64->1, 14->28, k4 s2, tanh", new Conv2DTranspose(1, 4, strides: 2, padding: "same", activation: "tanh"), [Batch, 14, 14, 64], nn.Sequential(nn.ConvTranspose2d(64, 1, 4, stride: 2, padding: 1), nn.Tanh()), [Batch, 64, 14, 14]);
        yield return new LayerPart("Conv2D 1->64, 28->14, k4 s2", new Conv2D(64, 4, strides: 2, padding: "same"), [Batch, 28, 28, 1], nn.Conv2d(1, 64, 4, stride: 2, padding: 1), [Batch, 1, 28, 28]);
        yield return new LayerPart("LeakyReLU (64, 14, 14, 64)", new LeakyReLU(0.2), [Batch, 14, 14, 64], nn.LeakyReLU(0.2), [Batch, 64, 14, 14]);
        yield return new LayerPart("Conv2D 64->128, 14->7, k4 s2, no bias", new Conv2D(128, 4, strides: 2, padding: "same", useBias: false), [Batch, 14, 14, 64], nn.Conv2d(64, 128, 4, stride: 2, padding: 1, bias: false), [Batch, 64, 14, 14]);
        yield return new LayerPart("BatchNormalization (64, 7, 7, 128), training", new BatchNormalization(), [Batch, 7, 7, 128], nn.BatchNorm2d(128, eps: 1e-3, momentum: 0.01), [Batch, 128, 7, 7]);
        yield return new LayerPart("Dense 6272->1", new Dense(1), [Batch, 6272], nn.Linear(6272, 1), [Batch, 6272]);
        yield return new LossPart();
        yield return new OptimizerPart();
    }

    /// <summary>One part of the step on both sides.</summary>
    private abstract class Part(string name) : IDisposable
    {
        public string Name { get; } = name;

        /// <summary>Times both sides in turns after one warm-up run each.</summary>
        public (double Ours, double Theirs) Time(int reps, int rounds)
        {
            RunOurs();
            RunTheirs();
            var ours = new List<double>();
            var theirs = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                ours.AddRange(Enumerable.Range(0, reps).Select(_ => Measurement.Milliseconds(RunOurs)));
                theirs.AddRange(Enumerable.Range(0, reps).Select(_ => Measurement.Milliseconds(RunTheirs)));
            }

            return (Measurement.Median(ours), Measurement.Median(theirs));
        }

        public abstract void Dispose();

        protected abstract void RunOurs();

        protected abstract void RunTheirs();
    }

    /// <summary>A layer's forward and backward pass with a dense upstream gradient, gradients for the input and the weights.</summary>
    private sealed class LayerPart : Part
    {
        private readonly Layer ours;
        private readonly nn.Module<Tensor, Tensor> theirs;
        private readonly Tensor oursInput;
        private readonly Tensor theirsInput;

        public LayerPart(string name, Layer ours, long[] oursShape, nn.Module<Tensor, Tensor> theirs, long[] theirsShape)
            : base(name)
        {
            (this.ours, this.theirs) = (ours, theirs);
            oursInput = randn(oursShape).requires_grad_().DetachFromDisposeScope();
            theirsInput = randn(theirsShape).requires_grad_().DetachFromDisposeScope();
            ours.Build([.. oursShape.Select(size => (long?)size)]);
        }

        public override void Dispose()
        {
            ours.Dispose();
            theirs.Dispose();
            oursInput.Dispose();
            theirsInput.Dispose();
        }

        protected override void RunOurs() => Run(() => ours.Call(oursInput, training: true), ours, oursInput);

        protected override void RunTheirs() => Run(() => theirs.call(theirsInput), theirs, theirsInput);

        private static void Run(Func<Tensor> forward, nn.Module module, Tensor input)
        {
            using var scope = NewDisposeScope();
            var output = forward();
            output.backward([ones_like(output)]);
            module.zero_grad();
            input.grad = null;
        }
    }

    /// <summary>The discriminator's loss on 64 logits: Keras's binary cross-entropy from logits, and TorchSharp's.</summary>
    private sealed class LossPart() : Part("binary cross-entropy from 64 logits")
    {
        private readonly BinaryCrossentropy loss = new(fromLogits: true);
        private readonly Tensor logits = randn(Batch, 1).requires_grad_().DetachFromDisposeScope();
        private readonly Tensor targets = full(Batch, 1, 0.9f).DetachFromDisposeScope();

        public override void Dispose()
        {
            logits.Dispose();
            targets.Dispose();
        }

        protected override void RunOurs()
        {
            using var scope = NewDisposeScope();
            loss.Compute(targets, logits).backward();
            logits.grad = null;
        }

        protected override void RunTheirs()
        {
            using var scope = NewDisposeScope();
            nn.functional.binary_cross_entropy_with_logits(logits, targets).backward();
            logits.grad = null;
        }
    }

    /// <summary>One Adam step over the generator's weights (Keras's Adam, and torch.optim.Adam), with gradients in place.</summary>
    private sealed class OptimizerPart : Part
    {
        private readonly Sequential model;
        private readonly Adam ours = new(2e-4, beta1: 0.5);
        private readonly optim.Optimizer theirs;

        public OptimizerPart()
            : base("Adam step over the generator's 9 weights")
        {
            model = new Sequential(
                [
                    new Dense(6272, useBias: false), new BatchNormalization(), new Reshape([7, 7, 128]),
                    new Conv2DTranspose(64, 4, strides: 2, padding: "same", useBias: false), new BatchNormalization(),
                    new Conv2DTranspose(1, 4, strides: 2, padding: "same"),
                ],
                inputShape: [null, 100]);
            using (var scope = NewDisposeScope())
            {
                model.Call(randn(Batch, 100), training: true).square().sum().backward();
            }

            theirs = optim.Adam(model.parameters(), lr: 2e-4, beta1: 0.5, beta2: 0.999, eps: 1e-7);
        }

        public override void Dispose()
        {
            ours.Dispose();
            theirs.Dispose();
            model.Dispose();
        }

        protected override void RunOurs()
        {
            using var scope = NewDisposeScope();
            ours.Step(model.TrainableWeights);
        }

        protected override void RunTheirs()
        {
            using var scope = NewDisposeScope();
            theirs.step();
        }
    }
}

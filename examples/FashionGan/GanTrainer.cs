// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using LayersFramework.Distributed;
using LayersFramework.Layers;
using LayersFramework.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Examples.FashionGan;

/// <summary>
/// The DCGAN training loop: per step, a discriminator update on real images (target 0.9, one-sided label smoothing)
/// and generated ones (target 0), then a generator update towards the discriminator's "real"; Adam(2e−4, β₁ 0.5)
/// for both, as the DCGAN paper trains. After each epoch: a grid of samples from fixed noise, the loss plot, and a
/// checkpoint of both models and optimizers in one file, with the random generator's state, so that a resumed run
/// draws the orders and noise an uninterrupted one would and goes on exactly as it would have.
/// </summary>
/// <remarks>
/// <para>
/// Data-parallel over several processes (<see cref="DataParallel"/>): every rank draws the same order and noise,
/// computes its share of each global batch, and averages the gradients before each optimizer step, so that every
/// rank keeps the same weights; batch normalization uses each rank's share (see <see cref="DataParallel"/>). The
/// losses shown are the global batch's. Only rank 0 writes files.
/// </para>
/// <para>
/// <remarks>
/// Every step runs in its own TorchSharp dispose scope, which frees the batch, the activations, the gradients' handles
/// and the losses when the step ends; the weights (the layers' parameters), the optimizers' moments and the fixed
/// noise are detached from every scope and live until <see cref="Dispose"/>.
/// </para>
/// </remarks>
internal sealed class GanTrainer : IDisposable
{
    private readonly GanOptions options;
    private readonly TextWriter output;
    private readonly BinaryCrossentropy loss = new(fromLogits: true);
    private readonly torch.Generator random;
    private readonly Tensor fixedNoise;
    private readonly string? plotFont;
    private readonly DataParallel? parallel;

    /// <summary>Creates the models, optimizers and fixed sample noise; builds the models.</summary>
    /// <param name="options">The options.</param>
    /// <param name="output">Where progress goes.</param>
    /// <param name="fontFolders">Where to look for the loss plot's font; <see cref="LossPlot.FontFolders"/> unless given.</param>
    /// <param name="parallel">The data-parallel ranks, or null to train alone.</param>
    public GanTrainer(GanOptions options, TextWriter output, IEnumerable<string>? fontFolders = null, DataParallel? parallel = null)
    {
        this.options = options;
        this.output = output;
        this.parallel = parallel;
        plotFont = LossPlot.FindFont(fontFolders ?? LossPlot.FontFolders);
        if (plotFont is null && IsRoot)
        {
            output.WriteLine(LossPlot.NoFontMessage);
        }

        random = new torch.Generator(options.Seed + 1);
        Generator = Dcgan.Generator(options.Width);
        Discriminator = Dcgan.Discriminator(options.Width);
        using (var scope = NewDisposeScope())
        {
            Discriminator.Call(Generator.Call(zeros(1, Dcgan.NoiseSize)));
        }

        parallel?.BroadcastWeights(Generator);
        parallel?.BroadcastWeights(Discriminator);
        GeneratorOptimizer = new Adam(2e-4, beta1: 0.5);
        DiscriminatorOptimizer = new Adam(2e-4, beta1: 0.5);
        fixedNoise = randn([64, Dcgan.NoiseSize], generator: random).DetachFromDisposeScope();
    }

    /// <summary>Gets the generator.</summary>
    public Sequential Generator { get; }

    /// <summary>Gets the discriminator.</summary>
    public Sequential Discriminator { get; }

    /// <summary>Gets the generator's optimizer.</summary>
    public Adam GeneratorOptimizer { get; }

    /// <summary>Gets the discriminator's optimizer.</summary>
    public Adam DiscriminatorOptimizer { get; }

    /// <summary>Gets the discriminator's loss at every step.</summary>
    public List<double> DiscriminatorLosses { get; } = [];

    /// <summary>Gets the generator's loss at every step.</summary>
    public List<double> GeneratorLosses { get; } = [];

    private string CheckpointPath => Path.Combine(options.Output, "checkpoint.safetensors");

    private bool IsRoot => parallel?.World.IsRoot ?? true;

    /// <summary>One training step on a global batch of real images (of which this rank takes its share).</summary>
    /// <param name="real">Real images (batch, 28, 28, 1) in [−1, 1].</param>
    /// <returns>The two losses, the global batch's means.</returns>
    public (double Discriminator, double Generator) Step(Tensor real)
    {
        using var scope = NewDisposeScope();
        var globalBatch = real.size(0);
        var (start, batch) = parallel?.ShareOf(globalBatch) ?? (0, globalBatch);
        real = real.narrow(0, start, batch);
        var noise = randn([globalBatch, Dcgan.NoiseSize], generator: random).narrow(0, start, batch); // the same draws as one process
        var fake = Generator.Call(noise, training: true);

        Optimizer.ZeroGradients(Discriminator.TrainableWeights);
        var onReal = Discriminator.Call(real, training: true);
        var onFake = Discriminator.Call(fake.detach(), training: true);
        var discriminatorLoss = loss.Compute(full(batch, 1, 0.9), onReal) + loss.Compute(zeros(batch, 1), onFake);
        discriminatorLoss.backward();
        parallel?.AverageGradients(Discriminator.TrainableWeights, batch, globalBatch);
        DiscriminatorOptimizer.Step(Discriminator.TrainableWeights);

        Optimizer.ZeroGradients(Generator.TrainableWeights);
        var generatorLoss = loss.Compute(ones(batch, 1), Discriminator.Call(fake, training: true));
        generatorLoss.backward();
        parallel?.AverageGradients(Generator.TrainableWeights, batch, globalBatch);
        GeneratorOptimizer.Step(Generator.TrainableWeights);

        var losses = stack([discriminatorLoss.detach(), generatorLoss.detach()]).to_type(ScalarType.Float64);
        if (parallel is not null)
        {
            parallel.SynchronizeMovingStatistics(Generator);
            parallel.SynchronizeMovingStatistics(Discriminator);
            losses.mul_((double)batch / globalBatch);
            parallel.World.AllReduceSum(losses);
        }

        var values = losses.data<double>().ToArray();
        DiscriminatorLosses.Add(values[0]);
        GeneratorLosses.Add(values[1]);
        return (values[0], values[1]);
    }

    /// <summary>
    /// Trains for the options' epochs (from the checkpoint's position, with --resume), saving samples, plot and
    /// checkpoint after each; or until <paramref name="interrupt"/> is set, then after the step in progress, saving the
    /// checkpoint and the loss history there so that --resume goes on from that step.
    /// </summary>
    /// <param name="images">The training images (count, 28, 28, 1).</param>
    /// <param name="interrupt">
    /// A request to stop (Ctrl-C), checked after each step. Alone only: the ranks of a data-parallel job would each
    /// see it at a different step, and stop out of step.
    /// </param>
    /// <returns>True when every epoch is done; false when <paramref name="interrupt"/> stopped the run.</returns>
    public bool Train(Tensor images, CancellationToken interrupt = default)
    {
        var count = (int)images.size(0);
        var steps = count / options.BatchSize;
        if (steps == 0)
        {
            throw new ArgumentException($"--batch-size {options.BatchSize} is more than the {count} training images.");
        }

        if (IsRoot)
        {
            CheckWritable(options.Output);
        }

        var resumed = options.Resume ? ResumeFrom(steps) : TrainingPosition.Start;
        var stepsRun = 0;
        var finished = true;
        TrainingProgress.Run(output, options.Epochs, steps, options.BatchSize, progress =>
        {
            for (var epoch = resumed.Epoch + 1; epoch <= options.Epochs; epoch++)
            {
                var orderRandom = GeneratorState.Save(random);
                using var order = randperm(count, generator: random);
                var firstStep = 1;
                if (epoch == resumed.Epoch + 1 && resumed.Step > 0)
                {
                    // The order is the interrupted epoch's (ResumeFrom set the generator where it was drawn); the noise goes on after its last step.
                    GeneratorState.Restore(random, resumed.Random!, CheckpointPath);
                    firstStep = resumed.Step + 1;
                }

                for (var step = firstStep; step <= steps; step++)
                {
                    using var scope = NewDisposeScope();
                    var indices = order.narrow(0, (long)(step - 1) * options.BatchSize, options.BatchSize);
                    var (d, g) = Step(images.index_select(0, indices));
                    stepsRun++;
                    progress.Report(epoch, step, string.Create(CultureInfo.InvariantCulture, $"D {d:F3}  G {g:F3}"));
                    if (interrupt.IsCancellationRequested && step < steps)
                    {
                        if (IsRoot)
                        {
                            SaveCheckpoint(new TrainingPosition(epoch - 1, step, GeneratorState.Save(random), orderRandom));
                            SaveHistory();
                        }

                        progress.WriteLine(Interrupted(epoch, step));
                        finished = false;
                        return;
                    }
                }

                if (IsRoot)
                {
                    progress.WriteLine(SaveEpoch(epoch, steps));
                }

                if (interrupt.IsCancellationRequested && epoch < options.Epochs)
                {
                    progress.WriteLine(Interrupted(epoch, steps));
                    finished = false;
                    return;
                }
            }
        });

        if (parallel is not null && IsRoot)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Data-parallel over {parallel.World.Size} processes: gradient all-reduces took {parallel.AllReduceTime.TotalMilliseconds / Math.Max(1, stepsRun):F2} ms per step ({parallel.AllReduceBytes / (double)Math.Max(1, stepsRun) / 1e6:F2} MB in {parallel.AllReduceCount / (double)Math.Max(1, stepsRun):F0} all-reduces per step)."));
        }

        return finished;
    }

    /// <summary>Frees the models, optimizers and noise.</summary>
    public void Dispose()
    {
        Generator.Dispose();
        Discriminator.Dispose();
        GeneratorOptimizer.Dispose();
        DiscriminatorOptimizer.Dispose();
        fixedNoise.Dispose();
        random.Dispose();
    }

    /// <summary>Fails at once, naming the folder, when the output folder cannot be written, rather than after an epoch of training.</summary>
    private static void CheckWritable(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            using (File.Create(Path.Combine(folder, $".write-test-{Guid.NewGuid():N}"), 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The output folder {Path.GetFullPath(folder)} cannot be written ({e.Message}); give --output a folder you can write to.", e);
        }
    }

    /// <summary>Saves the epoch's checkpoint, then the losses, samples and plot: the history never runs ahead of the checkpoint a resume starts from.</summary>
    /// <returns>The line that says so.</returns>
    private string SaveEpoch(int epoch, int stepsPerEpoch)
    {
        SaveCheckpoint(new TrainingPosition(epoch, 0, GeneratorState.Save(random), null));
        SaveHistory();
        SaveFile($"samples-epoch-{epoch:D2}.png", path =>
        {
            using var scope = NewDisposeScope();
            using var noGradients = no_grad();
            ImageGrid.Save(path, Generator.Call(fixedNoise), columns: 8);
        });
        if (plotFont is not null)
        {
            SaveFile("losses.png", path => LossPlot.Save(
                path,
                [("discriminator", ScottPlot.Colors.Red, DiscriminatorLosses), ("generator", ScottPlot.Colors.Blue, GeneratorLosses)],
                stepsPerEpoch,
                plotFont));
        }

        var recent = Math.Min(DiscriminatorLosses.Count, stepsPerEpoch);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"epoch {epoch}: mean losses D {DiscriminatorLosses.TakeLast(recent).Average():F3}, G {GeneratorLosses.TakeLast(recent).Average():F3}; saved samples-epoch-{epoch:D2}.png, {(plotFont is null ? "losses.csv (no font for losses.png)" : "losses.png")} and checkpoint.safetensors in {options.Output}");
    }

    /// <summary>Saves both models, both optimizers and the position to the checkpoint.</summary>
    private void SaveCheckpoint(TrainingPosition position) =>
        SaveFile(Path.GetFileName(CheckpointPath), path => Checkpoint.Save(
            path,
            [new CheckpointPart("generator", Generator, GeneratorOptimizer), new CheckpointPart("discriminator", Discriminator, DiscriminatorOptimizer)],
            position.ToMetadata()));

    /// <summary>Saves every step's losses to losses.csv; --resume reads back as many rows as its checkpoint has steps.</summary>
    private void SaveHistory() =>
        SaveFile("losses.csv", path => AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.WriteLine("step,discriminator,generator");
            for (var i = 0; i < DiscriminatorLosses.Count; i++)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1},{DiscriminatorLosses[i]:R},{GeneratorLosses[i]:R}"));
            }
        }));

    /// <summary>
    /// Writes <paramref name="file"/> in the output folder (atomically, as every save here); a full disk or a folder
    /// turned read-only becomes one message that names the folder and says what is still saved, rather than the
    /// system's message about a temporary file.
    /// </summary>
    private void SaveFile(string file, Action<string> write)
    {
        try
        {
            write(Path.Combine(options.Output, file));
        }
        catch (IOException e) when (DiskFault.Describe(e, Path.GetFullPath(options.Output)) is ({ } what, { } remedy))
        {
            // The checkpoint is saved first, so a failure after it leaves it saved; a failed one leaves the previous.
            var kept = file != Path.GetFileName(CheckpointPath) ? $"{file} is not saved, but checkpoint.safetensors is"
                : File.Exists(CheckpointPath) ? "the previous checkpoint is intact"
                : "there is no checkpoint yet";
            var then = File.Exists(CheckpointPath) ? $"{remedy} and run again with --resume" : $"{remedy} and run again";
            throw new IOException($"{what} while saving {file}; {kept}: {then}.", e);
        }
    }

    /// <summary>The line an interrupted run ends with.</summary>
    private string Interrupted(int epoch, int step) => string.Create(
        CultureInfo.InvariantCulture,
        $"Interrupted after step {step} of epoch {epoch}; saved checkpoint.safetensors and losses.csv in {options.Output}; resume with --resume.");

    /// <summary>Loads the checkpoint and the history up to it, and puts the random generator where the run left it.</summary>
    /// <returns>Where the run stopped.</returns>
    private TrainingPosition ResumeFrom(int stepsPerEpoch)
    {
        if (!File.Exists(CheckpointPath))
        {
            throw new FileNotFoundException($"--resume: there is no checkpoint at {CheckpointPath}; run without --resume first.");
        }

        var metadata = Checkpoint.Load(
            CheckpointPath,
            [new CheckpointPart("generator", Generator, GeneratorOptimizer), new CheckpointPart("discriminator", Discriminator, DiscriminatorOptimizer)]);
        var position = TrainingPosition.Read(metadata, stepsPerEpoch, CheckpointPath);
        // Mid-epoch, from where the epoch's order was drawn (Train moves on to the noise's state after drawing it).
        // Checkpoints from before the generator's state was saved (the old engine's too) go on with a freshly seeded one.
        if ((position.Step > 0 ? position.OrderRandom : position.Random) is string saved)
        {
            GeneratorState.Restore(random, saved, CheckpointPath);
        }

        var history = Path.Combine(options.Output, "losses.csv");
        if (File.Exists(history))
        {
            // The checkpoint's steps only: a history written by a run that failed to save its next checkpoint is cut.
            var number = 1;
            foreach (var line in File.ReadLines(history).Skip(1).Take(position.StepsDone(stepsPerEpoch)))
            {
                number++;
                var fields = line.Split(',');
                if (fields.Length != 3
                    || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var discriminator)
                    || !double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var generator))
                {
                    throw new InvalidDataException($"--resume: {history} line {number} is \"{line}\", not \"step,discriminator,generator\": fix or delete the file (the plot then starts at the resumed epoch).");
                }

                DiscriminatorLosses.Add(discriminator);
                GeneratorLosses.Add(generator);
            }
        }

        if (parallel is not null)
        {
            // Every rank reads the checkpoint itself; on several machines they must read the same one.
            var stepsDone = position.StepsDone(stepsPerEpoch);
            using var sum = tensor(new long[] { stepsDone });
            parallel.World.AllReduceSum(sum);
            if (sum.item<long>() != (long)stepsDone * parallel.World.Size)
            {
                throw new InvalidDataException(
                    $"--resume: rank {parallel.World.Rank} read a checkpoint {position} ({stepsDone} steps) from {CheckpointPath}, but the ranks' steps add up to {sum.item<long>()}, not {(long)stepsDone * parallel.World.Size}: give every machine the same checkpoint (a shared folder, or a copy).");
            }
        }

        output.WriteLine($"Resumed from {CheckpointPath} {position}.");
        return position;
    }
}

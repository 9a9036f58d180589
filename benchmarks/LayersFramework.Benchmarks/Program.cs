// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.CommandLine;
using LayersFramework.Benchmarks;
using LayersFramework.Examples;

// One subcommand per benchmark; --help lists them, and each subcommand's --help its options and defaults.
var noMemory = new Option<bool>("--no-memory") { Description = "Skip the peak-memory probes, which start a short process per shape, layout and side" };

var reps = CommandLine.Positive("--reps", "Timed runs per side per round", 5);
var rounds = CommandLine.Positive("--rounds", "Alternating rounds", 3);
var filter = new Option<string?>("--filter") { Description = "Only the shapes whose names contain this text [default: every shape]", HelpName = "TEXT" };
var convTranspose = new Command("convtranspose", "Our Conv{1,2,3}DTranspose layers against TorchSharp's nn.ConvTranspose{1,2,3}d on the suite, in three memory layouts") { reps, rounds, filter, noMemory };
convTranspose.SetAction(parsed => ConvTransposeSuite.Run(parsed.GetValue(reps), parsed.GetValue(rounds), parsed.GetValue(filter), !parsed.GetValue(noMemory)));

var steps = CommandLine.Positive("--steps", "Timed steps per side per round", 10);
var stepRounds = CommandLine.Positive("--rounds", "Alternating rounds", 5);
var ganStep = new Command("gan-step", "One FashionGan training step, ours against the same network in plain TorchSharp") { steps, stepRounds, noMemory };
ganStep.SetAction(parsed => GanStep.Run(parsed.GetValue(steps), parsed.GetValue(stepRounds), !parsed.GetValue(noMemory)));

var partReps = CommandLine.Positive("--reps", "Timed runs per side per round", 10);
var partRounds = CommandLine.Positive("--rounds", "Alternating rounds", 3);
var ganParts = new Command("gan-parts", "The GAN step's layers, loss and optimizer step one by one, ours against TorchSharp") { partReps, partRounds };
ganParts.SetAction(parsed => GanComponents.Run(parsed.GetValue(partReps), parsed.GetValue(partRounds)));

var overheadRounds = CommandLine.Positive("--rounds", "Alternating rounds of 500 calls per side", 7);
var overhead = new Command("overhead", "The per-call cost of our layer beyond TorchSharp's module on a tiny shape") { overheadRounds };
overhead.SetAction(parsed => CallOverhead.Run(parsed.GetValue(overheadRounds)));

var size = CommandLine.Positive("--size", "The matrices' size n (n x n)", 1024);
var matmul = new Command("matmul", "sgemm GFLOP/s of a float32 matrix product") { size };
matmul.SetAction(parsed => MatmulThroughput.Run(parsed.GetValue(size)));

var checkpointReps = CommandLine.Positive("--reps", "Timed saves and loads per way", 10);
var checkpoint = new Command("checkpoint", "Saving and loading FashionGan's checkpoint, both formats, against TorchSharp's module.save/load") { checkpointReps };
checkpoint.SetAction(parsed => CheckpointSpeed.Run(parsed.GetValue(checkpointReps)));

var megabytes = new Option<double>("--megabytes") { Description = "The buffer's size: FashionGan's gradients are 3.64 MB per step", DefaultValueFactory = _ => 3.64, HelpName = "MB" };
var allReduceReps = CommandLine.Positive("--reps", "Timed all-reduces", 50);
var allReduce = new Command("allreduce", "One in-place all-reduce of float32 gradients, under mpirun (mpirun -np 2 dotnet LayersFramework.Benchmarks.dll allreduce)") { megabytes, allReduceReps };
allReduce.SetAction(parsed => AllReduceSpeed.Run(parsed.GetValue(megabytes), parsed.GetValue(allReduceReps)));

// The memory probes' child process (started by the benchmarks above), not for people.
var probeArguments = new Argument<string[]>("arguments") { Arity = ArgumentArity.OneOrMore };
var probe = new Command("probe", "One side's peak memory, in a process of its own") { Hidden = true };
probe.Arguments.Add(probeArguments);
probe.SetAction(parsed => MemoryProbe.RunChild(parsed.GetValue(probeArguments)!));

var root = new RootCommand("LayersFramework's benchmarks: our layers against TorchSharp's own modules on the same libtorch, in the same process.")
{
    convTranspose, ganStep, ganParts, overhead, matmul, checkpoint, allReduce, probe,
};
return CommandLine.Run(root, args);

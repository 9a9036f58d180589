// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace LayersFramework.Examples.FashionGan;

/// <summary>
/// Where a run stands, as its checkpoint's metadata records it: the epochs done, the steps done of the next one, and
/// the random generator's states a resume needs to draw what the run would have drawn next.
/// </summary>
/// <param name="Epoch">The epochs done.</param>
/// <param name="Step">The steps done of epoch <paramref name="Epoch"/> + 1 (a run interrupted mid-epoch); 0 at an epoch's end.</param>
/// <param name="Random">The generator's state after the last step done (<see cref="GeneratorState"/>); null in checkpoints written before it was kept.</param>
/// <param name="OrderRandom">When <paramref name="Step"/> is more than 0, the generator's state the running epoch's order was drawn from; otherwise null.</param>
internal sealed record TrainingPosition(int Epoch, int Step, string? Random, string? OrderRandom)
{
    /// <summary>Gets the position of a run that has not begun.</summary>
    public static TrainingPosition Start { get; } = new(0, 0, null, null);

    /// <summary>Reads a position from a checkpoint's metadata and checks it against this run's epochs.</summary>
    /// <param name="metadata">The metadata.</param>
    /// <param name="stepsPerEpoch">Steps per epoch in this run.</param>
    /// <param name="checkpoint">The checkpoint, for messages.</param>
    /// <returns>The position.</returns>
    /// <exception cref="InvalidDataException">The metadata is not a position, or its step does not fit this run's epochs.</exception>
    public static TrainingPosition Read(IReadOnlyDictionary<string, string> metadata, int stepsPerEpoch, string checkpoint)
    {
        var epoch = Count(metadata, "epoch", checkpoint) ?? throw new InvalidDataException($"--resume: {checkpoint} has no \"epoch\" in its metadata: it is not a FashionGan checkpoint.");
        var step = Count(metadata, "step", checkpoint) ?? 0;
        if (step == 0)
        {
            return new(epoch, 0, metadata.GetValueOrDefault("random"), null);
        }

        if (step >= stepsPerEpoch)
        {
            throw new InvalidDataException(
                $"--resume: {checkpoint} stopped after step {step} of epoch {epoch + 1}, but an epoch of this run has {stepsPerEpoch} step(s): resume with the --limit and --batch-size the run began with.");
        }

        return metadata.TryGetValue("random", out var random) && metadata.TryGetValue("order-random", out var orderRandom)
            ? new(epoch, step, random, orderRandom)
            : throw new InvalidDataException($"--resume: {checkpoint} stopped mid-epoch but lacks the random generator's states (\"random\", \"order-random\") to go on from there.");
    }

    /// <summary>The steps done since the run began.</summary>
    /// <param name="stepsPerEpoch">Steps per epoch.</param>
    /// <returns>The count; also the number of rows the loss history has at this position.</returns>
    public int StepsDone(int stepsPerEpoch) => checked((Epoch * stepsPerEpoch) + Step);

    /// <summary>The position as checkpoint metadata.</summary>
    /// <returns>The entries.</returns>
    public Dictionary<string, string> ToMetadata()
    {
        // "epoch" stays the epochs done, which is all that older FashionGans read.
        var metadata = new Dictionary<string, string>
        {
            ["epoch"] = Epoch.ToString(CultureInfo.InvariantCulture),
            ["step"] = Step.ToString(CultureInfo.InvariantCulture),
        };
        if (Random is not null)
        {
            metadata["random"] = Random;
        }

        if (OrderRandom is not null)
        {
            metadata["order-random"] = OrderRandom;
        }

        return metadata;
    }

    /// <summary>The position in words: "after epoch 2", or "after step 40 of epoch 3".</summary>
    /// <returns>The words.</returns>
    public override string ToString() => Step == 0
        ? string.Create(CultureInfo.InvariantCulture, $"after epoch {Epoch}")
        : string.Create(CultureInfo.InvariantCulture, $"after step {Step} of epoch {Epoch + 1}");

    private static int? Count(IReadOnlyDictionary<string, string> metadata, string key, string checkpoint)
    {
        if (!metadata.TryGetValue(key, out var text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new InvalidDataException($"--resume: {checkpoint} has \"{key}\": \"{text}\" in its metadata, not a whole number of 0 or more.");
    }
}

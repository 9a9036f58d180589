// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Layers;

/// <summary>
/// Keras's <c>Dense</c>: <c>activation(inputs · kernel + bias)</c> over the last axis. Kernel <c>(inputDim, units)</c>,
/// bias <c>(units,)</c>; inputs of any rank 2 or more keep their leading axes.
/// </summary>
public sealed class Dense : KernelLayer
{
    /// <summary>Validates and stores Keras's arguments; the weights come with the first call.</summary>
    /// <param name="units">The output size, 1 or more.</param>
    /// <param name="activation">The activation by Keras name, delegate or object; "linear" unless given.</param>
    /// <param name="useBias">Whether to add a bias.</param>
    /// <param name="kernelInitializer">The kernel's initializer; "glorot_uniform" unless given.</param>
    /// <param name="biasInitializer">The bias's initializer; "zeros" unless given.</param>
    /// <param name="kernelRegularizer">The kernel's regularizer, or null.</param>
    /// <param name="biasRegularizer">The bias's regularizer, or null.</param>
    /// <param name="activityRegularizer">The output's regularizer, or null.</param>
    /// <param name="kernelConstraint">The kernel's constraint, or null.</param>
    /// <param name="biasConstraint">The bias's constraint, or null.</param>
    /// <param name="trainable">Whether the weights train.</param>
    /// <param name="name">The layer's name; unique from the class name unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">A component name is unknown.</exception>
    public Dense(
        int units,
        object? activation = null,
        bool useBias = true,
        object? kernelInitializer = null,
        object? biasInitializer = null,
        object? kernelRegularizer = null,
        object? biasRegularizer = null,
        object? activityRegularizer = null,
        object? kernelConstraint = null,
        object? biasConstraint = null,
        bool trainable = true,
        string? name = null)
        : this(units, new KernelComponents(activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint), trainable, name)
    {
    }

    private Dense(int units, KernelComponents components, bool trainable, string? name)
        : base(components, trainable, name) =>
        Units = units >= 1
            ? units
            : throw new ArgumentOutOfRangeException(nameof(units), units, $"Received an invalid value for `units`, expected a positive integer. Received: units={units}");

    /// <summary>Gets the output size.</summary>
    public int Units { get; }

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The config.</param>
    /// <param name="catalog">Resolves the components the config names; the built-ins when null.</param>
    /// <returns>The layer, not yet built.</returns>
    public static Dense FromConfig(JsonObject? config, ComponentCatalog? catalog = null)
    {
        var reader = new LayerConfigReader(config, nameof(Dense), catalog);
        var units = reader.Values.SmallWholeNumber("units", 0);
        var components = KernelComponents.Read(reader);

        // Keras 3.x writes lora_rank; LoRA is not built here, so a config that asks for it is refused rather than ignored.
        if (reader.Values.OptionalInteger("lora_rank") is long rank)
        {
            throw new ArgumentException($"The config of Dense has lora_rank {rank}; LoRA is not supported, so only null is accepted.", nameof(config));
        }

        reader.EnsureNoOtherKeys();
        return new Dense(units, components, reader.Trainable, reader.Name);
    }

    /// <inheritdoc/>
    public override long?[] ComputeOutputShape(long?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        CheckRank(inputShape.Length, nameof(inputShape));
        return [.. inputShape[..^1], Units];
    }

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["units"] = Units;
        WriteComponents(config);
        return config;
    }

    /// <inheritdoc/>
    protected override void CreateWeights(long[] inputShape)
    {
        CheckRank(inputShape.Length, nameof(inputShape));
        CreateKernelAndBias([inputShape[^1], Units], Units);
    }

    /// <inheritdoc/>
    protected override Tensor ComputeOutput(Tensor inputs, bool training)
    {
        CheckRank((int)inputs.dim(), nameof(inputs));
        var kernel = Kernel!.Value;
        if (inputs.shape[^1] != kernel.shape[0])
        {
            throw new ArgumentException(
                $"Layer {Name} was built for inputs of last dimension {kernel.shape[0]}; received {Tuples.Format(inputs.shape)}.", nameof(inputs));
        }

        if (inputs.dtype != kernel.dtype)
        {
            // libtorch's matmul ends the process on mixed dtypes.
            throw new ArgumentException($"Layer {Name}'s kernel has dtype {kernel.dtype} but the inputs have {inputs.dtype}; they must have the same dtype.", nameof(inputs));
        }

        using var scope = torch.NewDisposeScope();
        return scope.MoveToOuter(AddBiasAndActivate(inputs.matmul(kernel), [Units]));
    }

    private void CheckRank(int rank, string parameterName)
    {
        if (rank < 2)
        {
            throw new ArgumentException($"Layer {Name} expects inputs of rank 2 or more (batch, ..., features); received rank {rank}.", parameterName);
        }
    }
}

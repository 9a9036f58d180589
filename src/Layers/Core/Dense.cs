// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using System.Text.Json.Nodes;
using LayersFramework.Activations;
using LayersFramework.Constraints;
using LayersFramework.Initializers;
using LayersFramework.Regularizers;
using LayersFramework.Torch;

namespace LayersFramework.Layers;

/// <summary>
/// Keras's <c>Dense</c>: <c>activation(inputs · kernel + bias)</c> over the last axis. Kernel <c>(inputDim, units)</c>,
/// bias <c>(units,)</c>; inputs of any rank 2 or more keep their leading axes.
/// </summary>
public sealed class Dense : Layer
{
    private Variable? kernel;
    private Variable? bias;

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
        : base(name, trainable, activityRegularizer)
    {
        if (units < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(units), units, $"Received an invalid value for `units`, expected a positive integer. Received: units={units}");
        }

        Units = units;
        Activation = ActivationRegistry.Get(activation, nameof(activation));
        UseBias = useBias;
        KernelInitializer = InitializerRegistry.Get(kernelInitializer ?? "glorot_uniform", nameof(kernelInitializer))!;
        BiasInitializer = InitializerRegistry.Get(biasInitializer ?? "zeros", nameof(biasInitializer))!;
        KernelRegularizer = RegularizerRegistry.Get(kernelRegularizer, nameof(kernelRegularizer));
        BiasRegularizer = RegularizerRegistry.Get(biasRegularizer, nameof(biasRegularizer));
        KernelConstraint = ConstraintRegistry.Get(kernelConstraint, nameof(kernelConstraint));
        BiasConstraint = ConstraintRegistry.Get(biasConstraint, nameof(biasConstraint));
    }

    /// <summary>Gets the output size.</summary>
    public int Units { get; }

    /// <summary>Gets the activation.</summary>
    public IActivation Activation { get; }

    /// <summary>Gets a value indicating whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <summary>Gets the kernel's initializer.</summary>
    public IInitializer KernelInitializer { get; }

    /// <summary>Gets the bias's initializer.</summary>
    public IInitializer BiasInitializer { get; }

    /// <summary>Gets the kernel's regularizer, or null.</summary>
    public IRegularizer? KernelRegularizer { get; }

    /// <summary>Gets the bias's regularizer, or null.</summary>
    public IRegularizer? BiasRegularizer { get; }

    /// <summary>Gets the kernel's constraint, or null.</summary>
    public IConstraint? KernelConstraint { get; }

    /// <summary>Gets the bias's constraint, or null.</summary>
    public IConstraint? BiasConstraint { get; }

    /// <summary>Gets the kernel <c>(inputDim, units)</c>; null before the first call.</summary>
    public Variable? Kernel => kernel;

    /// <summary>Gets the bias <c>(units,)</c>; null before the first call or without a bias.</summary>
    public Variable? Bias => bias;

    /// <summary>Creates the layer from its Keras config.</summary>
    /// <param name="config">The config.</param>
    /// <param name="catalog">Resolves the components the config names; the built-ins when null.</param>
    /// <returns>The layer, not yet built.</returns>
    public static Dense FromConfig(JsonObject? config, ComponentCatalog? catalog = null)
    {
        var reader = new LayerConfigReader(config, nameof(Dense), catalog);
        var layer = new Dense(
            (int)reader.Values.WholeNumber("units", 0),
            reader.Activation("activation", "activation"),
            reader.Values.Boolean("use_bias", true),
            reader.Initializer("kernel_initializer", "kernelInitializer"),
            reader.Initializer("bias_initializer", "biasInitializer"),
            reader.Regularizer("kernel_regularizer", "kernelRegularizer"),
            reader.Regularizer("bias_regularizer", "biasRegularizer"),
            reader.Regularizer("activity_regularizer", "activityRegularizer"),
            reader.Constraint("kernel_constraint", "kernelConstraint"),
            reader.Constraint("bias_constraint", "biasConstraint"),
            reader.Trainable,
            reader.Name);
        _ = reader.Values.Node("lora_rank"); // Keras 3.x writes it; LoRA is not supported, so only null is meaningful.
        reader.EnsureNoOtherKeys();
        return layer;
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
        config["activation"] = ActivationRegistry.Serialize(Activation);
        config["use_bias"] = UseBias;
        config["kernel_initializer"] = InitializerRegistry.Serialize(KernelInitializer);
        config["bias_initializer"] = InitializerRegistry.Serialize(BiasInitializer);
        config["kernel_regularizer"] = RegularizerRegistry.Serialize(KernelRegularizer);
        config["bias_regularizer"] = RegularizerRegistry.Serialize(BiasRegularizer);
        config["activity_regularizer"] = RegularizerRegistry.Serialize(ActivityRegularizer);
        config["kernel_constraint"] = ConstraintRegistry.Serialize(KernelConstraint);
        config["bias_constraint"] = ConstraintRegistry.Serialize(BiasConstraint);
        return config;
    }

    /// <inheritdoc/>
    protected override void Build(long[] inputShape)
    {
        CheckRank(inputShape.Length, nameof(inputShape));
        kernel = AddWeight("kernel", [inputShape[^1], Units], KernelInitializer, KernelRegularizer, KernelConstraint);
        if (UseBias)
        {
            bias = AddWeight("bias", [Units], BiasInitializer, BiasRegularizer, BiasConstraint);
        }
    }

    /// <inheritdoc/>
    protected override Tensor Forward(Tensor inputs)
    {
        CheckRank(inputs.Rank, nameof(inputs));
        if (inputs.Size(-1) != kernel!.Shape[0])
        {
            throw new ArgumentException(
                $"Layer {Name} was built for inputs of last dimension {kernel.Shape[0]}; received {Tuples.Format(inputs.Shape)}.", nameof(inputs));
        }

        using var scope = new DisposeScope();
        var result = inputs.Matmul(kernel.Value);
        if (bias is not null)
        {
            result = result + bias.Value;
        }

        return scope.MoveToOuter(Activation.Apply(result));
    }

    private void CheckRank(int rank, string parameterName)
    {
        if (rank < 2)
        {
            throw new ArgumentException($"Layer {Name} expects inputs of rank 2 or more (batch, ..., features); received rank {rank}.", parameterName);
        }
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Text.Json.Nodes;
using LayersFramework.Activations;
using LayersFramework.Constraints;
using LayersFramework.Initializers;
using LayersFramework.Regularizers;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Layers;

/// <summary>
/// A layer with a kernel, an optional bias and an activation (<see cref="Dense"/> and the convolutions): the
/// components with Keras's defaults, the two weights, the config keys, and the bias plus activation step.
/// </summary>
public abstract class KernelLayer : Layer
{
    // Not named "kernel" and "bias": TorchSharp's to(dtype) assigns a replaced parameter to a field of its name.
    private Variable? kernelWeight;
    private Variable? biasWeight;

    /// <summary>Resolves the components (among the built-ins, by name; objects as given).</summary>
    /// <param name="components">The components.</param>
    /// <param name="trainable">Whether the weights train.</param>
    /// <param name="name">The layer's name, or null.</param>
    /// <exception cref="ArgumentException">A component name is unknown (the message lists the known ones).</exception>
    private protected KernelLayer(KernelComponents components, bool trainable, string? name)
        : base(name, trainable, (components ?? throw new ArgumentNullException(nameof(components))).ActivityRegularizer)
    {
        Activation = ActivationRegistry.Get(components.Activation, "activation");
        UseBias = components.UseBias;
        KernelInitializer = InitializerRegistry.Get(components.KernelInitializer ?? "glorot_uniform", "kernelInitializer")!;
        BiasInitializer = InitializerRegistry.Get(components.BiasInitializer ?? "zeros", "biasInitializer")!;
        KernelRegularizer = RegularizerRegistry.Get(components.KernelRegularizer, "kernelRegularizer");
        BiasRegularizer = RegularizerRegistry.Get(components.BiasRegularizer, "biasRegularizer");
        KernelConstraint = ConstraintRegistry.Get(components.KernelConstraint, "kernelConstraint");
        BiasConstraint = ConstraintRegistry.Get(components.BiasConstraint, "biasConstraint");
    }

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

    /// <summary>Gets the kernel, in Keras's layout for the layer; null before the first call.</summary>
    public Variable? Kernel => kernelWeight;

    /// <summary>Gets the bias, one value per output channel; null before the first call or without a bias.</summary>
    public Variable? Bias => biasWeight;

    /// <summary>Creates the kernel and, when the layer uses one, the bias; only <see cref="Layer.CreateWeights"/> calls this.</summary>
    /// <param name="kernelShape">The kernel's shape in Keras's layout.</param>
    /// <param name="outputs">The bias's length.</param>
    private protected void CreateKernelAndBias(long[] kernelShape, long outputs)
    {
        kernelWeight = AddWeight("kernel", kernelShape, KernelInitializer, KernelRegularizer, KernelConstraint);
        if (UseBias)
        {
            biasWeight = AddWeight("bias", [outputs], BiasInitializer, BiasRegularizer, BiasConstraint);
        }
    }

    /// <summary>Writes the components' keys, in Keras's order, after the layer's own.</summary>
    /// <param name="config">The config being written.</param>
    private protected void WriteComponents(JsonObject config)
    {
        config["activation"] = ActivationRegistry.Serialize(Activation);
        config["use_bias"] = UseBias;
        config["kernel_initializer"] = InitializerRegistry.Serialize(KernelInitializer);
        config["bias_initializer"] = InitializerRegistry.Serialize(BiasInitializer);
        config["kernel_regularizer"] = RegularizerRegistry.Serialize(KernelRegularizer);
        config["bias_regularizer"] = RegularizerRegistry.Serialize(BiasRegularizer);
        config["activity_regularizer"] = RegularizerRegistry.Serialize(ActivityRegularizer);
        config["kernel_constraint"] = ConstraintRegistry.Serialize(KernelConstraint);
        config["bias_constraint"] = ConstraintRegistry.Serialize(BiasConstraint);
    }

    /// <summary>Adds the bias (reshaped to broadcast along the output's channel axis) and applies the activation.</summary>
    /// <param name="result">The kernel's product.</param>
    /// <param name="biasShape">The bias's broadcast shape.</param>
    /// <returns>The layer's output.</returns>
    private protected Tensor AddBiasAndActivate(Tensor result, long[] biasShape)
    {
        using var scope = torch.NewDisposeScope();
        var withBias = biasWeight is null ? result : result + biasWeight.Value.reshape(biasShape);
        return scope.MoveToOuter(Activation.Apply(withBias));
    }
}

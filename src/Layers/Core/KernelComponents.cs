// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Layers;

/// <summary>
/// The Keras arguments of a layer with a kernel and a bias (Dense and the convolutions): the activation and the
/// kernel's and bias's components, each by Keras name, config or object, or null for Keras's default.
/// </summary>
/// <param name="Activation">The activation after the bias; linear when null.</param>
/// <param name="UseBias">Whether to add a bias.</param>
/// <param name="KernelInitializer">The kernel's initializer; "glorot_uniform" when null.</param>
/// <param name="BiasInitializer">The bias's initializer; "zeros" when null.</param>
/// <param name="KernelRegularizer">The kernel's regularizer, or null.</param>
/// <param name="BiasRegularizer">The bias's regularizer, or null.</param>
/// <param name="ActivityRegularizer">The output's regularizer, or null.</param>
/// <param name="KernelConstraint">The kernel's constraint, or null.</param>
/// <param name="BiasConstraint">The bias's constraint, or null.</param>
public sealed record KernelComponents(
    object? Activation,
    bool UseBias,
    object? KernelInitializer,
    object? BiasInitializer,
    object? KernelRegularizer,
    object? BiasRegularizer,
    object? ActivityRegularizer,
    object? KernelConstraint,
    object? BiasConstraint)
{
    /// <summary>Reads the components' keys of a Keras config, resolving each through the reader's catalog.</summary>
    /// <param name="reader">The config's reader.</param>
    /// <returns>The components.</returns>
    public static KernelComponents Read(LayerConfigReader reader)
    {
        System.ArgumentNullException.ThrowIfNull(reader);
        return new(
            reader.Activation("activation", "activation"),
            reader.Values.Boolean("use_bias", true),
            reader.Initializer("kernel_initializer", "kernelInitializer"),
            reader.Initializer("bias_initializer", "biasInitializer"),
            reader.Regularizer("kernel_regularizer", "kernelRegularizer"),
            reader.Regularizer("bias_regularizer", "biasRegularizer"),
            reader.Regularizer("activity_regularizer", "activityRegularizer"),
            reader.Constraint("kernel_constraint", "kernelConstraint"),
            reader.Constraint("bias_constraint", "biasConstraint"));
    }
}

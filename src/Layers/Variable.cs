// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Constraints;
using LayersFramework.Engine;
using LayersFramework.Regularizers;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Layers;

/// <summary>
/// A layer's weight, as Keras's <c>Variable</c>: its name, whether it trains, and the regularizer and constraint it
/// was created with. The tensor itself is the layer's: a <see cref="TorchSharp.Modules.Parameter"/> (or, for a
/// weight created non-trainable such as a moving statistic, a buffer) registered in the layer's module under
/// <see cref="Name"/>.
/// </summary>
/// <remarks>
/// <see cref="Value"/> looks the tensor up in the module on every access, because TorchSharp's <c>module.to(dtype)</c>
/// and <c>module.to(device)</c> replace a module's parameter objects: a reference kept from before would be a stale
/// copy. The variable itself stays the same object, so per-weight state (an optimizer's slots) can be keyed by it.
/// </remarks>
public sealed class Variable
{
    private readonly Layer owner;
    private readonly string moduleName;

    internal Variable(Layer owner, string moduleName, string name, string path, bool isBuffer, bool createdTrainable, IRegularizer? regularizer, IConstraint? constraint)
    {
        this.owner = owner;
        this.moduleName = moduleName;
        Name = name;
        Path = path;
        IsBuffer = isBuffer;
        CreatedTrainable = createdTrainable;
        Regularizer = regularizer;
        Constraint = constraint;
    }

    /// <summary>Gets the weight's name within its layer, such as "kernel" (its name in the layer's module, too).</summary>
    public string Name { get; }

    /// <summary>Gets the layer-qualified name, such as "conv2d_transpose/kernel".</summary>
    public string Path { get; }

    /// <summary>Gets a value indicating whether the weight is a module buffer (created non-trainable, such as a moving statistic) rather than a parameter.</summary>
    public bool IsBuffer { get; }

    /// <summary>
    /// Gets the weight's current tensor: the layer's parameter (or buffer) of this name. Operations on it are
    /// recorded by autograd while it trains. The layer owns it; do not dispose it.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The layer is disposed.</exception>
    public Tensor Value
    {
        get
        {
            Tensor? value = IsBuffer ? owner.get_buffer(moduleName) : owner.get_parameter(moduleName);
            return value ?? throw new ObjectDisposedException(owner.Name, $"Layer {owner.Name} no longer holds its weight '{Name}'.");
        }
    }

    /// <summary>Gets the regularizer whose penalty the layer's losses include, or null.</summary>
    public IRegularizer? Regularizer { get; }

    /// <summary>Gets the constraint applied after each optimizer update, or null.</summary>
    public IConstraint? Constraint { get; }

    /// <summary>Gets or sets whether the weight trains (its tensor's <c>requires_grad</c>).</summary>
    public bool Trainable
    {
        get => Value.requires_grad;
        set => Value.requires_grad = value;
    }

    /// <summary>Gets the shape.</summary>
    public long[] Shape => Value.shape;

    /// <summary>Gets a value indicating whether the weight trains while its layer does (false for moving statistics).</summary>
    internal bool CreatedTrainable { get; }

    /// <summary>Copies new values into the weight (converted to its dtype and device), outside autograd.</summary>
    /// <param name="values">Values of the weight's shape.</param>
    /// <exception cref="ArgumentException">The shape differs.</exception>
    public void Assign(Tensor values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var value = Value;
        if (!values.shape.AsSpan().SequenceEqual(value.shape))
        {
            throw new ArgumentException(
                $"The values for {Path} have shape {Tuples.Format(values.shape)} but the weight has shape {Tuples.Format(value.shape)}.", nameof(values));
        }

        using (torch.no_grad())
        {
            value.copy_(values);
        }
    }

    /// <summary>Replaces the values by the constraint's projection of them, if the weight has a constraint.</summary>
    public void ApplyConstraint()
    {
        if (Constraint is null)
        {
            return;
        }

        using var scope = torch.NewDisposeScope();
        using (torch.no_grad())
        {
            var value = Value;
            value.copy_(Constraint.Apply(value));
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Path} {Tuples.Format(Shape)}";
}

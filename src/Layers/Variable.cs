// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Constraints;
using LayersFramework.Regularizers;
using LayersFramework.Torch;

namespace LayersFramework.Layers;

/// <summary>
/// A layer's weight: a tensor that lives until the layer is disposed (no dispose scope frees it), with its name,
/// whether it trains, and the regularizer and constraint it was created with.
/// </summary>
public sealed class Variable : IDisposable
{
    internal Variable(string name, string path, Tensor value, bool trainable, IRegularizer? regularizer, IConstraint? constraint)
    {
        Name = name;
        Path = path;
        Value = value.DetachFromDisposeScope();
        Regularizer = regularizer;
        Constraint = constraint;
        Trainable = trainable;
    }

    /// <summary>Gets the weight's name within its layer, such as "kernel".</summary>
    public string Name { get; }

    /// <summary>Gets the layer-qualified name, such as "conv2d_transpose/kernel".</summary>
    public string Path { get; }

    /// <summary>Gets the tensor; operations on it are recorded by autograd while it trains.</summary>
    public Tensor Value { get; }

    /// <summary>Gets the regularizer whose penalty the layer's losses include, or null.</summary>
    public IRegularizer? Regularizer { get; }

    /// <summary>Gets the constraint applied after each optimizer update, or null.</summary>
    public IConstraint? Constraint { get; }

    /// <summary>Gets or sets whether the weight trains (receives gradients).</summary>
    public bool Trainable
    {
        get => Value.RequiresGrad;
        set => Value.RequiresGrad = value;
    }

    /// <summary>Gets the shape.</summary>
    public long[] Shape => Value.Shape;

    /// <summary>Copies new values into the weight (converted to its dtype), outside autograd.</summary>
    /// <param name="values">Values of the weight's shape.</param>
    /// <exception cref="ArgumentException">The shape differs.</exception>
    public void Assign(Tensor values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!values.Shape.AsSpan().SequenceEqual(Value.Shape))
        {
            throw new ArgumentException(
                $"The values for {Path} have shape {Tuples.Format(values.Shape)} but the weight has shape {Tuples.Format(Value.Shape)}.", nameof(values));
        }

        using (Autograd.NoGrad())
        {
            Value.CopyFrom(values);
        }
    }

    /// <summary>Replaces the values by the constraint's projection of them, if the weight has a constraint.</summary>
    public void ApplyConstraint()
    {
        if (Constraint is null)
        {
            return;
        }

        using var scope = new DisposeScope();
        using (Autograd.NoGrad())
        {
            Value.CopyFrom(Constraint.Apply(Value));
        }
    }

    /// <summary>Frees the tensor.</summary>
    public void Dispose() => Value.Dispose();
}

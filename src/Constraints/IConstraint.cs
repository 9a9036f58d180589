// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Configuration;
using LayersFramework.Torch;

namespace LayersFramework.Constraints;

/// <summary>
/// A projection applied to a weight after each optimizer step, as a Keras constraint is
/// (<c>keras.constraints.Constraint</c>): <c>constraint(w)</c> becomes <see cref="Apply"/>, and
/// <see cref="IConfigurable.GetConfig"/> gives the Keras config.
/// </summary>
/// <remarks>
/// Keras's optimizer runs <c>variable.assign(constraint(variable))</c> after every update; constraints are not applied
/// at initialisation or in the forward pass. Here the caller does the assignment: compute the constrained values
/// with <see cref="Apply"/> (normally under <see cref="Autograd.NoGrad"/>) and copy them into the weight with
/// <see cref="Tensor.CopyFrom"/>. Norm-based constraints add Keras's epsilon, 1e-7, to the norms. Resolve names and
/// configs with <see cref="ConstraintRegistry.Get"/>.
/// </remarks>
/// <example>
/// <code>
/// IConstraint constraint = new MaxNorm(maxValue: 2, axis: [0, 1, 2]); // per input channel of a (k, k, filters, in) kernel
/// using (Autograd.NoGrad())
/// using (var scope = new DisposeScope())
/// {
///     kernel.CopyFrom(constraint.Apply(kernel));
/// }
/// </code>
/// </example>
public interface IConstraint : IConfigurable
{
    /// <summary>
    /// Computes the constrained values of a weight. The result is a new tensor of the weight's shape (never the weight
    /// object itself); the weight is not modified. The caller owns the result: it belongs to the caller's innermost
    /// <see cref="DisposeScope"/> if one is open, and to no scope otherwise; temporaries are freed before returning.
    /// </summary>
    /// <param name="weight">The weight; it is not modified.</param>
    /// <returns>The constrained values, a new tensor.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="weight"/> is null.</exception>
    /// <exception cref="System.ArgumentException">The constraint cannot be applied to a weight of this shape (see each constraint).</exception>
    Tensor Apply(Tensor weight);
}

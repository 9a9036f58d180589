// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Constraints;

/// <summary>
/// A projection applied to a weight after each optimizer step, as a Keras constraint is
/// (<c>keras.constraints.Constraint</c>): <c>constraint(w)</c> becomes <see cref="Apply"/>, and
/// <see cref="IConfigurable.GetConfig"/> gives the Keras config.
/// </summary>
/// <remarks>
/// Keras's optimizer runs <c>variable.assign(constraint(variable))</c> after every update; constraints are not applied
/// at initialisation or in the forward pass. Here the caller does the assignment: compute the constrained values
/// with <see cref="Apply"/> under <c>torch.no_grad()</c> and copy them into the weight with <c>weight.copy_(...)</c>.
/// That works on a <see cref="TorchSharp.Modules.Parameter"/>: under <c>no_grad</c> the in-place copy is not
/// recorded, so the parameter stays a leaf that requires grad, and the next forward and backward pass fill its
/// <c>grad</c> as before. Norm-based constraints add Keras's epsilon, 1e-7, to the norms. Resolve names and configs
/// with <see cref="ConstraintRegistry.Get"/>.
/// </remarks>
/// <example>
/// <code>
/// IConstraint constraint = new MaxNorm(maxValue: 2, axis: [0, 1, 2]); // per input channel of a (k, k, filters, in) kernel
/// using (torch.no_grad())
/// using (var scope = torch.NewDisposeScope())
/// {
///     kernel.copy_(constraint.Apply(kernel)); // kernel: a Parameter, changed in place; the result is freed with the scope
/// }
/// </code>
/// </example>
public interface IConstraint : IConfigurable
{
    /// <summary>
    /// Computes the constrained values of a weight. The result is a new tensor of the weight's shape (never the weight
    /// object itself); the weight is not modified. The caller owns the result: it belongs to the caller's innermost
    /// <see cref="TorchSharp.DisposeScope"/> if one is open, and to no scope otherwise; temporaries are freed before returning.
    /// </summary>
    /// <param name="weight">The weight; it is not modified.</param>
    /// <returns>The constrained values, a new tensor.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="weight"/> is null.</exception>
    /// <exception cref="System.ArgumentException">The constraint cannot be applied to a weight of this shape (see each constraint).</exception>
    Tensor Apply(Tensor weight);
}

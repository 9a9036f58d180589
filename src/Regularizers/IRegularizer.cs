// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Regularizers;

/// <summary>
/// A weight penalty, as a Keras regularizer computes it (<c>keras.regularizers.Regularizer</c>):
/// <c>regularizer(x)</c> becomes <see cref="Compute"/>, and <see cref="IConfigurable.GetConfig"/> gives the Keras
/// config whose keys are the constructor's argument names in snake_case.
/// </summary>
/// <remarks>
/// A layer adds <c>Compute(weight)</c> to the training loss for every weight that has a regularizer (Keras 3
/// reads only trainable weights); an activity regularizer is applied to the layer's output and divided by the batch
/// size. Resolve names and configs with <see cref="RegularizerRegistry.Get"/> and write one out with
/// <see cref="RegularizerRegistry.Serialize"/>.
/// </remarks>
/// <example>
/// <code>
/// IRegularizer regularizer = new L2(0.01);
/// using var scope = torch.NewDisposeScope();
/// var loss = dataLoss + regularizer.Compute(kernel); // 0.01 * sum(kernel^2), differentiable w.r.t. kernel
/// loss.backward();
/// </code>
/// </example>
public interface IRegularizer : IConfigurable
{
    /// <summary>
    /// Computes the penalty of a weight. The result is a new zero-dimensional tensor of the weight's dtype that stays
    /// in the autograd graph, so its gradient with respect to <paramref name="weight"/> can be taken. The caller owns
    /// it: it belongs to the caller's innermost <see cref="TorchSharp.DisposeScope"/> if one is open, and to no scope otherwise;
    /// temporaries are freed before returning.
    /// </summary>
    /// <param name="weight">The weight (or layer output) penalised; it is not modified.</param>
    /// <returns>The penalty, a 0-d tensor.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="weight"/> is null.</exception>
    /// <exception cref="System.ArgumentException">The regularizer cannot be applied to a tensor of this shape (see each regularizer).</exception>
    Tensor Compute(Tensor weight);
}

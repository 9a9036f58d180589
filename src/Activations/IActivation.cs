// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>
/// An activation function, as Keras's <c>activation=</c> argument takes it: an element-wise (or, for softmax-like
/// activations, per-axis) function of a tensor, identified by its Keras name.
/// </summary>
/// <remarks>
/// Resolve one from a name, a serialized form, a delegate or null with <see cref="ActivationRegistry.Get"/>, and write one
/// out with <see cref="ActivationRegistry.Serialize"/>. <see cref="IConfigurable.GetConfig"/> returns the options the
/// activation takes (snake_case keys as in Keras 3's function signature), an empty object when it takes none.
/// </remarks>
/// <example>
/// <code>
/// IActivation activation = ActivationRegistry.Get("relu");
/// using var y = activation.Apply(x);
/// </code>
/// </example>
public interface IActivation : IConfigurable
{
    /// <summary>Gets the Keras name, such as "relu" or "hard_silu" (the name the activation serializes as).</summary>
    string Name { get; }

    /// <summary>Applies the activation.</summary>
    /// <param name="x">The input; it is not modified.</param>
    /// <returns>A new tensor of the input's shape and dtype (except where an activation documents otherwise) that the caller owns and disposes; differentiable with respect to <paramref name="x"/>.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="x"/> is null.</exception>
    Tensor Apply(Tensor x);
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Initializers;

/// <summary>
/// Creates the initial values of a weight from its shape, as a Keras initializer does
/// (<c>keras.initializers.Initializer</c>): <c>initializer(shape, dtype)</c> becomes
/// <see cref="Initialize"/>, and <see cref="IConfigurable.GetConfig"/> gives the Keras config.
/// </summary>
/// <remarks>
/// Shapes are in Keras's layout: a dense kernel is (in, out) and a (transposed) convolution kernel is
/// (k..., in, out) for a convolution and (k..., filters, in_channels) for a transposed convolution, which is what
/// <see cref="Fans"/> reads. Resolve names and configs with <see cref="InitializerRegistry.Get"/>.
/// </remarks>
/// <example>
/// <code>
/// IInitializer initializer = new GlorotUniform(seed: 42);
/// using var kernel = initializer.Initialize([3, 3, 16, 32]); // values in ±sqrt(6 / (144 + 288))
/// </code>
/// </example>
public interface IInitializer : IConfigurable
{
    /// <summary>
    /// Creates a new tensor of initial values. The caller owns it as any TorchSharp op result: it belongs to the
    /// caller's innermost dispose scope (<c>torch.NewDisposeScope()</c>) if one is open, and to no scope otherwise;
    /// temporaries are freed before returning. The result does not require gradients.
    /// </summary>
    /// <param name="shape">The weight's shape, in Keras's layout; every size 0 or more.</param>
    /// <param name="dtype">The element type; float32 unless given. Random initializers need a floating-point type.</param>
    /// <returns>The new tensor, of <paramref name="shape"/> and <paramref name="dtype"/>.</returns>
    Tensor Initialize(long[] shape, ScalarType dtype = ScalarType.Float32);
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch;

/// <content>The activations Keras names, computed by libtorch's kernels.</content>
public static partial class Functional
{
    /// <summary>max(x, 0).</summary>
    /// <param name="x">The input.</param>
    /// <returns>The activation.</returns>
    public static Tensor Relu(Tensor x) => Activation(x, NativeMethods.LFT_relu);

    /// <summary>min(max(x, 0), 6).</summary>
    /// <inheritdoc cref="Relu"/>
    public static Tensor Relu6(Tensor x) => Activation(x, NativeMethods.LFT_relu6);

    /// <summary>x for x ≥ 0, negativeSlope·x below.</summary>
    /// <param name="x">The input.</param>
    /// <param name="negativeSlope">The slope below zero (libtorch's default 0.01; Keras's LeakyReLU layer uses 0.3 in tf-keras and 0.2 in Keras 3).</param>
    /// <returns>The activation.</returns>
    public static Tensor LeakyRelu(Tensor x, double negativeSlope = 0.01)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Tensor.Wrap(NativeMethods.LFT_leaky_relu(x.Handle, negativeSlope));
    }

    /// <summary>x for x &gt; 0, alpha·(eˣ − 1) below.</summary>
    /// <param name="x">The input.</param>
    /// <param name="alpha">The scale of the negative part.</param>
    /// <returns>The activation.</returns>
    public static Tensor Elu(Tensor x, double alpha = 1.0)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Tensor.Wrap(NativeMethods.LFT_elu(x.Handle, alpha));
    }

    /// <summary>scale·elu(x, alpha) with Klambauer et al.'s constants (alpha ≈ 1.6733, scale ≈ 1.0507).</summary>
    /// <inheritdoc cref="Relu"/>
    public static Tensor Selu(Tensor x) => Activation(x, NativeMethods.LFT_selu);

    /// <summary>x·Φ(x), exactly (erf) or with the tanh approximation.</summary>
    /// <param name="x">The input.</param>
    /// <param name="approximate">Whether to use 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).</param>
    /// <returns>The activation.</returns>
    public static Tensor Gelu(Tensor x, bool approximate = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Tensor.Wrap(NativeMethods.LFT_gelu(x.Handle, approximate ? "tanh" : "none"));
    }

    /// <summary>1 / (1 + e⁻ˣ).</summary>
    /// <inheritdoc cref="Relu"/>
    public static Tensor Sigmoid(Tensor x) => Activation(x, NativeMethods.LFT_sigmoid);

    /// <summary>The hyperbolic tangent.</summary>
    /// <inheritdoc cref="Relu"/>
    public static Tensor Tanh(Tensor x) => Activation(x, NativeMethods.LFT_tanh);

    /// <summary>eˣ / Σ eˣ along <paramref name="dim"/>.</summary>
    /// <param name="x">The input.</param>
    /// <param name="dim">The dimension normalised; the last unless given.</param>
    /// <returns>The activation.</returns>
    public static Tensor Softmax(Tensor x, long dim = -1)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Tensor.Wrap(NativeMethods.LFT_softmax(x.Handle, dim));
    }

    /// <summary>log(softmax(x)), computed stably.</summary>
    /// <inheritdoc cref="Softmax"/>
    public static Tensor LogSoftmax(Tensor x, long dim = -1)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Tensor.Wrap(NativeMethods.LFT_log_softmax(x.Handle, dim));
    }

    /// <summary>log(1 + e^(beta·x)) / beta, linear above <paramref name="threshold"/> for stability.</summary>
    /// <param name="x">The input.</param>
    /// <param name="beta">The sharpness; Keras's softplus is beta = 1.</param>
    /// <param name="threshold">Above beta·x = threshold the function returns x.</param>
    /// <returns>The activation.</returns>
    public static Tensor Softplus(Tensor x, double beta = 1, double threshold = 20)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Tensor.Wrap(NativeMethods.LFT_softplus(x.Handle, beta, threshold));
    }

    /// <summary>x / (1 + |x|). libtorch has no kernel for it; it is composed of three differentiable operations.</summary>
    /// <inheritdoc cref="Relu"/>
    public static Tensor Softsign(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var magnitude = x.Abs();
        using var denominator = magnitude.Add(1);
        return x.Div(denominator);
    }

    /// <summary>x·sigmoid(x), also called swish.</summary>
    /// <inheritdoc cref="Relu"/>
    public static Tensor Silu(Tensor x) => Activation(x, NativeMethods.LFT_silu);

    /// <summary>Keras's name for <see cref="Silu"/>.</summary>
    /// <inheritdoc cref="Relu"/>
    public static Tensor Swish(Tensor x) => Silu(x);

    /// <summary>relu6(x + 3) / 6, Keras 3's hard_sigmoid (libtorch's hardsigmoid).</summary>
    /// <inheritdoc cref="Relu"/>
    public static Tensor HardSigmoid(Tensor x) => Activation(x, NativeMethods.LFT_hardsigmoid);

    /// <summary>x·relu6(x + 3) / 6 (hard swish).</summary>
    /// <inheritdoc cref="Relu"/>
    public static Tensor HardSilu(Tensor x) => Activation(x, NativeMethods.LFT_hardswish);

    /// <summary>x·tanh(softplus(x)).</summary>
    /// <inheritdoc cref="Relu"/>
    public static Tensor Mish(Tensor x) => Activation(x, NativeMethods.LFT_mish);

    /// <summary>eˣ, Keras's "exponential" activation.</summary>
    /// <inheritdoc cref="Relu"/>
    public static Tensor Exponential(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.Exp();
    }

    /// <summary>The identity, Keras's "linear" activation: a new handle to the same tensor (dispose it as any result).</summary>
    /// <inheritdoc cref="Relu"/>
    public static Tensor Linear(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.Alias();
    }

    private static Tensor Activation(Tensor x, Func<TensorHandle, IntPtr> function)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Tensor.Wrap(function(x.Handle));
    }
}

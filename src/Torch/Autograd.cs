// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch;

/// <summary>Autograd beyond <see cref="Tensor.Backward()"/>: gradients of chosen outputs with respect to chosen inputs, and grad mode.</summary>
public static class Autograd
{
    /// <summary>Gets a value indicating whether operations on this thread are being recorded.</summary>
    public static bool IsGradEnabled => NativeMethods.LFT_grad_enabled() == 1;

    /// <summary>Stops recording operations on this thread until the returned scope is disposed (as <c>torch.no_grad()</c>).</summary>
    /// <returns>The scope; dispose it to restore the previous mode.</returns>
    /// <example><code>using (Autograd.NoGrad()) { weight.AddInPlace(gradient, -learningRate); }</code></example>
    public static GradModeScope NoGrad() => new(enabled: false);

    /// <summary>Records operations on this thread until the returned scope is disposed, even inside <see cref="NoGrad"/>.</summary>
    /// <returns>The scope; dispose it to restore the previous mode.</returns>
    public static GradModeScope EnableGrad() => new(enabled: true);

    /// <summary>
    /// Computes the gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/> without
    /// touching any <see cref="Tensor.Grad"/> (as <c>torch.autograd.grad</c>). With <paramref name="createGraph"/>
    /// the gradients are themselves differentiable, as gradient penalties need.
    /// </summary>
    /// <param name="outputs">The tensors differentiated.</param>
    /// <param name="inputs">The tensors differentiated with respect to; they must require grad.</param>
    /// <param name="gradOutputs">∂L/∂output for each output, or null for all (each output must then have one element); entries may be null for one-element outputs.</param>
    /// <param name="retainGraph">Whether the graph stays usable afterwards; defaults to <paramref name="createGraph"/>.</param>
    /// <param name="createGraph">Whether to record the gradient computation for higher-order derivatives.</param>
    /// <param name="allowUnused">Whether an input that the outputs do not depend on gets null rather than an error.</param>
    /// <returns>One gradient per input (null for unused inputs when allowed); the caller owns them.</returns>
    public static Tensor?[] Grad(
        IReadOnlyList<Tensor> outputs,
        IReadOnlyList<Tensor> inputs,
        IReadOnlyList<Tensor?>? gradOutputs = null,
        bool? retainGraph = null,
        bool createGraph = false,
        bool allowUnused = false)
    {
        var outputHandles = Tensor.Handles(outputs, nameof(outputs));
        var inputHandles = Tensor.Handles(inputs, nameof(inputs));
        IntPtr[]? gradHandles = null;
        if (gradOutputs is not null)
        {
            if (gradOutputs.Count != outputs.Count)
            {
                throw new ArgumentException(
                    $"{nameof(gradOutputs)} has {gradOutputs.Count} entries but there are {outputs.Count} outputs; give one per output.",
                    nameof(gradOutputs));
            }

            gradHandles = new IntPtr[gradOutputs.Count];
            for (var i = 0; i < gradHandles.Length; i++)
            {
                gradHandles[i] = gradOutputs[i]?.Handle.DangerousGetHandle() ?? IntPtr.Zero;
            }
        }

        var results = new IntPtr[inputHandles.Length];
        NativeErrors.Check(NativeMethods.LFT_autograd_grad(
            outputHandles, outputHandles.Length, inputHandles, inputHandles.Length, gradHandles,
            Tensor.ToNative(retainGraph), createGraph, allowUnused, results));
        GC.KeepAlive(outputs);
        GC.KeepAlive(inputs);
        GC.KeepAlive(gradOutputs);
        return Array.ConvertAll(results, handle => handle == IntPtr.Zero ? null : new Tensor(handle));
    }
}

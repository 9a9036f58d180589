// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;
using LayersFramework.Torch.Interop;

namespace LayersFramework.Torch;

/// <content>Autograd: requires-grad, backward, gradients and detach.</content>
public sealed partial class Tensor
{
    /// <summary>Gets or sets whether operations on this tensor are recorded so gradients can flow back to it.</summary>
    /// <remarks>Only floating-point leaf tensors can be set to require grad.</remarks>
    public bool RequiresGrad
    {
        get => NativeErrors.Check(NativeMethods.LFT_Tensor_requires_grad(Handle)) == 1;
        set => NativeErrors.Check(NativeMethods.LFT_Tensor_set_requires_grad(Handle, value));
    }

    /// <summary>Gets a value indicating whether the tensor was created by the user rather than by a recorded operation.</summary>
    public bool IsLeaf => NativeErrors.Check(NativeMethods.LFT_Tensor_is_leaf(Handle)) == 1;

    /// <summary>Gets the name of the autograd node that made this tensor (for example <c>ConvolutionBackward0</c>), or an empty string.</summary>
    public string GradFunctionName =>
        Marshal.PtrToStringUTF8(NativeErrors.Check(NativeMethods.LFT_Tensor_grad_fn_name(Handle))) ?? string.Empty;

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor, for use in initialisers.</summary>
    /// <param name="requiresGrad">Whether gradients should flow to this tensor.</param>
    /// <returns>This tensor.</returns>
    public Tensor WithRequiresGrad(bool requiresGrad = true)
    {
        RequiresGrad = requiresGrad;
        return this;
    }

    /// <summary>Computes the gradient of this one-element tensor with respect to every leaf that requires grad, accumulating into their <see cref="Grad"/>.</summary>
    public void Backward() => Backward(null);

    /// <summary>Computes gradients by back-propagation, accumulating into the leaves' <see cref="Grad"/>.</summary>
    /// <param name="gradient">∂L/∂this, of this tensor's shape; may be null only when this tensor has one element (then 1).</param>
    /// <param name="retainGraph">Whether the graph stays usable for another backward pass; defaults to <paramref name="createGraph"/>.</param>
    /// <param name="createGraph">Whether to record the backward pass itself, for higher-order gradients.</param>
    public void Backward(Tensor? gradient, bool? retainGraph = null, bool createGraph = false) =>
        NativeErrors.Check(NativeMethods.LFT_Tensor_backward(Handle, HandleOf(gradient), ToNative(retainGraph), createGraph));

    /// <summary>Returns the accumulated gradient, or null if none has been computed. The caller owns the returned handle.</summary>
    /// <returns>A new handle to the gradient tensor, or null.</returns>
    public Tensor? Grad()
    {
        NativeErrors.Check(NativeMethods.LFT_Tensor_grad(Handle, out var gradient));
        return gradient == IntPtr.Zero ? null : new Tensor(gradient);
    }

    /// <summary>Replaces the accumulated gradient; null clears it (as <c>param.grad = None</c>).</summary>
    /// <param name="gradient">The new gradient, of this tensor's shape, or null.</param>
    public void SetGrad(Tensor? gradient) => NativeErrors.Check(NativeMethods.LFT_Tensor_set_grad(Handle, HandleOf(gradient)));

    /// <summary>Clears the accumulated gradient, so the next backward pass starts from nothing.</summary>
    public void ZeroGrad() => SetGrad(null);

    /// <summary>Keeps the gradient of this non-leaf tensor when backward runs.</summary>
    public void RetainGrad() => NativeErrors.Check(NativeMethods.LFT_Tensor_retain_grad(Handle));

    /// <summary>Returns a view of the same storage that is cut from the autograd graph.</summary>
    /// <returns>The detached view.</returns>
    public Tensor Detach() => Wrap(NativeMethods.LFT_Tensor_detach(Handle));

    internal static sbyte ToNative(bool? flag) => flag switch
    {
        null => -1,
        true => 1,
        false => 0,
    };
}

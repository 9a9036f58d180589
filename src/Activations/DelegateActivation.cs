// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Torch;

namespace LayersFramework.Activations;

/// <summary>
/// An activation computed by an application's own function, as a Python function passed to Keras's
/// <c>activation=</c>; register it with <see cref="ActivationRegistry.Register"/> to resolve and serialize it by name.
/// </summary>
/// <remarks>
/// The function must return a new tensor that the caller will own (returning its input is tolerated: the activation
/// then returns an alias of it) and should be differentiable. A delegate activation has an empty config. It is
/// serialized as Keras serializes a registered custom function, <c>{"module": null, "class_name": "function", "config":
/// "Custom&gt;name", "registered_name": "Custom&gt;name"}</c>; an unregistered one cannot be serialized, since it could not be
/// read back.
/// </remarks>
/// <example>
/// <code>
/// var cube = ActivationRegistry.Register("cube", x => x.Pow(3));
/// var sameOne = ActivationRegistry.Get("cube");
/// using var y = cube.Apply(x);
/// </code>
/// </example>
public sealed class DelegateActivation : ActivationFunction
{
    /// <summary>Initializes a new instance of the <see cref="DelegateActivation"/> class.</summary>
    /// <param name="name">The activation's name, such as "cube"; it is what it registers and serializes as.</param>
    /// <param name="function">The function; it must return a new tensor.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="function"/> is null.</exception>
    public DelegateActivation(string name, Func<Tensor, Tensor> function)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(function);
        Name = name;
        Function = function;
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <summary>Gets the function.</summary>
    public Func<Tensor, Tensor> Function { get; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The function returned null.</exception>
    protected override Tensor Compute(Tensor x)
    {
        var result = Function(x) ?? throw new InvalidOperationException($"The activation function '{Name}' returned null; it must return a tensor.");
        return ReferenceEquals(result, x) ? x.Alias() : result;
    }
}

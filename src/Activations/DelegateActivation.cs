// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.Configuration;
using static TorchSharp.torch;

namespace LayersFramework.Activations;

/// <summary>
/// An activation computed by an application's own function, as a Python function passed to Keras's
/// <c>activation=</c>; register it by name in an application's catalog (<c>options.AddActivationFunction</c>, or
/// <see cref="ActivationRegistry.RegisterFunction"/> on a registry) so that configs naming it read back.
/// </summary>
/// <remarks>
/// The function must return a new tensor that the caller will own (returning its input is tolerated: the activation
/// then returns an alias of it) and should be differentiable. A delegate activation has an empty config. It is
/// serialized as Keras serializes a registered custom function, <c>{"module": null, "class_name": "function", "config":
/// "Custom&gt;name", "registered_name": "Custom&gt;name"}</c>; an anonymous one (named "lambda") cannot be serialized,
/// since no name could read it back.
/// </remarks>
/// <example>
/// <code>
/// var registry = ActivationRegistry.CreateRegistry();
/// var cube = registry.RegisterFunction("cube", x => x.pow(3));
/// var sameOne = ActivationRegistry.Resolve(registry, "cube", "activation");
/// using var y = cube.Apply(x);
/// </code>
/// </example>
public sealed class DelegateActivation : ActivationFunction
{
    /// <summary>Initializes a new instance of the <see cref="DelegateActivation"/> class.</summary>
    /// <param name="name">The activation's name, such as "cube"; it is what it registers and serializes as.</param>
    /// <param name="function">The function; it must return a new tensor.</param>
    /// <param name="package">The package part of its registered name; "Custom" by default, as in Keras.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="package"/> is empty or white space.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public DelegateActivation(string name, Func<Tensor, Tensor> function, string? package = ComponentNames.DefaultPackage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(function);
        package ??= ComponentNames.DefaultPackage; // null: the default
        ArgumentException.ThrowIfNullOrWhiteSpace(package);
        Name = name;
        Function = function;
        Package = package;
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <summary>Gets the package part of its registered name.</summary>
    public string Package { get; }

    /// <summary>Gets Keras's registered name, "Package&gt;name", which its serialized form carries.</summary>
    public string RegisteredName => $"{Package}>{Name}";

    /// <summary>Gets the function.</summary>
    public Func<Tensor, Tensor> Function { get; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The function returned null.</exception>
    protected override Tensor Compute(Tensor x)
    {
        var result = Function(x) ?? throw new InvalidOperationException($"The activation function '{Name}' returned null; it must return a tensor.");
        return ReferenceEquals(result, x) ? x.alias() : result;
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Linq;
using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Layers;

/// <summary>
/// Keras's <c>TorchModuleWrapper</c>: a TorchSharp <c>Module&lt;Tensor, Tensor&gt;</c> as a layer, so that a user's
/// module can sit in a <see cref="Sequential"/> (which wraps one given to it by itself). The module's parameters are
/// the layer's trainable weights and its persistent buffers its non-trainable ones, in the module's order; freezing
/// the layer stops their gradients, and disposing it disposes the module.
/// </summary>
/// <remarks>
/// The module is registered as the child <c>"module"</c>, so its <c>state_dict()</c> keys keep their names under that
/// prefix (<c>"module.weight"</c>). <c>Call(x)</c> runs it in evaluation mode and <c>Call(x, training: true)</c> in
/// training mode, switching the module's <c>train()</c>/<c>eval()</c> mode for the call and back; TorchSharp's
/// <c>forward</c> runs it in whatever mode it is in. A module's code cannot be written into a Keras config, so
/// <see cref="GetConfig"/> refuses; save its weights (<c>state_dict()</c>) instead.
/// </remarks>
/// <example>
/// <code>
/// using var model = new Sequential([new Dense(16, activation: "relu"), torch.nn.Linear(16, 4)], inputShape: [null, 8]);
/// // model.Layers[1] is the TorchModuleWrapper of the Linear; its weights are "1.module.weight" and "1.module.bias".
/// </code>
/// </example>
public sealed class TorchModuleWrapper : Layer
{
    private readonly nn.Module<Tensor, Tensor> module;

    /// <summary>Wraps a TorchSharp module; the layer owns it from then on.</summary>
    /// <param name="module">The module, its parameters already created (a lazy module must have been called once).</param>
    /// <param name="name">The layer's name; unique from "torch_module_wrapper" unless given.</param>
    /// <exception cref="ArgumentException">The module is one of this library's layers, which need no wrapper.</exception>
    public TorchModuleWrapper(nn.Module<Tensor, Tensor> module, string? name = null)
        : base(name, trainable: true, activityRegularizer: null)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (module is Layer layer)
        {
            throw new ArgumentException($"{layer.Name} is a layer already; add it as it is rather than wrapped.", nameof(module));
        }

        this.module = module;
        TrackModule("module", module);
    }

    /// <summary>Gets the wrapped module.</summary>
    public nn.Module<Tensor, Tensor> Module => module;

    /// <summary>
    /// The output shape, found by running the module once in evaluation mode, without gradients, on zeros of the
    /// input's shape (an unknown size taken as 1; the batch stays unknown in the result), as Keras finds a torch
    /// module's output shape by running it.
    /// </summary>
    /// <param name="inputShape">The input's shape.</param>
    /// <returns>The output's shape.</returns>
    public override long?[] ComputeOutputShape(long?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        var parameter = module.parameters().FirstOrDefault();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var zeros = torch.zeros(inputShape.Select(size => size ?? 1).ToArray(), parameter?.dtype ?? ScalarType.Float32, parameter?.device);
        var output = InMode(training: false, () => module.call(zeros));
        var shape = output.shape.Select(size => (long?)size).ToArray();
        if (shape.Length > 0 && inputShape.Length > 0)
        {
            shape[0] = inputShape[0];
        }

        return shape;
    }

    /// <summary>Refuses: a TorchSharp module's code cannot be written into a Keras config.</summary>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always; save the weights with <c>state_dict()</c> instead.</exception>
    public override JsonObject GetConfig() =>
        throw new NotSupportedException($"Layer {Name} wraps the TorchSharp module {module.GetName()}, whose code cannot be written into a Keras config; save its weights with state_dict() and rebuild the module in code.");

    /// <inheritdoc/>
    protected override Tensor ComputeOutput(Tensor inputs, bool training) => InMode(training, () => module.call(inputs));

    /// <summary>Runs the module in a mode, switching its <c>train()</c>/<c>eval()</c> mode for the call and back.</summary>
    private Tensor InMode(bool training, Func<Tensor> run)
    {
        var was = module.training;
        if (was == training)
        {
            return run();
        }

        module.train(training);
        try
        {
            return run();
        }
        finally
        {
            module.train(was);
        }
    }
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Threading;
using LayersFramework.Configuration;
using LayersFramework.Constraints;
using LayersFramework.Engine;
using LayersFramework.Initializers;
using LayersFramework.Regularizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LayersFramework.Layers;

/// <summary>
/// The base of every layer: a TorchSharp module (<c>torch.nn.Module&lt;Tensor, Tensor&gt;</c>, as a Keras 3 layer is a
/// <c>torch.nn.Module</c> on Keras's torch backend) with Keras's lifecycle. The constructor validates and stores
/// hyper-parameters only; the first call (or <see cref="Build"/>) creates the weights for the input's shape
/// (<see cref="CreateWeights"/>, through <see cref="AddWeight"/>) and locks weight creation; every call computes
/// <see cref="ComputeOutput"/>.
/// </summary>
/// <remarks>
/// <para>
/// Two entry points run a layer. <see cref="Call(Tensor)"/> and <see cref="Call(Tensor, bool)"/> are Keras's:
/// inference unless <c>training: true</c> is given. TorchSharp's <c>forward(x)</c> and <c>call(x)</c> run it in the
/// module's mode, set by <c>train()</c> and <c>eval()</c> (a module starts in training mode, as in PyTorch), so a
/// layer inside a user's TorchSharp model behaves as any module there. Both go through TorchSharp's hooks.
/// </para>
/// <para>
/// Weights are module state under Keras's names: a weight created trainable (<c>kernel</c>, <c>bias</c>,
/// <c>gamma</c>, ...) is a <see cref="Parameter"/>, one created non-trainable (<c>moving_mean</c>, ...) a persistent
/// buffer; tracked layers are child modules. So <c>parameters()</c>, <c>named_parameters()</c>,
/// <c>state_dict()</c>, <c>load_state_dict()</c>, <c>to(dtype)</c>, <c>to(device)</c>, <c>train()</c>,
/// <c>eval()</c> and TorchSharp's optimizers work on layers. Weights leave every dispose scope when created, so a
/// layer built lazily inside a caller's <c>DisposeScope</c> keeps them; they live until the layer is disposed.
/// </para>
/// <para>
/// A TorchSharp optimizer takes its parameter list when it is created, and an unbuilt layer has none yet. So an
/// unbuilt layer that creates weights when built (one that overrides <see cref="CreateWeights"/>) refuses to list
/// its state: <c>parameters()</c>, <c>named_parameters()</c>, <c>buffers()</c>, <c>named_buffers()</c>,
/// <c>state_dict()</c> and <c>load_state_dict()</c> throw <see cref="InvalidOperationException"/> until it is
/// built, as Keras's torch backend raises "Torch parameters are not tracked since all layers are not built"
/// (keras/src/backend/torch/layer.py). Moving an unbuilt layer with <c>to(...)</c> is allowed: its weights are then
/// created in that dtype and on that device.
/// </para>
/// <para>
/// <see cref="Losses"/> holds each trainable weight's regularization penalty and the activity regularization of the
/// last call, divided by its batch size, as Keras computes them. A layer made of layers (<see cref="Sequential"/>,
/// an application's block) tracks them with <see cref="Track{TLayer}"/>: their weights, losses, constraints,
/// <see cref="Trainable"/> flag and disposal then go with this layer's, in Keras's order (own weights first).
/// </para>
/// </remarks>
public abstract class Layer : nn.Module<Tensor, Tensor>, IConfigurable
{
    /// <summary>Whether each layer type overrides <see cref="CreateWeights"/> (Keras's <c>utils.is_default(self.build)</c>).</summary>
    private static readonly ConcurrentDictionary<Type, bool> CreatesWeightsByType = new();

    /// <summary>The layer whose <see cref="Call(Tensor, bool)"/> is on its way to <see cref="forward"/> on this thread, and its mode.</summary>
    [ThreadStatic]
    private static Layer? pendingCall;

    [ThreadStatic]
    private static bool pendingTraining;

    private readonly List<Variable> weights = [];
    private readonly List<Layer> sublayers = [];
    private readonly List<Tensor> callLosses = [];
    private ScalarType weightDtype = ScalarType.Float32;
    private Device weightDevice = CPU;
    private readonly object buildLock = new();
    private bool built;
    private bool locked;
    private bool trainable;
    private bool disposed;
    private int bookkeeping;

    /// <summary>Stores the base hyper-parameters.</summary>
    /// <param name="name">The layer's name (and its module's); a unique snake_case one from the class name unless given.</param>
    /// <param name="trainable">Whether the weights train.</param>
    /// <param name="activityRegularizer">A regularizer of the layer's output, by Keras name, config or object; none unless given.</param>
    /// <exception cref="ArgumentException">The name is empty or blank, or the regularizer is unknown.</exception>
    protected Layer(string? name, bool trainable, object? activityRegularizer)
        : base(name ?? string.Empty)
    {
        if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("name must not be empty or blank; give null for a default name.", nameof(name));
        }

        Name = name ?? LayerNames.Next(KerasNames.ToSnakeCase(GetType().Name));
        this.name = Name;
        this.trainable = trainable;
        ActivityRegularizer = RegularizerRegistry.Get(activityRegularizer, nameof(activityRegularizer));
    }

    /// <summary>Gets the layer's name, which is also its module's name.</summary>
    public string Name { get; }

    /// <summary>Gets a value indicating whether the layer is built (its weights exist): after the first call or <see cref="Build"/>.</summary>
    public bool Built
    {
        get => Volatile.Read(ref built);
        private set => Volatile.Write(ref built, value);
    }

    /// <summary>Gets the input shape the layer was built for (unknown sizes as 1), or null before it is built.</summary>
    public long[]? BuildInputShape { get; private set; }

    /// <summary>Gets the regularizer of the layer's output, or null.</summary>
    public IRegularizer? ActivityRegularizer { get; }

    /// <summary>
    /// Gets or sets whether the weights train (Keras's <c>trainable</c>). Freezing empties
    /// <see cref="TrainableWeights"/>, drops their penalties from <see cref="Losses"/> and sets their
    /// <c>requires_grad</c> to false; they stay parameters, as a frozen PyTorch parameter does. It applies to the
    /// tracked layers too. A frozen <see cref="BatchNormalization"/> also normalizes with its moving statistics.
    /// </summary>
    public bool Trainable
    {
        get => trainable;
        set
        {
            trainable = value;
            foreach (var weight in weights)
            {
                weight.Trainable = value && weight.CreatedTrainable;
            }

            foreach (var layer in sublayers)
            {
                layer.Trainable = value;
            }
        }
    }

    /// <summary>Gets every weight: this layer's in creation order (Keras's order: kernel, then bias), then its tracked layers'. Empty before the layer is built.</summary>
    public IReadOnlyList<Variable> Weights => [.. weights, .. sublayers.SelectMany(layer => layer.Weights)];

    /// <summary>Gets the weights that train.</summary>
    public IReadOnlyList<Variable> TrainableWeights =>
        trainable ? [.. weights.Where(w => w.CreatedTrainable), .. sublayers.SelectMany(layer => layer.TrainableWeights)] : [];

    /// <summary>Gets the weights that do not train: moving statistics, and every weight of a frozen layer.</summary>
    public IReadOnlyList<Variable> NonTrainableWeights =>
        trainable ? [.. weights.Where(w => !w.CreatedTrainable), .. sublayers.SelectMany(layer => layer.NonTrainableWeights)] : Weights;

    /// <summary>Gets the layers this layer tracks (<see cref="Track{TLayer}"/>), in the order they were tracked.</summary>
    public IReadOnlyList<Layer> TrackedLayers => sublayers;

    /// <summary>
    /// Gets the regularization losses, computed anew on each access (the caller owns them; read them inside a
    /// dispose scope): the penalty of every trainable weight with a regularizer (Keras 3 skips frozen weights), then
    /// the activity regularization of the last call divided by its batch size, then the tracked layers' losses.
    /// </summary>
    public IReadOnlyList<Tensor> Losses
    {
        get
        {
            var own = trainable ? weights.Where(w => w.CreatedTrainable && w.Regularizer is not null) : [];
            var losses = own.Select(w => w.Regularizer!.Compute(w.Value)).ToList();
            losses.AddRange(callLosses.Select(loss => loss.alias()));
            losses.AddRange(sublayers.SelectMany(layer => layer.Losses));
            return losses;
        }
    }

    /// <summary>Applies the layer in inference mode (Keras's <c>layer(x)</c>), building its weights for the input's shape on the first call.</summary>
    /// <param name="inputs">The input.</param>
    /// <returns>The output, which the caller owns.</returns>
    /// <exception cref="ArgumentException">The input does not fit the layer (the message says why).</exception>
    /// <exception cref="ObjectDisposedException">The layer is disposed.</exception>
    public Tensor Call(Tensor inputs) => Call(inputs, training: false);

    /// <summary>
    /// Applies the layer, in training mode when <paramref name="training"/> is true (Keras's <c>training=True</c>:
    /// dropout drops, batch normalization uses and updates the batch's statistics); builds on the first call. It
    /// runs through TorchSharp's <c>call</c>, so the module's hooks fire; the module's own
    /// <c>train()</c>/<c>eval()</c> mode is not consulted.
    /// </summary>
    /// <param name="inputs">The input.</param>
    /// <param name="training">Whether this is a training step.</param>
    /// <returns>The output, which the caller owns.</returns>
    /// <exception cref="ArgumentException">The input does not fit the layer (the message says why).</exception>
    /// <exception cref="ObjectDisposedException">The layer is disposed.</exception>
    public Tensor Call(Tensor inputs, bool training)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ObjectDisposedException.ThrowIf(disposed, this);
        var (outerCall, outerTraining) = (pendingCall, pendingTraining);
        (pendingCall, pendingTraining) = (this, training);
        try
        {
            return call(inputs);
        }
        finally
        {
            (pendingCall, pendingTraining) = (outerCall, outerTraining);
        }
    }

    /// <summary>
    /// TorchSharp's entry point (what <c>call</c> runs after the pre-hooks): applies the layer in the mode
    /// <see cref="Call(Tensor, bool)"/> asked for, or else in the module's <c>train()</c>/<c>eval()</c> mode; builds on
    /// the first call. Layers define their computation in <see cref="ComputeOutput"/>, not here.
    /// </summary>
    /// <param name="input">The input.</param>
    /// <returns>The output, which the caller owns.</returns>
    /// <exception cref="ArgumentException">The input does not fit the layer.</exception>
    /// <exception cref="ObjectDisposedException">The layer is disposed.</exception>
    public sealed override Tensor forward(Tensor input)
    {
        var mode = ReferenceEquals(pendingCall, this) ? pendingTraining : training;

        // The mode was asked of this layer only: the layers it calls are asked again by it.
        pendingCall = null;
        return Run(input, x => ComputeOutput(x, mode));
    }

    /// <summary>
    /// Builds the layer for an input shape, as Keras's <c>layer.build(input_shape)</c>: creates its weights, so that
    /// <c>parameters()</c> is complete before the first call (an optimizer made now sees them). Does nothing when
    /// the layer is built already.
    /// </summary>
    /// <param name="inputShape">The input's shape, batch first; null for an unknown size (such as the batch), taken as 1.</param>
    /// <exception cref="ArgumentException">The shape does not fit the layer (the message says why).</exception>
    /// <exception cref="ObjectDisposedException">The layer is disposed.</exception>
    public void Build(long?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ObjectDisposedException.ThrowIf(disposed, this);
        EnsureBuilt(inputShape.Select(size => size ?? 1).ToArray());
    }

    /// <summary>The output shape for an input shape, where null stands for an unknown size (such as the batch).</summary>
    /// <param name="inputShape">The input's shape.</param>
    /// <returns>The output's shape.</returns>
    public abstract long?[] ComputeOutputShape(long?[] inputShape);

    /// <summary>Copies of the weights' values in Keras's order and layout (for a transposed convolution: kernel, then bias), contiguous.</summary>
    /// <returns>New tensors, owned as every op's result is: by the current dispose scope, or by the caller when there is none.</returns>
    public Tensor[] GetWeights() => Weights.Select(w => CopyOf(w.Value)).ToArray();

    /// <summary>Sets the weights' values from tensors in Keras's order and layout.</summary>
    /// <param name="values">One tensor per weight, of its shape.</param>
    /// <exception cref="InvalidOperationException">The layer is not built yet.</exception>
    /// <exception cref="ArgumentException">The count or a shape differs; the message names the weight.</exception>
    public void SetWeights(params Tensor[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!Built)
        {
            throw new InvalidOperationException($"Layer {Name} has no weights yet: call it once (or Build it) before SetWeights.");
        }

        var all = Weights;
        if (values.Length != all.Count)
        {
            throw new ArgumentException(
                $"Layer {Name} has {all.Count} weights ({string.Join(", ", all.Select(w => $"{w.Path} {Tuples.Format(w.Shape)}"))}) but {values.Length} values were given.",
                nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            all[i].Assign(values[i]);
        }
    }

    /// <summary>Projects every weight that has a constraint onto it. Keras's optimizers do this after each update; after a TorchSharp optimizer's <c>step()</c>, call it yourself.</summary>
    public void ApplyConstraints()
    {
        foreach (var weight in Weights)
        {
            weight.ApplyConstraint();
        }
    }

    /// <summary>The layer's Keras config: name and trainable here; subclasses add their arguments.</summary>
    /// <returns>A new config object.</returns>
    public virtual JsonObject GetConfig() => new()
    {
        ["name"] = Name,
        ["trainable"] = trainable,
        ["dtype"] = "float32",
    };

    /// <summary>The parameters and their names; refused while the layer is unbuilt and would create weights when built.</summary>
    /// <param name="recurse">Whether to include the tracked layers' (and child modules') parameters.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="InvalidOperationException">The layer is not built yet, so its weights do not exist.</exception>
    public override IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true)
    {
        ThrowIfStateMissing();
        return base.named_parameters(recurse);
    }

    /// <summary>The buffers (moving statistics) and their names; refused while the layer is unbuilt and would create weights when built.</summary>
    /// <param name="recurse">Whether to include the tracked layers' (and child modules') buffers.</param>
    /// <param name="include_nonpersistent">Whether to include buffers that are not part of the state dict.</param>
    /// <returns>The buffers.</returns>
    /// <exception cref="InvalidOperationException">The layer is not built yet, so its weights do not exist.</exception>
    public override IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true, bool include_nonpersistent = true)
    {
        ThrowIfStateMissing();
        return base.named_buffers(recurse, include_nonpersistent);
    }

    /// <summary>Creates the weights for an input shape, through <see cref="AddWeight"/>; runs once, on the first call or <see cref="Build"/>. By default there are none.</summary>
    /// <param name="inputShape">The input's shape (unknown sizes as 1).</param>
    protected virtual void CreateWeights(long[] inputShape)
    {
    }

    /// <summary>Computes the layer's output; the weights exist. This is Keras's <c>call()</c>: the per-layer computation every entry point runs.</summary>
    /// <param name="inputs">The input.</param>
    /// <param name="training">Whether this is a training step (dropout drops, batch normalization uses the batch's statistics).</param>
    /// <returns>The output, a new tensor the caller owns (never the input object itself).</returns>
    protected abstract Tensor ComputeOutput(Tensor inputs, bool training);

    /// <summary>
    /// The one path of every call: checks the input and the layer, builds on first use, computes with
    /// <paramref name="compute"/>, and records the activity regularization of the output.
    /// </summary>
    /// <param name="inputs">The input (the first one, for a layer of several inputs).</param>
    /// <param name="compute">The computation, given the input once the weights exist.</param>
    /// <returns>The output, which the caller owns.</returns>
    /// <exception cref="ObjectDisposedException">The layer is disposed.</exception>
    protected Tensor Run(Tensor inputs, Func<Tensor, Tensor> compute)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(compute);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (inputs.IsInvalid)
        {
            throw new ArgumentException(
                $"Layer {Name} was given a disposed tensor (disposed directly, or by the dispose scope it was created in); keep the input alive until the call returns.", nameof(inputs));
        }

        // libtorch ends the process, rather than throwing, on some mixes of integer and floating operands.
        if (!inputs.is_floating_point() && CreatesWeights(GetType()))
        {
            throw new ArgumentException(
                $"Layer {Name} computes with floating-point weights; received a {inputs.dtype} tensor {Tuples.Format(inputs.shape)}. Convert it first, for example with .to(torch.float32).", nameof(inputs));
        }

        EnsureBuilt(inputs.shape);
        var output = compute(inputs);
        RecordActivityLoss(output);
        return output;
    }

    /// <summary>
    /// Tracks a layer this layer is made of, registering it as a child module: its weights, losses, constraints,
    /// trainable flag and disposal go with this layer's from then on. This layer owns it.
    /// </summary>
    /// <typeparam name="TLayer">The layer's type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="moduleName">Its name among this module's children (the prefix of its <c>state_dict</c> keys); its index among the tracked layers ("0", "1", ...) unless given.</param>
    /// <returns>The layer.</returns>
    /// <exception cref="ArgumentException">The layer is this one or tracked already, or the name is taken.</exception>
    protected TLayer Track<TLayer>(TLayer layer, string? moduleName = null)
        where TLayer : Layer
    {
        ArgumentNullException.ThrowIfNull(layer);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (ReferenceEquals(layer, this) || sublayers.Contains(layer))
        {
            throw new ArgumentException($"Layer {layer.Name} is {(ReferenceEquals(layer, this) ? "this layer itself" : "tracked already")}; a layer holds each of its layers once.", nameof(layer));
        }

        RegisterChild(moduleName ?? sublayers.Count.ToString(CultureInfo.InvariantCulture), layer, nameof(moduleName));
        if (!trainable)
        {
            layer.Trainable = false;
        }

        sublayers.Add(layer);
        return layer;
    }

    /// <summary>Creates a weight and registers it in the module; only <see cref="CreateWeights"/> (or the constructor) may call this.</summary>
    /// <param name="name">The weight's name, such as "kernel": its name in the module and its <c>state_dict</c> key.</param>
    /// <param name="shape">Its shape.</param>
    /// <param name="initializer">What fills it (asked once, with <paramref name="shape"/> and the layer's dtype, float32 unless moved).</param>
    /// <param name="regularizer">Its penalty in <see cref="Losses"/>, or null.</param>
    /// <param name="constraint">Its projection in <see cref="ApplyConstraints"/>, or null.</param>
    /// <param name="trainable">Whether it trains (while the layer does): a <see cref="Parameter"/> if so, a persistent buffer if not.</param>
    /// <returns>The weight, contiguous: TorchSharp's <c>save()</c> and other file formats refuse or garble other layouts.</returns>
    /// <exception cref="InvalidOperationException">The layer is already built: state belongs in <see cref="CreateWeights"/>.</exception>
    /// <exception cref="ArgumentException">The name is empty, holds a '.', or is taken; or the weight would exceed <see cref="MemoryBudget.CurrentMaxTensorBytes"/>.</exception>
    protected Variable AddWeight(string name, long[] shape, IInitializer initializer, IRegularizer? regularizer = null, IConstraint? constraint = null, bool trainable = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(initializer);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (locked)
        {
            throw new InvalidOperationException(
                $"Layer {Name} is already built, so it cannot create the weight '{name}' now. Create weights in CreateWeights(), which runs once, on the first call or Build().");
        }

        if (name.Contains('.', StringComparison.Ordinal) || weights.Any(w => w.Name == name))
        {
            throw new ArgumentException($"Layer {Name} cannot name a weight '{name}': names are unique within a layer and hold no '.' (it separates module names).", nameof(name));
        }

        MemoryBudget.Check(shape, weightDtype, $"Layer {Name}'s weight '{name}'", nameof(shape));
        using var scope = torch.NewDisposeScope();
        var value = initializer.Initialize(shape, weightDtype);
        if (!value.is_contiguous())
        {
            value = value.contiguous();
        }

        if (value.device != weightDevice)
        {
            value = value.to(weightDevice);
        }

        var leaf = value.detach();
        if (trainable)
        {
            var parameter = new Parameter(leaf, requires_grad: this.trainable);
            register_parameter(name, (Parameter)parameter.DetachFromDisposeScope());
        }
        else
        {
            register_buffer(name, leaf.DetachFromDisposeScope());
        }

        var weight = new Variable(this, name, name, $"{Name}/{name}", isBuffer: !trainable, createdTrainable: trainable, regularizer, constraint);
        weights.Add(weight);
        return weight;
    }

    /// <summary>Takes a TorchSharp module as a child: registers it and adds its parameters (trainable) and persistent buffers to <see cref="Weights"/>.</summary>
    /// <param name="moduleName">Its name among this module's children.</param>
    /// <param name="module">The module; this layer owns it from then on.</param>
    private protected void TrackModule(string moduleName, nn.Module module)
    {
        RegisterChild(moduleName, module, nameof(moduleName));
        foreach (var (name, parameter) in module.named_parameters())
        {
            weights.Add(new Variable(this, $"{moduleName}.{name}", $"{moduleName}.{name}", $"{Name}/{moduleName}.{name}", isBuffer: false, createdTrainable: parameter.requires_grad, null, null));
        }

        foreach (var (name, _) in module.named_buffers(include_nonpersistent: false))
        {
            weights.Add(new Variable(this, $"{moduleName}.{name}", $"{moduleName}.{name}", $"{Name}/{moduleName}.{name}", isBuffer: true, createdTrainable: false, null, null));
        }
    }

    /// <summary>Does nothing: a layer registers its state itself (<see cref="AddWeight"/>, <see cref="Track{TLayer}"/>), so its private fields are never scanned into the module.</summary>
    protected override void RegisterComponents()
    {
    }

    /// <summary>Records the dtype and device weights are created in, then lets TorchSharp move the existing ones.</summary>
    /// <param name="dtype">The new dtype, or null.</param>
    /// <param name="device">The new device, or null.</param>
    /// <param name="non_blocking">Whether to copy asynchronously where possible.</param>
    protected override void _toEpilog(ScalarType? dtype, Device? device, bool non_blocking)
    {
        if (dtype is { } newDtype)
        {
            weightDtype = newDtype;
        }

        if (device is not null)
        {
            weightDevice = device;
        }

        bookkeeping++;
        try
        {
            base._toEpilog(dtype, device, non_blocking);
        }
        finally
        {
            bookkeeping--;
        }
    }

    /// <summary>Frees every weight, the tracked layers and the last activity loss.</summary>
    /// <param name="disposing">Whether called from <c>Dispose()</c>.</param>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;
            foreach (var loss in callLosses)
            {
                loss.Dispose();
            }

            callLosses.Clear();

            // TorchSharp's Dispose walks every descendant at every level (named_modules()), which grows with the cube of
            // the depth: 800 nested models took 19 s. Each child disposes its own children, so the walk below stays short.
            foreach (var (_, child) in named_children().ToList())
            {
                child.Dispose();
            }

            _internal_submodules.clear();
        }

        bookkeeping++;
        try
        {
            base.Dispose(disposing);
        }
        finally
        {
            bookkeeping--;
        }
    }

    private static Tensor CopyOf(Tensor value)
    {
        using var detached = value.detach();
        return detached.is_contiguous() ? detached.clone() : detached.contiguous();
    }

    /// <summary>Keras's <c>utils.is_default(self.build)</c>: whether a layer type creates weights when it is built.</summary>
    private static bool CreatesWeights(Type type) =>
        CreatesWeightsByType.GetOrAdd(type, t => t.GetMethod(nameof(CreateWeights), BindingFlags.Instance | BindingFlags.NonPublic, [typeof(long[])])?.DeclaringType != typeof(Layer));

    private void RegisterChild(string moduleName, nn.Module module, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(moduleName) || moduleName.Contains('.', StringComparison.Ordinal) || named_children().Any(child => child.name == moduleName))
        {
            throw new ArgumentException($"Layer {Name} cannot name a child module '{moduleName}': names are unique, not empty and hold no '.'.", parameterName);
        }

        register_module(moduleName, module);
    }

    private void EnsureBuilt(long[] inputShape)
    {
        if (Built)
        {
            return;
        }

        // The first calls may come from several threads at once (a server's requests): one builds, the others wait
        // and then use its weights, so there is never a second set.
        lock (buildLock)
        {
            if (Built)
            {
                return;
            }

            // Temporaries of building are freed here; the weights have left every scope in AddWeight.
            using var scope = torch.NewDisposeScope();
            CreateWeights(inputShape);
            BuildInputShape = (long[])inputShape.Clone();
            locked = true;
            Built = true;
        }
    }

    private void ThrowIfStateMissing()
    {
        if (!Built && bookkeeping == 0 && !disposed && CreatesWeights(GetType()))
        {
            throw new InvalidOperationException(
                $"Layer {Name} is not built yet, so its weights do not exist: an optimizer given its parameters now would train nothing. " +
                "Call Build(inputShape) (for example Build([null, 28, 28, 1])) or call the layer once first; a Sequential also takes its inputShape at construction.");
        }
    }

    private void RecordActivityLoss(Tensor output)
    {
        if (ActivityRegularizer is null)
        {
            return;
        }

        foreach (var loss in callLosses)
        {
            loss.Dispose();
        }

        callLosses.Clear();
        using var scope = torch.NewDisposeScope();
        var penalty = ActivityRegularizer.Compute(output);
        var batch = output.dim() == 0 ? 1 : output.shape[0];
        var perExample = batch == 0 ? penalty * 0 : penalty / batch;
        callLosses.Add(perExample.DetachFromDisposeScope());
    }
}

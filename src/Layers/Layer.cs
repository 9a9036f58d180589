// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using LayersFramework.Constraints;
using LayersFramework.Initializers;
using LayersFramework.Regularizers;
using LayersFramework.Torch;

namespace LayersFramework.Layers;

/// <summary>
/// The base of every layer, with Keras's lifecycle: the constructor validates and stores hyper-parameters only;
/// the first <see cref="Call(Tensor)"/> builds the weights for the input's shape (<see cref="Build"/>, through
/// <see cref="AddWeight"/>) and locks weight creation; every call computes <see cref="Forward(Tensor, bool)"/>.
/// </summary>
/// <remarks>
/// <para>
/// Weights live until the layer is disposed; no dispose scope frees them. <see cref="Losses"/> holds each weight's
/// regularization penalty and the activity regularization of the last call, divided by its batch size, as
/// Keras computes them.
/// </para>
/// <para>
/// A layer made of layers (<see cref="Sequential"/>, an application's block) tracks them with
/// <see cref="Track{TLayer}"/>, as Keras tracks the layers a layer holds: their weights, losses, constraints,
/// <see cref="Trainable"/> flag and disposal then go with this layer's, in Keras's order (own weights first).
/// </para>
/// </remarks>
public abstract class Layer : IConfigurable, IDisposable
{
    private readonly List<Variable> weights = [];
    private readonly List<Layer> sublayers = [];
    private readonly Dictionary<Variable, bool> createdTrainable = [];
    private Tensor? activityLoss;
    private bool locked;
    private bool trainable;
    private bool disposed;

    /// <summary>Stores the base hyper-parameters.</summary>
    /// <param name="name">The layer's name; a unique snake_case one from the class name unless given.</param>
    /// <param name="trainable">Whether the weights train.</param>
    /// <param name="activityRegularizer">A regularizer of the layer's output, by Keras name, config or object; none unless given.</param>
    protected Layer(string? name, bool trainable, object? activityRegularizer)
    {
        if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("name must not be empty or blank; give null for a default name.", nameof(name));
        }

        Name = name ?? LayerNames.Next(KerasNames.ToSnakeCase(GetType().Name));
        this.trainable = trainable;
        ActivityRegularizer = RegularizerRegistry.Get(activityRegularizer, nameof(activityRegularizer));
    }

    /// <summary>Gets the layer's name.</summary>
    public string Name { get; }

    /// <summary>Gets a value indicating whether the weights exist (after the first call).</summary>
    public bool Built { get; private set; }

    /// <summary>Gets the regularizer of the layer's output, or null.</summary>
    public IRegularizer? ActivityRegularizer { get; }

    /// <summary>Gets or sets whether the weights train; freezing empties <see cref="TrainableWeights"/> and stops their gradients.</summary>
    public bool Trainable
    {
        get => trainable;
        set
        {
            trainable = value;
            foreach (var weight in weights)
            {
                weight.Trainable = value && createdTrainable[weight];
            }

            foreach (var layer in sublayers)
            {
                layer.Trainable = value;
            }
        }
    }

    /// <summary>Gets every weight: this layer's in creation order (Keras's order: kernel, then bias), then its tracked layers'.</summary>
    public IReadOnlyList<Variable> Weights => [.. weights, .. sublayers.SelectMany(layer => layer.Weights)];

    /// <summary>Gets the weights that train.</summary>
    public IReadOnlyList<Variable> TrainableWeights =>
        trainable ? [.. weights.Where(w => createdTrainable[w]), .. sublayers.SelectMany(layer => layer.TrainableWeights)] : [];

    /// <summary>Gets the weights that do not train.</summary>
    public IReadOnlyList<Variable> NonTrainableWeights =>
        trainable ? [.. weights.Where(w => !createdTrainable[w]), .. sublayers.SelectMany(layer => layer.NonTrainableWeights)] : Weights;

    /// <summary>Gets the layers this layer tracks (<see cref="Track{TLayer}"/>), in the order they were tracked.</summary>
    public IReadOnlyList<Layer> TrackedLayers => sublayers;

    /// <summary>
    /// Gets the regularization losses, computed anew on each access (the caller owns them; read them inside a
    /// <see cref="DisposeScope"/>): the penalty of every trainable weight with a regularizer (Keras 3 skips frozen
    /// weights), then the activity regularization of the last call divided by its batch size.
    /// </summary>
    public IReadOnlyList<Tensor> Losses
    {
        get
        {
            var own = trainable ? weights.Where(w => createdTrainable[w] && w.Regularizer is not null) : [];
            var losses = own.Select(w => w.Regularizer!.Compute(w.Value)).ToList();
            if (activityLoss is not null)
            {
                losses.Add(activityLoss.Alias());
            }

            losses.AddRange(sublayers.SelectMany(layer => layer.Losses));
            return losses;
        }
    }

    /// <summary>Applies the layer in inference mode, building its weights for the input's shape on the first call.</summary>
    /// <param name="inputs">The input.</param>
    /// <returns>The output, which the caller owns.</returns>
    /// <exception cref="ArgumentException">The input does not fit the layer (the message says why).</exception>
    public Tensor Call(Tensor inputs) => Call(inputs, training: false);

    /// <summary>
    /// Applies the layer, in training mode when <paramref name="training"/> is true (Keras's <c>training=True</c>:
    /// dropout drops, batch normalization uses and updates the batch's statistics); builds on the first call.
    /// </summary>
    /// <param name="inputs">The input.</param>
    /// <param name="training">Whether this is a training step.</param>
    /// <returns>The output, which the caller owns.</returns>
    /// <exception cref="ArgumentException">The input does not fit the layer (the message says why).</exception>
    public Tensor Call(Tensor inputs, bool training) => Run(inputs, x => Forward(x, training));

    /// <summary>The output shape for an input shape, where null stands for an unknown size (such as the batch).</summary>
    /// <param name="inputShape">The input's shape.</param>
    /// <returns>The output's shape.</returns>
    public abstract long?[] ComputeOutputShape(long?[] inputShape);

    /// <summary>Copies of the weights' values in Keras's order and layout (for a transposed convolution: kernel, then bias).</summary>
    /// <returns>New tensors, owned as every op's result is: by the current <see cref="DisposeScope"/>, or by the caller when there is none.</returns>
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
            throw new InvalidOperationException($"Layer {Name} has no weights yet: call it once (or build it) before SetWeights.");
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

    /// <summary>Projects every weight that has a constraint onto it; optimizers call this after each update (Keras's rule).</summary>
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

    /// <summary>Frees every weight.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees every weight and the last activity loss.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposed || !disposing)
        {
            return;
        }

        foreach (var weight in weights)
        {
            weight.Dispose();
        }

        foreach (var layer in sublayers)
        {
            layer.Dispose();
        }

        activityLoss?.Dispose();
        disposed = true;
    }

    /// <summary>Builds the layer for a shape whose unknown sizes (null, such as the batch) are taken as 1, as Keras's build_config does.</summary>
    /// <param name="inputShape">The input's shape.</param>
    internal void BuildFor(long?[] inputShape) => EnsureBuilt(inputShape.Select(size => size ?? 1).ToArray());

    /// <summary>Gets the input shape the layer was built for, or null before the first call.</summary>
    public long[]? BuildInputShape { get; private set; }

    /// <summary>Builds the layer for an input shape when it has not been built yet, then locks weight creation.</summary>
    /// <param name="inputShape">The input's shape.</param>
    protected void EnsureBuilt(long[] inputShape)
    {
        if (!Built)
        {
            Build(inputShape);
            BuildInputShape = (long[])inputShape.Clone();
            Built = true;
            locked = true;
        }
    }

    /// <summary>
    /// The one path of every call: checks the input and the layer, builds on first use, computes with
    /// <paramref name="forward"/>, and records the activity regularization of the output.
    /// </summary>
    /// <param name="inputs">The input.</param>
    /// <param name="forward">The computation, given the input once the weights exist.</param>
    /// <returns>The output, which the caller owns.</returns>
    protected Tensor Run(Tensor inputs, Func<Tensor, Tensor> forward)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(forward);
        ObjectDisposedException.ThrowIf(disposed, this);
        EnsureBuilt(inputs.Shape);
        var output = forward(inputs);
        RecordActivityLoss(output);
        return output;
    }

    /// <summary>Creates the weights for an input shape, through <see cref="AddWeight"/>.</summary>
    /// <param name="inputShape">The input's shape.</param>
    protected abstract void Build(long[] inputShape);

    /// <summary>Computes the output in inference mode; the weights exist.</summary>
    /// <param name="inputs">The input.</param>
    /// <returns>The output.</returns>
    protected abstract Tensor Forward(Tensor inputs);

    /// <summary>Computes the output; layers that behave differently in training (dropout, batch normalization) override this.</summary>
    /// <param name="inputs">The input.</param>
    /// <param name="training">Whether this is a training step.</param>
    /// <returns>The output.</returns>
    protected virtual Tensor Forward(Tensor inputs, bool training) => Forward(inputs);

    /// <summary>
    /// Tracks a layer this layer is made of: its weights, losses, constraints, trainable flag and disposal go with
    /// this layer's from then on. This layer owns it.
    /// </summary>
    /// <typeparam name="TLayer">The layer's type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <returns>The layer.</returns>
    /// <exception cref="ArgumentException">The layer is this one, or tracked already.</exception>
    protected TLayer Track<TLayer>(TLayer layer)
        where TLayer : Layer
    {
        ArgumentNullException.ThrowIfNull(layer);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (ReferenceEquals(layer, this) || sublayers.Contains(layer))
        {
            throw new ArgumentException($"Layer {layer.Name} is {(ReferenceEquals(layer, this) ? "this layer itself" : "tracked already")}; a layer holds each of its layers once.", nameof(layer));
        }

        if (!trainable)
        {
            layer.Trainable = false;
        }

        sublayers.Add(layer);
        return layer;
    }

    /// <summary>Creates a weight; only <see cref="Build"/> may call this.</summary>
    /// <param name="name">The weight's name, such as "kernel".</param>
    /// <param name="shape">Its shape.</param>
    /// <param name="initializer">What fills it (asked once, with <paramref name="shape"/>).</param>
    /// <param name="regularizer">Its penalty in <see cref="Losses"/>, or null.</param>
    /// <param name="constraint">Its projection in <see cref="ApplyConstraints"/>, or null.</param>
    /// <param name="trainable">Whether it trains (while the layer does).</param>
    /// <param name="storageOrder">
    /// The permutation of the weight's axes whose view is contiguous in memory, or null for the usual row-major
    /// layout. The weight keeps its shape (Keras's layout); only its strides change. A convolution stores its
    /// kernel in libtorch's order this way, so libtorch gets it without a copy on every call.
    /// </param>
    /// <returns>The weight.</returns>
    /// <exception cref="InvalidOperationException">The layer is already built: state belongs in <see cref="Build"/>.</exception>
    protected Variable AddWeight(string name, long[] shape, IInitializer initializer, IRegularizer? regularizer = null, IConstraint? constraint = null, bool trainable = true, long[]? storageOrder = null)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        if (locked)
        {
            throw new InvalidOperationException(
                $"Layer {Name} is already built, so it cannot create the weight '{name}' now. Create weights in Build(), which runs once on the first call.");
        }

        var value = initializer.Initialize(shape);
        if (storageOrder is not null)
        {
            value = StoredIn(value, storageOrder);
        }

        value.RequiresGrad = trainable && this.trainable;
        var weight = new Variable(name, $"{Name}/{name}", value, trainable && this.trainable, regularizer, constraint);
        weights.Add(weight);
        createdTrainable[weight] = trainable;
        return weight;
    }

    /// <summary>The same values with the same shape, in memory laid out so that <c>Permute(order)</c> is contiguous; a leaf.</summary>
    private static Tensor StoredIn(Tensor value, long[] order)
    {
        using var scope = new DisposeScope();
        var inverse = new long[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            inverse[order[i]] = i;
        }

        var stored = value.Permute(order).Contiguous().Permute(inverse).Detach();
        value.Dispose();
        return scope.MoveToOuter(stored);
    }

    private static Tensor CopyOf(Tensor value)
    {
        using var detached = value.Detach();
        return detached.Clone();
    }

    private void RecordActivityLoss(Tensor output)
    {
        if (ActivityRegularizer is null)
        {
            return;
        }

        activityLoss?.Dispose();
        using var scope = new DisposeScope();
        var penalty = ActivityRegularizer.Compute(output);
        var batch = output.Rank == 0 ? 1 : output.Size(0);
        activityLoss = scope.Detach(batch == 0 ? penalty * 0 : penalty / batch);
    }
}

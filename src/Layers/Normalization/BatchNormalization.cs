// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using LayersFramework.Constraints;
using LayersFramework.Initializers;
using LayersFramework.Regularizers;
using LayersFramework.Torch;

namespace LayersFramework.Layers;

/// <summary>
/// Keras's <c>BatchNormalization</c> over one feature axis (the last unless given).
/// </summary>
/// <remarks>
/// <para>
/// Training (<c>Call(x, training: true)</c> while the layer trains): normalizes with the batch's mean and biased
/// variance over every other axis, <c>gamma · (x − mean) / sqrt(var + epsilon) + beta</c>, and then updates the
/// moving statistics as Keras does, <c>moving = moving · momentum + batch · (1 − momentum)</c> (with the biased
/// variance, unlike PyTorch's running variance).
/// </para>
/// <para>
/// Inference (and training of a frozen layer, as in Keras since TF 2): normalizes with the moving statistics.
/// Weights in Keras's order: gamma, beta (trainable), moving_mean, moving_variance (never trainable).
/// </para>
/// </remarks>
public sealed class BatchNormalization : Layer
{
    private Variable? gamma;
    private Variable? beta;
    private Variable? movingMean;
    private Variable? movingVariance;
    private int featureAxis;

    /// <summary>Validates and stores Keras's arguments; the weights come with the first call.</summary>
    /// <param name="axis">The feature axis (negative counts from the end); -1 unless given.</param>
    /// <param name="momentum">The moving statistics' momentum, 0 to 1; 0.99 unless given.</param>
    /// <param name="epsilon">Added to the variance, more than 0; 0.001 unless given.</param>
    /// <param name="center">Whether to add beta.</param>
    /// <param name="scale">Whether to multiply by gamma.</param>
    /// <param name="betaInitializer">Beta's initializer; "zeros" unless given.</param>
    /// <param name="gammaInitializer">Gamma's initializer; "ones" unless given.</param>
    /// <param name="movingMeanInitializer">The moving mean's initializer; "zeros" unless given.</param>
    /// <param name="movingVarianceInitializer">The moving variance's initializer; "ones" unless given.</param>
    /// <param name="betaRegularizer">Beta's regularizer, or null.</param>
    /// <param name="gammaRegularizer">Gamma's regularizer, or null.</param>
    /// <param name="betaConstraint">Beta's constraint, or null.</param>
    /// <param name="gammaConstraint">Gamma's constraint, or null.</param>
    /// <param name="trainable">Whether gamma and beta train (and the layer uses batch statistics in training).</param>
    /// <param name="name">The layer's name; unique from the class name unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException">momentum or epsilon is out of range.</exception>
    /// <exception cref="ArgumentException">A component name is unknown.</exception>
    public BatchNormalization(
        int axis = -1,
        double momentum = 0.99,
        double epsilon = 1e-3,
        bool center = true,
        bool scale = true,
        object? betaInitializer = null,
        object? gammaInitializer = null,
        object? movingMeanInitializer = null,
        object? movingVarianceInitializer = null,
        object? betaRegularizer = null,
        object? gammaRegularizer = null,
        object? betaConstraint = null,
        object? gammaConstraint = null,
        bool trainable = true,
        string? name = null)
        : base(name, trainable, activityRegularizer: null)
    {
        if (!(momentum >= 0 && momentum <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, string.Create(CultureInfo.InvariantCulture, $"momentum must be between 0 and 1; received momentum={momentum}."));
        }

        if (!(epsilon > 0) || double.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, string.Create(CultureInfo.InvariantCulture, $"epsilon must be a finite number more than 0; received epsilon={epsilon}."));
        }

        Axis = axis;
        Momentum = momentum;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        BetaInitializer = InitializerRegistry.Get(betaInitializer ?? "zeros", nameof(betaInitializer))!;
        GammaInitializer = InitializerRegistry.Get(gammaInitializer ?? "ones", nameof(gammaInitializer))!;
        MovingMeanInitializer = InitializerRegistry.Get(movingMeanInitializer ?? "zeros", nameof(movingMeanInitializer))!;
        MovingVarianceInitializer = InitializerRegistry.Get(movingVarianceInitializer ?? "ones", nameof(movingVarianceInitializer))!;
        BetaRegularizer = RegularizerRegistry.Get(betaRegularizer, nameof(betaRegularizer));
        GammaRegularizer = RegularizerRegistry.Get(gammaRegularizer, nameof(gammaRegularizer));
        BetaConstraint = ConstraintRegistry.Get(betaConstraint, nameof(betaConstraint));
        GammaConstraint = ConstraintRegistry.Get(gammaConstraint, nameof(gammaConstraint));
    }

    /// <summary>Gets the feature axis as given.</summary>
    public int Axis { get; }

    /// <summary>Gets the moving statistics' momentum.</summary>
    public double Momentum { get; }

    /// <summary>Gets the variance epsilon.</summary>
    public double Epsilon { get; }

    /// <summary>Gets a value indicating whether beta is added.</summary>
    public bool Center { get; }

    /// <summary>Gets a value indicating whether gamma multiplies.</summary>
    public bool Scale { get; }

    /// <summary>Gets beta's initializer.</summary>
    public IInitializer BetaInitializer { get; }

    /// <summary>Gets gamma's initializer.</summary>
    public IInitializer GammaInitializer { get; }

    /// <summary>Gets the moving mean's initializer.</summary>
    public IInitializer MovingMeanInitializer { get; }

    /// <summary>Gets the moving variance's initializer.</summary>
    public IInitializer MovingVarianceInitializer { get; }

    /// <summary>Gets beta's regularizer, or null.</summary>
    public IRegularizer? BetaRegularizer { get; }

    /// <summary>Gets gamma's regularizer, or null.</summary>
    public IRegularizer? GammaRegularizer { get; }

    /// <summary>Gets beta's constraint, or null.</summary>
    public IConstraint? BetaConstraint { get; }

    /// <summary>Gets gamma's constraint, or null.</summary>
    public IConstraint? GammaConstraint { get; }

    /// <summary>Gets the moving mean; null before the first call.</summary>
    public Variable? MovingMean => movingMean;

    /// <summary>Gets the moving variance; null before the first call.</summary>
    public Variable? MovingVariance => movingVariance;

    /// <summary>Creates the layer from its Keras config (an axis given as a one-element list, as Keras 3 writes it, is read too).</summary>
    /// <param name="config">The config.</param>
    /// <param name="catalog">Resolves the components the config names; the built-ins when null.</param>
    /// <returns>The layer, not yet built.</returns>
    public static BatchNormalization FromConfig(JsonObject? config, ComponentCatalog? catalog = null)
    {
        var reader = new LayerConfigReader(config, nameof(BatchNormalization), catalog);
        var axes = reader.Values.Ints("axis", [-1]);
        if (axes.Length != 1)
        {
            throw new ArgumentException($"The config of BatchNormalization has axis {Tuples.Format(axes)}; one feature axis is supported.", nameof(config));
        }

        var layer = new BatchNormalization(
            axes[0],
            reader.Values.Number("momentum", 0.99),
            reader.Values.Number("epsilon", 1e-3),
            reader.Values.Boolean("center", true),
            reader.Values.Boolean("scale", true),
            reader.Initializer("beta_initializer", "betaInitializer"),
            reader.Initializer("gamma_initializer", "gammaInitializer"),
            reader.Initializer("moving_mean_initializer", "movingMeanInitializer"),
            reader.Initializer("moving_variance_initializer", "movingVarianceInitializer"),
            reader.Regularizer("beta_regularizer", "betaRegularizer"),
            reader.Regularizer("gamma_regularizer", "gammaRegularizer"),
            reader.Constraint("beta_constraint", "betaConstraint"),
            reader.Constraint("gamma_constraint", "gammaConstraint"),
            reader.Trainable,
            reader.Name);
        _ = reader.Values.Boolean("synchronized", false); // Keras 3 writes it; one device here, so it changes nothing.

        // tf-keras writes the batch-renormalization keys; renormalization is not built here, so it is refused rather than ignored.
        if (reader.Values.Boolean("renorm", false))
        {
            throw new ArgumentException("The config of BatchNormalization has renorm true; batch renormalization is not supported, so only false is accepted.", nameof(config));
        }

        _ = reader.Values.Node("renorm_clipping");
        _ = reader.Values.OptionalNumber("renorm_momentum");
        reader.EnsureNoOtherKeys();
        return layer;
    }

    /// <inheritdoc/>
    public override long?[] ComputeOutputShape(long?[] inputShape) => inputShape;

    /// <inheritdoc/>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = Axis;
        config["momentum"] = Momentum;
        config["epsilon"] = Epsilon;
        config["center"] = Center;
        config["scale"] = Scale;
        config["beta_initializer"] = InitializerRegistry.Serialize(BetaInitializer);
        config["gamma_initializer"] = InitializerRegistry.Serialize(GammaInitializer);
        config["moving_mean_initializer"] = InitializerRegistry.Serialize(MovingMeanInitializer);
        config["moving_variance_initializer"] = InitializerRegistry.Serialize(MovingVarianceInitializer);
        config["beta_regularizer"] = RegularizerRegistry.Serialize(BetaRegularizer);
        config["gamma_regularizer"] = RegularizerRegistry.Serialize(GammaRegularizer);
        config["beta_constraint"] = ConstraintRegistry.Serialize(BetaConstraint);
        config["gamma_constraint"] = ConstraintRegistry.Serialize(GammaConstraint);
        return config;
    }

    /// <inheritdoc/>
    protected override void Build(long[] inputShape)
    {
        featureAxis = AxisFor(inputShape.Length, nameof(inputShape));
        long[] shape = [inputShape[featureAxis]];
        if (Scale)
        {
            gamma = AddWeight("gamma", shape, GammaInitializer, GammaRegularizer, GammaConstraint);
        }

        if (Center)
        {
            beta = AddWeight("beta", shape, BetaInitializer, BetaRegularizer, BetaConstraint);
        }

        movingMean = AddWeight("moving_mean", shape, MovingMeanInitializer, trainable: false);
        movingVariance = AddWeight("moving_variance", shape, MovingVarianceInitializer, trainable: false);
    }

    /// <inheritdoc/>
    protected override Tensor Forward(Tensor inputs) => Forward(inputs, training: false);

    /// <inheritdoc/>
    protected override Tensor Forward(Tensor inputs, bool training)
    {
        var axis = AxisFor(inputs.Rank, nameof(inputs));
        if (axis != featureAxis || inputs.Size(axis) != movingMean!.Shape[0])
        {
            throw new ArgumentException(
                $"Layer {Name} was built for {movingMean!.Shape[0]} features on axis {featureAxis}; received {Tuples.Format(inputs.Shape)}.", nameof(inputs));
        }

        using var scope = new DisposeScope();
        long[] reduced = Enumerable.Range(0, inputs.Rank).Where(i => i != axis).Select(i => (long)i).ToArray();
        long[] broadcast = Enumerable.Range(0, inputs.Rank).Select(i => i == axis ? inputs.Size(axis) : 1L).ToArray();
        Tensor mean, variance;
        if (training && Trainable)
        {
            mean = inputs.Mean(reduced, keepDim: true);
            variance = inputs.Var(reduced, correction: 0, keepDim: true);
            UpdateMovingStatistics(mean.Reshape(-1), variance.Reshape(-1));
        }
        else
        {
            mean = movingMean.Value.Reshape(broadcast);
            variance = movingVariance!.Value.Reshape(broadcast);
        }

        var result = (inputs - mean) * (variance + Epsilon).Rsqrt();
        if (gamma is not null)
        {
            result = result * gamma.Value.Reshape(broadcast);
        }

        if (beta is not null)
        {
            result = result + beta.Value.Reshape(broadcast);
        }

        return scope.MoveToOuter(result);
    }

    private void UpdateMovingStatistics(Tensor batchMean, Tensor batchVariance)
    {
        using (Autograd.NoGrad())
        {
            movingMean!.Assign((movingMean.Value * Momentum) + (batchMean * (1 - Momentum)));
            movingVariance!.Assign((movingVariance.Value * Momentum) + (batchVariance * (1 - Momentum)));
        }
    }

    private int AxisFor(int rank, string parameterName)
    {
        var axis = Axis < 0 ? rank + Axis : Axis;
        if (rank < 2 || axis < 0 || axis >= rank || axis == 0)
        {
            throw new ArgumentException($"Layer {Name} normalizes axis {Axis}, which inputs of rank {rank} (batch first) do not have as a feature axis.", parameterName);
        }

        return axis;
    }
}

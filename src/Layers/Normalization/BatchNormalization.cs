// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using LayersFramework.Constraints;
using LayersFramework.Engine;
using LayersFramework.Initializers;
using LayersFramework.Regularizers;
using TorchSharp;
using static TorchSharp.torch;

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
    // Not named after the weights: TorchSharp's to(dtype) assigns a replaced parameter to a field of its name.
    private Variable? gammaWeight;
    private Variable? betaWeight;
    private Variable? movingMeanWeight;
    private Variable? movingVarianceWeight;
    private int featureAxis;
    private long[] reducedAxes = [];
    private long[] broadcastShape = [];

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
        : this(
            axis,
            momentum,
            epsilon,
            center,
            scale,
            new BatchNormalizationComponents(betaInitializer, gammaInitializer, movingMeanInitializer, movingVarianceInitializer, betaRegularizer, gammaRegularizer, betaConstraint, gammaConstraint),
            trainable,
            name)
    {
    }

    private BatchNormalization(int axis, double momentum, double epsilon, bool center, bool scale, BatchNormalizationComponents components, bool trainable, string? name)
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
        BetaInitializer = InitializerRegistry.Get(components.BetaInitializer ?? "zeros", "betaInitializer")!;
        GammaInitializer = InitializerRegistry.Get(components.GammaInitializer ?? "ones", "gammaInitializer")!;
        MovingMeanInitializer = InitializerRegistry.Get(components.MovingMeanInitializer ?? "zeros", "movingMeanInitializer")!;
        MovingVarianceInitializer = InitializerRegistry.Get(components.MovingVarianceInitializer ?? "ones", "movingVarianceInitializer")!;
        BetaRegularizer = RegularizerRegistry.Get(components.BetaRegularizer, "betaRegularizer");
        GammaRegularizer = RegularizerRegistry.Get(components.GammaRegularizer, "gammaRegularizer");
        BetaConstraint = ConstraintRegistry.Get(components.BetaConstraint, "betaConstraint");
        GammaConstraint = ConstraintRegistry.Get(components.GammaConstraint, "gammaConstraint");
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

    /// <summary>Gets gamma, the per-feature scale; null before the first call or without <see cref="Scale"/>.</summary>
    public Variable? Gamma => gammaWeight;

    /// <summary>Gets beta, the per-feature offset; null before the first call or without <see cref="Center"/>.</summary>
    public Variable? Beta => betaWeight;

    /// <summary>Gets the moving mean; null before the first call.</summary>
    public Variable? MovingMean => movingMeanWeight;

    /// <summary>Gets the moving variance; null before the first call.</summary>
    public Variable? MovingVariance => movingVarianceWeight;

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
            BatchNormalizationComponents.Read(reader),
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
    protected override void CreateWeights(long[] inputShape)
    {
        featureAxis = AxisFor(inputShape.Length, nameof(inputShape));
        (reducedAxes, broadcastShape) = PlanFor(inputShape.Length, inputShape[featureAxis]);
        long[] shape = [inputShape[featureAxis]];
        if (Scale)
        {
            gammaWeight = AddWeight("gamma", shape, GammaInitializer, GammaRegularizer, GammaConstraint);
        }

        if (Center)
        {
            betaWeight = AddWeight("beta", shape, BetaInitializer, BetaRegularizer, BetaConstraint);
        }

        movingMeanWeight = AddWeight("moving_mean", shape, MovingMeanInitializer, trainable: false);
        movingVarianceWeight = AddWeight("moving_variance", shape, MovingVarianceInitializer, trainable: false);
    }

    /// <inheritdoc/>
    protected override Tensor ComputeOutput(Tensor inputs, bool training)
    {
        var rank = (int)inputs.dim();
        var axis = AxisFor(rank, nameof(inputs));
        var features = movingMeanWeight!.Shape[0];
        if (axis != featureAxis || inputs.shape[axis] != features)
        {
            throw new ArgumentException(
                $"Layer {Name} was built for {features} features on axis {featureAxis}; received {Tuples.Format(inputs.shape)}.", nameof(inputs));
        }

        // An empty batch has no statistics: Keras's formula would set the moving statistics to NaN for good. Its
        // output is empty either way, so it takes the inference formula and leaves them as they are.
        if (inputs.numel() == 0)
        {
            training = false;
        }

        // The reduction plan was made at build for the built rank; another rank with the same feature axis makes its own.
        var (reduced, broadcast) = rank == broadcastShape.Length ? (reducedAxes, broadcastShape) : PlanFor(rank, features);
        using var scope = torch.NewDisposeScope();
        if (UsesLibtorchKernel(inputs, features))
        {
            return scope.MoveToOuter(WithLibtorchKernel(inputs, axis, features, training && Trainable));
        }

        Tensor mean, variance;
        if (training && Trainable)
        {
            mean = inputs.mean(reduced, keepdim: true);
            variance = inputs.var(reduced, unbiased: false, keepdim: true);
            UpdateMovingStatistics(mean.reshape(-1), variance.reshape(-1));
        }
        else
        {
            mean = movingMeanWeight.Value.reshape(broadcast);
            variance = movingVarianceWeight!.Value.reshape(broadcast);
        }

        var result = (inputs - mean) * (variance + Epsilon).rsqrt();
        if (gammaWeight is not null)
        {
            result = result * gammaWeight.Value.reshape(broadcast);
        }

        if (betaWeight is not null)
        {
            result = result + betaWeight.Value.reshape(broadcast);
        }

        return scope.MoveToOuter(result);
    }

    /// <summary>
    /// Whether libtorch's fused batch-normalization kernel can compute this call: float32 or float64 inputs of the
    /// weights' dtype (the element-wise formula promotes mixed dtypes), with at least two values per feature
    /// (libtorch refuses one in training; Keras's variance of a single value is 0, which the formula gives).
    /// </summary>
    private bool UsesLibtorchKernel(Tensor inputs, long features) =>
        inputs.dtype is ScalarType.Float32 or ScalarType.Float64 && inputs.dtype == movingMeanWeight!.Value.dtype && inputs.numel() / features > 1;

    /// <summary>
    /// The same formula by libtorch's <c>batch_norm</c>: one fused pass forward and one backward, on a view with the
    /// features second, which for Keras's channels-last layout is libtorch's channels-last memory format, so nothing
    /// is copied. In training libtorch also writes the batch's mean and unbiased variance into scratch running
    /// statistics (momentum 1 replaces them), from which Keras's update with the biased variance follows.
    /// </summary>
    private Tensor WithLibtorchKernel(Tensor inputs, int axis, long features, bool training)
    {
        var featuresSecond = axis == 1 ? inputs : inputs.movedim([axis], [1]);
        Tensor? batchMean = null, batchVariance = null;
        if (training)
        {
            batchMean = torch.zeros(features, inputs.dtype, inputs.device);
            batchVariance = torch.zeros(features, inputs.dtype, inputs.device);
        }

        var normalized = nn.functional.batch_norm(
            featuresSecond,
            training ? batchMean : movingMeanWeight!.Value,
            training ? batchVariance : movingVarianceWeight!.Value,
            gammaWeight?.Value,
            betaWeight?.Value,
            training,
            momentum: 1,
            eps: Epsilon);
        if (training)
        {
            var count = inputs.numel() / features;
            UpdateMovingStatistics(batchMean!, batchVariance! * ((count - 1) / (double)count));
        }

        return axis == 1 ? normalized : normalized.movedim([1], [axis]);
    }

    /// <summary>The axes to reduce over and the shape that broadcasts a per-feature vector, for inputs of a rank.</summary>
    private (long[] Reduced, long[] Broadcast) PlanFor(int rank, long features) =>
        (Enumerable.Range(0, rank).Where(i => i != featureAxis).Select(i => (long)i).ToArray(),
         Enumerable.Range(0, rank).Select(i => i == featureAxis ? features : 1L).ToArray());

    private void UpdateMovingStatistics(Tensor batchMean, Tensor batchVariance)
    {
        using (torch.no_grad())
        {
            movingMeanWeight!.Assign((movingMeanWeight.Value * Momentum) + (batchMean * (1 - Momentum)));
            movingVarianceWeight!.Assign((movingVarianceWeight.Value * Momentum) + (batchVariance * (1 - Momentum)));
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

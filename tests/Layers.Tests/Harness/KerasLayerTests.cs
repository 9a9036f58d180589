// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Constraints;
using LayersFramework.Regularizers;

namespace LayersFramework.Layers.Tests.Harness;

/// <summary>
/// <see cref="LayerTestHarness"/> over every layer and parameter combination of tf-keras's
/// tf_keras/src/layers/convolutional/conv_transpose_test.py ("tf-keras" cases), Keras 3's
/// keras/src/layers/convolutional/conv_transpose_test.py (ConvTransposeBasicTest and the serialization tests,
/// "Keras 3" cases; its test_conv1d_transpose_consistency table, "Keras 3 1-D table" cases), plus what this library
/// adds beyond Keras. Shapes are Keras 3's rule (compute_conv_transpose_output_shape in
/// keras/src/backend/common/backend_utils.py).
/// </summary>
public sealed class KerasLayerTests
{
    private static readonly Dictionary<string, LayerTestCase> Cases = CreateCases().Concat(CompanionCases()).ToDictionary(c => c.Label);

    /// <summary>
    /// Layers the harness cannot run, each with a test class of its own: Concatenate takes several inputs, and
    /// TorchModuleWrapper has no config (a TorchSharp module's code cannot be written into one).
    /// </summary>
    private static readonly Type[] NotForTheHarness = [typeof(Concatenate), typeof(TorchModuleWrapper)];

    public static TheoryData<string> Labels => new(Cases.Keys);

    /// <summary>Gets every case: a configured layer of each type, with an input it takes (the config fuzz starts from them).</summary>
    internal static IEnumerable<LayerTestCase> AllCases => Cases.Values;

    [Theory]
    [MemberData(nameof(Labels))]
    public void RunLayerTest(string label) => LayerTestHarness.Run(Cases[label]);

    [Fact]
    public void EveryConcreteLayerType_HasHarnessCases()
    {
        var types = typeof(Layer).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Layer)) && t is { IsAbstract: false, IsPublic: true } && !NotForTheHarness.Contains(t));
        var covered = Cases.Values.Select(c =>
        {
            using var layer = c.Create();
            return layer.GetType();
        }).ToHashSet();

        Assert.All(types, type => Assert.True(covered.Contains(type), $"{type.Name} has no case in {nameof(KerasLayerTests)}."));
    }

    [Fact]
    public void TheSuite_CoversEveryRowOfTheConsistencyTable()
    {
        Assert.Equal(ConsistencyTableTests.Table.Count, Cases.Keys.Count(label => label.StartsWith("Keras 3 1-D table ", StringComparison.Ordinal)));
    }

    private static IEnumerable<LayerTestCase> CreateCases()
    {
        // Keras 3's ConvTransposeBasicTest: 2 trainable weights and no losses each.
        yield return Basic("Keras 3 1-D f5 k2 s2 valid", () => new Conv1DTranspose(5, 2, strides: 2), [2, 8, 4], [2, 16, 5], [2, 5, 4]);
        yield return Basic("Keras 3 1-D f6 k2 s3 same op2", () => new Conv1DTranspose(6, 2, strides: 3, padding: "same", outputPadding: 2), [2, 8, 4], [2, 23, 6], [2, 6, 4]);
        yield return Basic("Keras 3 1-D f6 k(2,) s(2,) valid", () => new Conv1DTranspose(6, [2], strides: [2]), [2, 8, 4], [2, 16, 6], [2, 6, 4]);
        yield return Basic("Keras 3 2-D f5 k2 s2 valid", () => new Conv2DTranspose(5, 2, strides: 2), [2, 8, 8, 4], [2, 16, 16, 5], [2, 2, 5, 4]);
        yield return Basic("Keras 3 2-D f6 k2 s3 same op2", () => new Conv2DTranspose(6, 2, strides: 3, padding: "same", outputPadding: 2), [2, 8, 8, 4], [2, 23, 23, 6], [2, 2, 6, 4]);
        yield return Basic("Keras 3 2-D f6 k(2,3) s(2,1) valid channels_first", () => new Conv2DTranspose(6, [2, 3], strides: [2, 1], dataFormat: "channels_first"), [2, 4, 8, 8], [2, 6, 16, 10], [2, 3, 6, 4]);
        yield return Basic("Keras 3 2-D f2 k7 s16 valid", () => new Conv2DTranspose(2, 7, strides: 16), [1, 14, 14, 2], [1, 224, 224, 2], [7, 7, 2, 2]);
        yield return Basic("Keras 3 3-D f5 k2 s2 valid", () => new Conv3DTranspose(5, 2, strides: 2), [2, 8, 8, 8, 4], [2, 16, 16, 16, 5], [2, 2, 2, 5, 4]);
        yield return Basic("Keras 3 3-D f6 k2 s3 same op2", () => new Conv3DTranspose(6, 2, strides: 3, padding: "same", outputPadding: 2), [2, 8, 8, 8, 4], [2, 23, 23, 23, 6], [2, 2, 2, 6, 4]);
        yield return Basic("Keras 3 3-D f6 k(2,2,3) s(2,1,2) valid", () => new Conv3DTranspose(6, [2, 2, 3], strides: [2, 1, 2]), [2, 8, 8, 8, 4], [2, 16, 9, 17, 6], [2, 2, 3, 6, 4]);

        // Keras 3's serialization tests: (2, 3, strides=2, output_padding=1) for each rank.
        yield return Basic("Keras 3 serialization 1-D", () => new Conv1DTranspose(2, 3, strides: 2, outputPadding: 1), [1, 8, 3], [1, 18, 2], [3, 2, 3]);
        yield return Basic("Keras 3 serialization 2-D", () => new Conv2DTranspose(2, 3, strides: 2, outputPadding: 1), [1, 5, 5, 3], [1, 12, 12, 2], [3, 3, 2, 3]);
        yield return Basic("Keras 3 serialization 3-D", () => new Conv3DTranspose(2, 3, strides: 2, outputPadding: 1), [1, 5, 5, 5, 3], [1, 12, 12, 12, 2], [3, 3, 3, 2, 3]);

        // tf-keras's conv_transpose_test.py (filters 2, kernel 3).
        yield return Basic("tf-keras K2-1 shape run: same, dilation 2", () => new Conv2DTranspose(2, 3, padding: "same", dilationRate: 2), [2, 5, 6, 3], [2, 5, 6, 2], [3, 3, 2, 3]);
        yield return Basic("tf-keras K1 valid", () => new Conv1DTranspose(2, 3), [2, 6, 3], [2, 8, 2], [3, 2, 3]);
        yield return Basic("tf-keras K1 same", () => new Conv1DTranspose(2, 3, padding: "same"), [2, 6, 3], [2, 6, 2], [3, 2, 3]);
        yield return Basic("tf-keras K1 strides 2", () => new Conv1DTranspose(2, 3, strides: 2), [2, 6, 3], [2, 13, 2], [3, 2, 3]);
        yield return Basic("tf-keras K1 dilation 2", () => new Conv1DTranspose(2, 3, dilationRate: 2), [2, 6, 3], [2, 10, 2], [3, 2, 3]);
        yield return Basic("tf-keras K2 valid", () => new Conv2DTranspose(2, [3, 3]), [2, 7, 6, 3], [2, 9, 8, 2], [3, 3, 2, 3]);
        yield return Basic("tf-keras K2 same", () => new Conv2DTranspose(2, [3, 3], padding: "same"), [2, 7, 6, 3], [2, 7, 6, 2], [3, 3, 2, 3]);
        yield return Basic("tf-keras K2 strides (2,2)", () => new Conv2DTranspose(2, [3, 3], strides: [2, 2]), [2, 7, 6, 3], [2, 15, 13, 2], [3, 3, 2, 3]);
        yield return Basic("tf-keras K2 strides (2,2) output_padding (1,1)", () => new Conv2DTranspose(2, [3, 3], strides: [2, 2], outputPadding: [1, 1]), [2, 7, 6, 3], [2, 16, 14, 2], [3, 3, 2, 3]);
        yield return Basic("tf-keras K3 valid", () => new Conv3DTranspose(2, [3, 3, 3]), [2, 5, 7, 6, 3], [2, 7, 9, 8, 2], [3, 3, 3, 2, 3]);
        yield return Basic("tf-keras K3 same", () => new Conv3DTranspose(2, [3, 3, 3], padding: "same"), [2, 5, 7, 6, 3], [2, 5, 7, 6, 2], [3, 3, 3, 2, 3]);
        yield return Basic("tf-keras K3 strides (2,2,2)", () => new Conv3DTranspose(2, [3, 3, 3], strides: [2, 2, 2]), [2, 5, 7, 6, 3], [2, 11, 15, 13, 2], [3, 3, 3, 2, 3]);

        // tf-keras ignored the dilation here and expected (7, 9, 8); Keras 3's rule (and ours) dilates: (L - 1) + 2 * (3 - 1) + 1.
        yield return Basic("tf-keras K3 dilation (2,2,2), dilation applied", () => new Conv3DTranspose(2, [3, 3, 3], dilationRate: [2, 2, 2]), [2, 5, 7, 6, 3], [2, 9, 11, 10, 2], [3, 3, 3, 2, 3]);
        yield return Basic("tf-keras K3 strides (2,2,2) output_padding (1,1,1)", () => new Conv3DTranspose(2, [3, 3, 3], strides: [2, 2, 2], outputPadding: [1, 1, 1]), [2, 5, 7, 6, 3], [2, 12, 16, 14, 2], [3, 3, 3, 2, 3]);
        yield return Basic("tf-keras K3 random (1,3,3,3,3) input", () => new Conv3DTranspose(2, [3, 3, 3]), [1, 3, 3, 3, 3], [1, 5, 5, 5, 2], [3, 3, 3, 2, 3]);

        // tf-keras's regularizer and constraint tests: regularizers give one loss each (the activity one per call), constraints change nothing here.
        yield return new LayerTestCase(
            "tf-keras K2 kernel, bias and activity regularizers",
            () => new Conv2DTranspose(2, 3, kernelRegularizer: "l2", biasRegularizer: "l2", activityRegularizer: "l2"),
            [2, 7, 6, 3], [2, 9, 8, 2], [[3, 3, 2, 3], [2]], TrainableWeights: 2, Losses: 3);
        yield return Basic("tf-keras K2 kernel and bias constraints", () => new Conv2DTranspose(2, 3, kernelConstraint: "max_norm", biasConstraint: "max_norm"), [2, 7, 6, 3], [2, 9, 8, 2], [3, 3, 2, 3]);
        yield return new LayerTestCase(
            "tf-keras K1 frozen, with regularizers: no trainable weights and only the activity loss",
            () => new Conv1DTranspose(2, 3, kernelRegularizer: new L1(0.1), activityRegularizer: new L2(0.1), trainable: false),
            [2, 6, 3], [2, 8, 2], [[3, 2, 3], [2]], TrainableWeights: 0, Losses: 1);

        // Keras 3's test_conv1d_transpose_consistency table, every row (values checked by ConsistencyTableTests).
        foreach (var row in ConsistencyTableTests.Table)
        {
            var (k, s, padding, op, length) = ((int)row[0], (int)row[1], (string)row[2], (int?)row[3], (int)row[4]);
            yield return Basic(
                $"Keras 3 1-D table k{k} s{s} {padding} op{op?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}",
                () => new Conv1DTranspose(1, k, strides: s, padding: padding, outputPadding: op),
                [1, 3, 1],
                [1, length, 1],
                [k, 1, 1]);
        }

        // Beyond Keras: groups, stride with dilation, a target output size, no bias with an activation.
        yield return new LayerTestCase(
            "beyond Keras: groups 2 (kernel holds filters / groups)",
            () => new Conv2DTranspose(4, 3, strides: 2, groups: 2),
            [2, 5, 5, 6], [2, 11, 11, 4], [[3, 3, 2, 6], [4]], TrainableWeights: 2, Losses: 0);
        yield return Basic("beyond Keras: stride 2 with dilation 2", () => new Conv1DTranspose(2, 3, strides: 2, dilationRate: 2), [2, 6, 3], [2, 15, 2], [3, 2, 3]);
        yield return Basic("beyond Keras: target output size (9, 10)", () => new Conv2DTranspose(3, 3, strides: 2, padding: "same", outputSize: [9, 10]), [2, 5, 5, 2], [2, 9, 10, 3], [3, 3, 3, 2]);
        yield return new LayerTestCase(
            "no bias, relu, unit-norm kernel",
            () => new Conv3DTranspose(3, 2, strides: 2, useBias: false, activation: "relu", kernelConstraint: new UnitNorm([0, 1, 2])),
            [1, 2, 3, 4, 2], [1, 4, 6, 8, 3], [[2, 2, 2, 3, 2]], TrainableWeights: 1, Losses: 0);
    }

    /// <summary>The companion layers of decoders and GANs: shapes by Keras's rules, weights in Keras's order.</summary>
    private static IEnumerable<LayerTestCase> CompanionCases()
    {
        yield return new("Dense 3 -> 4 on a rank-3 input", () => new Dense(4), [2, 5, 3], [2, 5, 4], [[3, 4], [4]], TrainableWeights: 2, Losses: 0);
        yield return new(
            "Dense with kernel, bias and activity regularizers, relu, no constraint",
            () => new Dense(3, activation: "relu", kernelRegularizer: "l2", biasRegularizer: "l1", activityRegularizer: new L2(0.1)),
            [4, 6], [4, 3], [[6, 3], [3]], TrainableWeights: 2, Losses: 3);
        yield return new("Dense without bias", () => new Dense(2, useBias: false), [3, 4], [3, 2], [[4, 2]], TrainableWeights: 1, Losses: 0);
        yield return new("Conv1D k3 valid", () => new Conv1D(2, 3), [2, 8, 3], [2, 6, 2], [[3, 3, 2], [2]], TrainableWeights: 2, Losses: 0);
        yield return new("Conv2D k3 s2 same", () => new Conv2D(4, 3, strides: 2, padding: "same"), [2, 9, 9, 3], [2, 5, 5, 4], [[3, 3, 3, 4], [4]], TrainableWeights: 2, Losses: 0);
        yield return new("Conv2D k4 s2 same (even kernel, TF's split)", () => new Conv2D(2, 4, strides: 2, padding: "same"), [1, 8, 8, 1], [1, 4, 4, 2], [[4, 4, 1, 2], [2]], TrainableWeights: 2, Losses: 0);
        yield return new("Conv2D groups 2", () => new Conv2D(4, 3, groups: 2), [1, 5, 5, 6], [1, 3, 3, 4], [[3, 3, 3, 4], [4]], TrainableWeights: 2, Losses: 0);
        yield return new("Conv2D stride 2 with dilation 2", () => new Conv2D(2, 3, strides: 2, dilationRate: 2), [1, 9, 9, 2], [1, 3, 3, 2], [[3, 3, 2, 2], [2]], TrainableWeights: 2, Losses: 0);
        yield return new("Conv3D k3 s2 valid channels_first", () => new Conv3D(2, 3, strides: 2, dataFormat: "channels_first"), [1, 3, 7, 7, 7], [1, 2, 3, 3, 3], [[3, 3, 3, 3, 2], [2]], TrainableWeights: 2, Losses: 0);
        yield return new(
            "BatchNormalization, channels last",
            () => new BatchNormalization(),
            [4, 3, 3, 5], [4, 3, 3, 5], [[5], [5], [5], [5]], TrainableWeights: 2, Losses: 0);
        yield return new(
            "BatchNormalization axis 1 (channels first), gamma regularized, no center",
            () => new BatchNormalization(axis: 1, center: false, gammaRegularizer: "l2"),
            [4, 5, 3, 3], [4, 5, 3, 3], [[5], [5], [5]], TrainableWeights: 1, Losses: 1);
        yield return NoWeights("Activation tanh", () => new Activation("tanh"), [2, 3], [2, 3]);
        yield return NoWeights("ReLU max 6, slope 0.1, threshold 0.5", () => new ReLU(6, 0.1, 0.5), [2, 3, 4], [2, 3, 4]);
        yield return NoWeights("LeakyReLU 0.2", () => new LeakyReLU(0.2), [2, 3], [2, 3]);
        yield return NoWeights("Dropout 0.5 (inference: identity)", () => new Dropout(0.5, seed: 3), [2, 5], [2, 5]);
        yield return NoWeights("Reshape to (-1, 4)", () => new Reshape([-1, 4]), [2, 3, 8], [2, 6, 4]);
        yield return NoWeights("Flatten channels last", () => new Flatten(), [2, 3, 4, 5], [2, 60]);
        yield return NoWeights("Flatten channels first", () => new Flatten("channels_first"), [2, 3, 4, 5], [2, 60]);
        yield return NoWeights("UpSampling2D nearest 2", () => new UpSampling2D(), [2, 3, 4, 5], [2, 6, 8, 5]);
        yield return NoWeights("UpSampling2D bilinear (2, 3) channels first", () => new UpSampling2D([2, 3], "channels_first", "bilinear"), [1, 2, 3, 4], [1, 2, 6, 12]);
        yield return new(
            "Sequential Dense, Reshape, Conv1DTranspose",
            () => new Sequential([new Dense(8), new Reshape([2, 4]), new Conv1DTranspose(3, 2, strides: 2)]),
            [2, 5], [2, 4, 3], [[5, 8], [8], [2, 3, 4], [3]], TrainableWeights: 4, Losses: 0);
        yield return new(
            "Sequential Dense, BatchNormalization, LeakyReLU, with a regularizer",
            () => new Sequential([new Dense(6, kernelRegularizer: "l2"), new BatchNormalization(), new LeakyReLU()]),
            [3, 4], [3, 6], [[4, 6], [6], [6], [6], [6], [6]], TrainableWeights: 4, Losses: 1);
    }

    /// <summary>A case of a layer without weights or losses.</summary>
    private static LayerTestCase NoWeights(string label, Func<Layer> create, long[] inputShape, long[] outputShape) =>
        new(label, create, inputShape, outputShape, [], TrainableWeights: 0, Losses: 0);

    /// <summary>A case with a kernel and a bias (of the kernel's filters), both trainable, and no losses.</summary>
    private static LayerTestCase Basic(string label, Func<Layer> create, long[] inputShape, long[] outputShape, long[] kernelShape) =>
        new(label, create, inputShape, outputShape, [kernelShape, [kernelShape[^2]]], TrainableWeights: 2, Losses: 0);
}

// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Layers.Tests.Harness;

/// <summary>
/// One run of <see cref="LayerTestHarness"/>, as Keras's <c>run_layer_test</c> takes it: how to make the layer, the
/// input shape, and what building and calling it must give.
/// </summary>
/// <param name="Label">The case's name in the test runner, with its source (the Keras or tf-keras test it comes from).</param>
/// <param name="Create">Makes the layer (not built).</param>
/// <param name="InputShape">The input shape, batch first.</param>
/// <param name="OutputShape">The expected output shape.</param>
/// <param name="WeightShapes">The expected shape of every weight, in Keras's order (kernel, then bias).</param>
/// <param name="TrainableWeights">The expected number of trainable weights.</param>
/// <param name="Losses">The expected number of entries in <c>Losses</c> after a call.</param>
public sealed record LayerTestCase(
    string Label,
    Func<Layer> Create,
    long[] InputShape,
    long[] OutputShape,
    long[][] WeightShapes,
    int TrainableWeights,
    int Losses)
{
    public override string ToString() => Label;
}

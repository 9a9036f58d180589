// Copyright (c) LayersFramework contributors. Licensed under the MIT License.


namespace LayersFramework.Layers.Tests;

/// <summary>
/// Keras 3's 1-D consistency table (keras/src/layers/convolutional/conv_transpose_test.py, test_conv1d_transpose_consistency): input ones (1, 3, 1), one filter, kernel taps 1..k, bias 0;
/// output length and every value for each kernel size, stride, padding and output padding.
/// </summary>
public sealed class ConsistencyTableTests
{
    public static TheoryData<int, int, string, int?, int, double[]> Table => new()
    {
        { 1, 1, "same", null, 3, new double[] { 1, 1, 1 } },
        { 1, 1, "valid", null, 3, new double[] { 1, 1, 1 } },
        { 1, 2, "same", null, 6, new double[] { 1, 0, 1, 0, 1, 0 } },
        { 1, 2, "same", 1, 6, new double[] { 1, 0, 1, 0, 1, 0 } },
        { 1, 2, "valid", null, 6, new double[] { 1, 0, 1, 0, 1, 0 } },
        { 1, 2, "valid", 1, 6, new double[] { 1, 0, 1, 0, 1, 0 } },
        { 1, 3, "same", null, 9, new double[] { 1, 0, 0, 1, 0, 0, 1, 0, 0 } },
        { 1, 3, "same", 1, 8, new double[] { 1, 0, 0, 1, 0, 0, 1, 0 } },
        { 1, 3, "same", 2, 9, new double[] { 1, 0, 0, 1, 0, 0, 1, 0, 0 } },
        { 1, 3, "valid", null, 9, new double[] { 1, 0, 0, 1, 0, 0, 1, 0, 0 } },
        { 1, 3, "valid", 1, 8, new double[] { 1, 0, 0, 1, 0, 0, 1, 0 } },
        { 1, 3, "valid", 2, 9, new double[] { 1, 0, 0, 1, 0, 0, 1, 0, 0 } },
        { 1, 4, "same", null, 12, new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0 } },
        { 1, 4, "same", 1, 10, new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1, 0 } },
        { 1, 4, "same", 2, 11, new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0 } },
        { 1, 4, "same", 3, 12, new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0 } },
        { 1, 4, "valid", null, 12, new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0 } },
        { 1, 4, "valid", 1, 10, new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1, 0 } },
        { 1, 4, "valid", 2, 11, new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0 } },
        { 1, 4, "valid", 3, 12, new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0 } },
        { 2, 1, "same", null, 3, new double[] { 1, 3, 3 } },
        { 2, 1, "valid", null, 4, new double[] { 1, 3, 3, 2 } },
        { 2, 2, "same", null, 6, new double[] { 1, 2, 1, 2, 1, 2 } },
        { 2, 2, "same", 1, 5, new double[] { 1, 2, 1, 2, 1 } },
        { 2, 2, "valid", null, 6, new double[] { 1, 2, 1, 2, 1, 2 } },
        { 2, 2, "valid", 1, 7, new double[] { 1, 2, 1, 2, 1, 2, 0 } },
        { 2, 3, "same", null, 9, new double[] { 1, 2, 0, 1, 2, 0, 1, 2, 0 } },
        { 2, 3, "same", 1, 7, new double[] { 1, 2, 0, 1, 2, 0, 1 } },
        { 2, 3, "same", 2, 8, new double[] { 1, 2, 0, 1, 2, 0, 1, 2 } },
        { 2, 3, "valid", null, 9, new double[] { 1, 2, 0, 1, 2, 0, 1, 2, 0 } },
        { 2, 3, "valid", 1, 9, new double[] { 1, 2, 0, 1, 2, 0, 1, 2, 0 } },
        { 2, 3, "valid", 2, 10, new double[] { 1, 2, 0, 1, 2, 0, 1, 2, 0, 0 } },
        { 2, 4, "same", null, 12, new double[] { 1, 2, 0, 0, 1, 2, 0, 0, 1, 2, 0, 0 } },
        { 2, 4, "same", 1, 9, new double[] { 1, 2, 0, 0, 1, 2, 0, 0, 1 } },
        { 2, 4, "same", 2, 10, new double[] { 1, 2, 0, 0, 1, 2, 0, 0, 1, 2 } },
        { 2, 4, "same", 3, 11, new double[] { 1, 2, 0, 0, 1, 2, 0, 0, 1, 2, 0 } },
        { 2, 4, "valid", null, 12, new double[] { 1, 2, 0, 0, 1, 2, 0, 0, 1, 2, 0, 0 } },
        { 2, 4, "valid", 1, 11, new double[] { 1, 2, 0, 0, 1, 2, 0, 0, 1, 2, 0 } },
        { 2, 4, "valid", 2, 12, new double[] { 1, 2, 0, 0, 1, 2, 0, 0, 1, 2, 0, 0 } },
        { 2, 4, "valid", 3, 13, new double[] { 1, 2, 0, 0, 1, 2, 0, 0, 1, 2, 0, 0, 0 } },
        { 3, 1, "same", null, 3, new double[] { 3, 6, 5 } },
        { 3, 1, "valid", null, 5, new double[] { 1, 3, 6, 5, 3 } },
        { 3, 2, "same", null, 6, new double[] { 1, 2, 4, 2, 4, 2 } },
        { 3, 2, "same", 1, 6, new double[] { 1, 2, 4, 2, 4, 2 } },
        { 3, 2, "valid", null, 7, new double[] { 1, 2, 4, 2, 4, 2, 3 } },
        { 3, 2, "valid", 1, 8, new double[] { 1, 2, 4, 2, 4, 2, 3, 0 } },
        { 3, 3, "same", null, 9, new double[] { 1, 2, 3, 1, 2, 3, 1, 2, 3 } },
        { 3, 3, "same", 1, 8, new double[] { 1, 2, 3, 1, 2, 3, 1, 2 } },
        { 3, 3, "same", 2, 9, new double[] { 1, 2, 3, 1, 2, 3, 1, 2, 3 } },
        { 3, 3, "valid", null, 9, new double[] { 1, 2, 3, 1, 2, 3, 1, 2, 3 } },
        { 3, 3, "valid", 1, 10, new double[] { 1, 2, 3, 1, 2, 3, 1, 2, 3, 0 } },
        { 3, 3, "valid", 2, 11, new double[] { 1, 2, 3, 1, 2, 3, 1, 2, 3, 0, 0 } },
        { 3, 4, "same", null, 12, new double[] { 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0 } },
        { 3, 4, "same", 1, 10, new double[] { 1, 2, 3, 0, 1, 2, 3, 0, 1, 2 } },
        { 3, 4, "same", 2, 11, new double[] { 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3 } },
        { 3, 4, "same", 3, 12, new double[] { 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0 } },
        { 3, 4, "valid", null, 12, new double[] { 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0 } },
        { 3, 4, "valid", 1, 12, new double[] { 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0 } },
        { 3, 4, "valid", 2, 13, new double[] { 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 0 } },
        { 3, 4, "valid", 3, 14, new double[] { 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 0, 0 } },
        { 4, 1, "same", null, 3, new double[] { 3, 6, 9 } },
        { 4, 1, "valid", null, 6, new double[] { 1, 3, 6, 9, 7, 4 } },
        { 4, 2, "same", null, 6, new double[] { 2, 4, 6, 4, 6, 3 } },
        { 4, 2, "same", 1, 5, new double[] { 2, 4, 6, 4, 6 } },
        { 4, 2, "valid", null, 8, new double[] { 1, 2, 4, 6, 4, 6, 3, 4 } },
        { 4, 2, "valid", 1, 9, new double[] { 1, 2, 4, 6, 4, 6, 3, 4, 0 } },
        { 4, 3, "same", null, 9, new double[] { 1, 2, 3, 5, 2, 3, 5, 2, 3 } },
        { 4, 3, "same", 1, 7, new double[] { 2, 3, 5, 2, 3, 5, 2 } },
        { 4, 3, "same", 2, 8, new double[] { 2, 3, 5, 2, 3, 5, 2, 3 } },
        { 4, 3, "valid", null, 10, new double[] { 1, 2, 3, 5, 2, 3, 5, 2, 3, 4 } },
        { 4, 3, "valid", 1, 11, new double[] { 1, 2, 3, 5, 2, 3, 5, 2, 3, 4, 0 } },
        { 4, 3, "valid", 2, 12, new double[] { 1, 2, 3, 5, 2, 3, 5, 2, 3, 4, 0, 0 } },
        { 4, 4, "same", null, 12, new double[] { 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4 } },
        { 4, 4, "same", 1, 9, new double[] { 2, 3, 4, 1, 2, 3, 4, 1, 2 } },
        { 4, 4, "same", 2, 10, new double[] { 2, 3, 4, 1, 2, 3, 4, 1, 2, 3 } },
        { 4, 4, "same", 3, 11, new double[] { 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3 } },
        { 4, 4, "valid", null, 12, new double[] { 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4 } },
        { 4, 4, "valid", 1, 13, new double[] { 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 0 } },
        { 4, 4, "valid", 2, 14, new double[] { 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 0, 0 } },
        { 4, 4, "valid", 3, 15, new double[] { 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 0, 0, 0 } },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Conv1DTranspose_MatchesKerasTable(int kernelSize, int stride, string padding, int? outputPadding, int length, double[] expected)
    {
        using var scope = NewDisposeScope();
        using var layer = new Conv1DTranspose(1, kernelSize, stride, padding, outputPadding, useBias: false);
        var input = ones(1, 3, 1);
        Assert.Equal(new long?[] { null, length, 1 }, layer.ComputeOutputShape([null, 3, 1]));
        layer.Call(input).Dispose();
        layer.SetWeights(arange(1, kernelSize + 1, ScalarType.Float32).reshape(kernelSize, 1, 1));

        var output = layer.Call(input);

        Assert.Equal(new long[] { 1, length, 1 }, output.shape);
        Assert.Equal(expected, output.Doubles());
    }
}

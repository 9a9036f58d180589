// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Layers;

namespace LayersFramework.Training.Tests;

/// <summary>State dicts in PyTorch's names and layouts: the feature order of flattened images worked out by hand, and the modules that are refused.</summary>
public sealed class PyTorchStateDictTests
{
    [Fact]
    public void AnImagesFeatures_AreReorderedFromHeightWidthChannels_ToChannelsHeightWidth()
    {
        using var scope = NewDisposeScope();
        using var dense = new Dense(6);
        dense.Call(ones([1, 2]));
        dense.Bias!.Assign(arange(6f));       // Keras's features of a (1, 2, 3) image: (w0 c0, w0 c1, w0 c2, w1 c0, w1 c1, w1 c2)
        dense.Kernel!.Assign(arange(12f).reshape(2, 6));

        var stateDict = PyTorchStateDict.Export([new PyTorchModule("up", dense) { OutputImage = [1, 2, 3] }]);

        // PyTorch's order (c0 w0, c0 w1, c1 w0, c1 w1, c2 w0, c2 w1) is Keras's features 0, 3, 1, 4, 2, 5.
        Assert.Equal([0f, 3, 1, 4, 2, 5], stateDict["up.bias"].data<float>().ToArray());
        Assert.Equal(new long[] { 6, 2 }, stateDict["up.weight"].shape);
        Assert.Equal([0f, 6, 3, 9, 1, 7, 4, 10, 2, 8, 5, 11], stateDict["up.weight"].data<float>().ToArray());
    }

    [Fact]
    public void AFlattenedInput_IsReorderedOnTheWeightsSecondAxis_AndLoadsBackExactly()
    {
        using var scope = NewDisposeScope();
        using var dense = new Dense(1);
        dense.Call(ones([1, 4]));
        dense.Kernel!.Assign(arange(4f).reshape(4, 1)); // inputs of a (2, 1, 2) image: (h0 c0, h0 c1, h1 c0, h1 c1)
        PyTorchModule[] modules = [new("logit", dense) { InputImage = [2, 1, 2] }];

        var stateDict = PyTorchStateDict.Export(modules);
        dense.Kernel.Assign(zeros(4, 1));
        PyTorchStateDict.Load(stateDict, modules);

        Assert.Equal([0f, 2, 1, 3], stateDict["logit.weight"].data<float>().ToArray()); // (c0 h0, c0 h1, c1 h0, c1 h1)
        Assert.Equal([0f, 1, 2, 3], dense.Kernel.Value.data<float>().ToArray());
    }

    [Fact]
    public void ModulesThatCannotMove_AreRefused_NamingTheModule()
    {
        using var scope = NewDisposeScope();
        using var dense = new Dense(4);
        dense.Call(ones([1, 2]));
        using var conv = new Conv2D(2, 3);
        conv.Call(ones([1, 5, 5, 1]));
        using var dropout = new Dropout(0.5);
        using var unbuilt = new Dense(3);

        var notMovable = Assert.Throws<ArgumentException>(() => PyTorchStateDict.Export([new PyTorchModule("2", dropout)]));
        var imageOnConv = Assert.Throws<ArgumentException>(() => PyTorchStateDict.Export([new PyTorchModule("0", conv) { InputImage = [1, 1, 1] }]));
        var wrongImage = Assert.Throws<ArgumentException>(() => PyTorchStateDict.Export([new PyTorchModule("0", dense) { OutputImage = [2, 3] }]));
        var twice = Assert.Throws<ArgumentException>(() => PyTorchStateDict.Export([new PyTorchModule("0", dense), new PyTorchModule("0", conv)]));
        var notBuilt = Assert.Throws<InvalidOperationException>(() => PyTorchStateDict.Export([new PyTorchModule("0", unbuilt)]));

        Assert.Contains("Module \"2\": layer dropout", notMovable.Message, StringComparison.Ordinal);
        Assert.Contains("has no PyTorch counterpart", notMovable.Message, StringComparison.Ordinal);
        Assert.Contains("InputImage is for a Dense after a Flatten", imageOnConv.Message, StringComparison.Ordinal);
        Assert.Contains("OutputImage (2, 3) (spatial sizes, then channels) must have 4 elements", wrongImage.Message, StringComparison.Ordinal);
        Assert.Contains("Two modules are named \"0\"", twice.Message, StringComparison.Ordinal);
        Assert.Contains("is not built", notBuilt.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutStrict_ExtraEntriesAreLeft_ButMissingOnesAreStillRefused()
    {
        using var scope = NewDisposeScope();
        using var dense = new Dense(2, useBias: false);
        dense.Call(ones([1, 3]));
        var weight = arange(6f).reshape(2, 3);
        var extra = new Dictionary<string, Tensor> { ["fc.weight"] = weight, ["head.weight"] = ones(1) };

        var strictError = Assert.Throws<ArgumentException>(() => PyTorchStateDict.Load(extra, [new PyTorchModule("fc", dense)]));
        PyTorchStateDict.Load(extra, [new PyTorchModule("fc", dense)], strict: false);
        var missing = Assert.Throws<ArgumentException>(() => PyTorchStateDict.Load(new Dictionary<string, Tensor>(), [new PyTorchModule("fc", dense)], strict: false));

        Assert.Contains("unexpected \"head.weight\"", strictError.Message, StringComparison.Ordinal);
        Assert.Equal(weight.t().contiguous().data<float>().ToArray(), dense.Kernel!.Value.data<float>().ToArray());
        Assert.Contains("missing \"fc.weight\"", missing.Message, StringComparison.Ordinal);
    }
}

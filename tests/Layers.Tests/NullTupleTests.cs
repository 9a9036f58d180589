// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Reflection;
using LayersFramework.Configuration;
using LayersFramework.Layers.Compat.V1;

namespace LayersFramework.Layers.Tests;

/// <summary>A null held in a nullable variable means "not given", as Keras's None does, for every optional tuple argument.</summary>
public sealed class NullTupleTests
{
    /// <summary>The conversion C# applies to an <c>int[]?</c> passed to an <c>IntTuple?</c> parameter.</summary>
    private static readonly MethodInfo ToOptionalTuple = typeof(IntTuple).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Single(m => m.Name == "op_Implicit" && m.ReturnType == typeof(IntTuple?) && m.GetParameters()[0].ParameterType == typeof(int[]));

    public static TheoryData<string, string> OptionalTupleParameters
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (layer, parameter) in PublicLayerConstructors().SelectMany(c => c.GetParameters().Where(IsOptionalTuple).Select(p => (c.DeclaringType!.Name, p.Name!))).Distinct())
            {
                data.Add(layer, parameter);
            }

            return data;
        }
    }

    [Fact]
    public void TheIssuesExample_ANullOutputPaddingVariable_MeansNone()
    {
        int[]? op = null;

        using var layer = new Conv2DTranspose(2, [3, 3], strides: [2, 2], outputPadding: op);

        Assert.Null(layer.OutputPadding);
        Assert.Equal(new long?[] { null, 11, 11, 2 }, layer.ComputeOutputShape([null, 5, 5, 1])); // (5 - 1) * 2 + max(3, 2)
    }

    [Fact]
    public void EveryPublicLayerConstructor_IsCovered()
    {
        Assert.NotEmpty(OptionalTupleParameters);
        Assert.Contains(OptionalTupleParameters, row => (string)row[0] == nameof(Conv2DTranspose) && (string)row[1] == "outputPadding");
        Assert.Contains(OptionalTupleParameters, row => (string)row[0] == nameof(UpSampling2D) && (string)row[1] == "size");
    }

    [Theory]
    [MemberData(nameof(OptionalTupleParameters))]
    public void ANullOptionalTuple_GivesTheSameLayerAsLeavingItOut(string layerType, string parameter)
    {
        foreach (var constructor in PublicLayerConstructors().Where(c => c.DeclaringType!.Name == layerType && c.GetParameters().Any(p => p.Name == parameter)))
        {
            using var withNull = Create(constructor, parameter, NullFor(constructor.GetParameters().Single(p => p.Name == parameter)));
            using var leftOut = Create(constructor, parameter, Type.Missing);

            Assert.Equal(KerasJson.Write(leftOut.GetConfig()), KerasJson.Write(withNull.GetConfig()));
        }
    }

    [Fact]
    public void ANullRequiredTuple_IsRefusedNamingTheParameter_NotTheConversionsArgument()
    {
        int[]? kernelSize = null;

        var error = Assert.ThrowsAny<ArgumentException>(() => new Conv2DTranspose(2, kernelSize));

        Assert.Equal("kernelSize", error.ParamName);
    }

    [Fact]
    public void TheV1FunctionalInterface_TakesANullStridesVariable_AsNone()
    {
        using var tensors = NewDisposeScope();
        using var scope = new LayerScope();
        int[]? strides = null;

        var y = scope.Conv2DTranspose(ones(1, 3, 3, 2), 4, 3, strides: strides);

        Assert.Equal([1L, 5, 5, 4], y.shape);
    }

    private static IEnumerable<ConstructorInfo> PublicLayerConstructors() =>
        typeof(Layer).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Layer)) && t is { IsAbstract: false, IsPublic: true })
            .SelectMany(t => t.GetConstructors());

    private static bool IsOptionalTuple(ParameterInfo parameter) =>
        parameter.HasDefaultValue && (parameter.ParameterType == typeof(IntTuple?) || parameter.ParameterType == typeof(int[]) || parameter.ParameterType == typeof(long[]) || parameter.ParameterType == typeof(long?[]));

    /// <summary>What a null array variable becomes when passed to the parameter: the implicit conversion's result for a tuple, null for an array.</summary>
    private static object? NullFor(ParameterInfo parameter) =>
        parameter.ParameterType == typeof(IntTuple?) ? ToOptionalTuple.Invoke(null, [null]) : null;

    /// <summary>Calls the constructor with valid required arguments, the parameter's default elsewhere, and a fixed name.</summary>
    private static Layer Create(ConstructorInfo constructor, string parameter, object? value)
    {
        var arguments = constructor.GetParameters().Select(p => p.Name == parameter ? (value == Type.Missing ? p.DefaultValue : value) : ValidArgument(p)).ToArray();
        return (Layer)constructor.Invoke(arguments);
    }

    private static object? ValidArgument(ParameterInfo parameter) => parameter switch
    {
        { Name: "name" } => "probe",
        { HasDefaultValue: true } => parameter.DefaultValue,
        { ParameterType: var type } when type == typeof(int) => 2,
        { ParameterType: var type } when type == typeof(IntTuple) => (IntTuple)3,
        { ParameterType: var type } when type == typeof(double) => 0.5,
        { ParameterType: var type } when type == typeof(long[]) => new long[] { -1 },
        { ParameterType: var type } when type == typeof(object) => "relu",
        _ => throw new Xunit.Sdk.XunitException($"No sample value for the required parameter {parameter.Name} ({parameter.ParameterType.Name}) of {parameter.Member.DeclaringType!.Name}."),
    };
}

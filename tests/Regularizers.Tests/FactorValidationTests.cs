// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json.Nodes;


namespace LayersFramework.Regularizers.Tests;

/// <summary>Keras 3's <c>validate_float_arg</c> (keras/src/regularizers/regularizers.py): every factor must be a finite number, 0 or more.</summary>
public sealed class FactorValidationTests
{
    private static readonly double[] BadValues = [-1, -1e-9, double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    private static readonly (string ClassName, string Parameter)[] Factors =
    [
        ("L1", "l1"), ("L2", "l2"), ("L1L2", "l1"), ("L1L2", "l2"), ("OrthogonalRegularizer", "factor"),
    ];

    public static TheoryData<string, string, double> BadFactors
    {
        get
        {
            var data = new TheoryData<string, string, double>();
            foreach (var (className, parameter) in Factors)
            {
                foreach (var value in BadValues)
                {
                    data.Add(className, parameter, value);
                }
            }

            return data;
        }
    }

    public static TheoryData<string, string> AllFactors
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (className, parameter) in Factors)
            {
                data.Add(className, parameter);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BadFactors))]
    public void Ctor_RejectsNegativeInfiniteAndNaNFactors(string className, string parameter, double value)
    {
        ArgumentAssert.Throws<ArgumentOutOfRangeException>(
            () => Create(className, parameter, value),
            parameter,
            $"Invalid value for argument {parameter}: expected a non-negative float",
            $"Received: {parameter}={value.ToString("R", CultureInfo.InvariantCulture)}");
    }

    [Theory]
    [MemberData(nameof(BadFactors))]
    public void Config_RejectsTheSameFactors(string className, string parameter, double value)
    {
        var serialized = new JsonObject { ["class_name"] = className, ["config"] = new JsonObject { [parameter] = value } };

        ArgumentAssert.Throws<ArgumentOutOfRangeException>(() => RegularizerRegistry.Get(serialized), "identifier", "expected a non-negative float");
    }

    [Theory]
    [MemberData(nameof(AllFactors))]
    public void Ctor_AcceptsZero(string className, string parameter)
    {
        var regularizer = Create(className, parameter, 0);
        Assert.Equal(0.0, regularizer.GetConfig()[parameter]!.GetValue<double>());
    }

    private static IRegularizer Create(string className, string parameter, double value) => (className, parameter) switch
    {
        ("L1", "l1") => new L1(value),
        ("L2", "l2") => new L2(value),
        ("L1L2", "l1") => new L1L2(l1: value),
        ("L1L2", "l2") => new L1L2(l2: value),
        ("OrthogonalRegularizer", "factor") => new OrthogonalRegularizer(value),
        _ => throw new ArgumentOutOfRangeException(nameof(className), className, "No such factor."),
    };
}

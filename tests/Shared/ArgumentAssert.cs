// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Tests.Shared;

/// <summary>Asserts an argument error: its exact type, its ParamName and the words its message must contain.</summary>
internal static class ArgumentAssert
{
    public static TException Throws<TException>(Action call, string paramName, params string[] keywords)
        where TException : ArgumentException
    {
        var exception = Assert.Throws<TException>(call);
        Assert.Equal(paramName, exception.ParamName);
        foreach (var keyword in keywords)
        {
            Assert.Contains(keyword, exception.Message, StringComparison.Ordinal);
        }

        return exception;
    }
}

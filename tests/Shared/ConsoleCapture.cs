// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Tests.Shared;

/// <summary>Runs code that prints to the console, and returns what it printed; the console is put back whatever happens.</summary>
internal static class ConsoleCapture
{
    public static string Run(Action action)
    {
        var printed = new StringWriter();
        var console = Console.Out;
        Console.SetOut(printed);
        try
        {
            action();
        }
        finally
        {
            Console.SetOut(console);
        }

        return printed.ToString();
    }
}

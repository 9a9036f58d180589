// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using LayersFramework.Engine;

namespace LayersFramework.Examples;

/// <summary>
/// The options the example programs share, built on System.CommandLine: it prints <c>--help</c> with each option's
/// default, and refuses unknown options and bad values with a message on standard error and exit code 1.
/// </summary>
public static class CommandLine
{
    /// <summary>A whole-number option that must be 1 or more.</summary>
    /// <param name="name">The option, such as <c>--epochs</c>.</param>
    /// <param name="description">What it sets.</param>
    /// <param name="defaultValue">Its value when not given.</param>
    /// <returns>The option.</returns>
    public static Option<int> Positive(string name, string description, int defaultValue)
    {
        return new Option<int>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => WholeNumber(result, name) ?? defaultValue,
            HelpName = "N",
        };
    }

    /// <summary>A whole-number option of 1 or more that may be left out (then its value is null).</summary>
    /// <param name="name">The option.</param>
    /// <param name="description">What it sets, and what leaving it out means.</param>
    /// <returns>The option.</returns>
    public static Option<int?> OptionalPositive(string name, string description)
    {
        return new Option<int?>(name) { Description = description, CustomParser = result => WholeNumber(result, name), HelpName = "N" };
    }

    /// <summary>A text option with a default.</summary>
    /// <param name="name">The option.</param>
    /// <param name="description">What it sets.</param>
    /// <param name="defaultValue">Its value when not given.</param>
    /// <param name="helpName">The placeholder in the help, such as DIR.</param>
    /// <returns>The option.</returns>
    public static Option<string> Text(string name, string description, string defaultValue, string helpName) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue, HelpName = helpName };

    /// <summary>Parses the arguments and runs the command's action, writing help and errors where given (the console by default).</summary>
    /// <param name="command">The command, its action set.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Where help goes, or null for standard output.</param>
    /// <param name="error">Where errors go, or null for standard error.</param>
    /// <returns>The action's exit code; 0 after <c>--help</c>; 1 for a command line that does not parse, or when libtorch cannot be loaded.</returns>
    public static int Run(RootCommand command, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        var configuration = new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error };
        var parsed = command.Parse(args);
        if (parsed.Errors.Count == 0)
        {
            try
            {
                // Before the action, so that missing native libraries are one message, not a stack trace from its first tensor.
                TorchRuntime.EnsureLoaded();
            }
            catch (DllNotFoundException e)
            {
                configuration.Error.WriteLine(e.Message);
                return 1;
            }
        }

        return parsed.Invoke(configuration);
    }

    /// <summary>The option's value as a whole number of 1 or more, or an error on the result naming the option and the text received.</summary>
    private static int? WholeNumber(ArgumentResult result, string name)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = result.Tokens[^1].Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1)
        {
            return value;
        }

        result.AddError($"{name} must be a whole number of 1 or more; received '{text}'.");
        return null;
    }
}

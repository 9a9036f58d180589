// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using LayersFramework.Examples.FashionGan;

namespace LayersFramework.Examples.Tests;

/// <summary>The example programs' command lines: values reach the program, --help shows the defaults, and bad input is refused with exit code 1.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void FashionGansOptions_ReachTheProgram_AndTheRestKeepTheirDefaults()
    {
        GanOptions? received = null;
        var exit = CommandLine.Run(GanOptions.Command(o => { received = o; return 7; }), ["--epochs", "3", "--limit", "640", "--resume", "--output", "run1"], TextWriter.Null, TextWriter.Null);

        Assert.Equal(7, exit);
        Assert.Equal(new GanOptions { Epochs = 3, Limit = 640, Resume = true, Output = "run1" }, received);
    }

    [Fact]
    public void Help_ListsEveryOptionWithItsDefault_AndRunsNothing()
    {
        var output = new StringWriter();
        var ran = false;

        var exit = CommandLine.Run(GanOptions.Command(_ => { ran = true; return 0; }), ["--help"], output, TextWriter.Null);

        Assert.Equal(0, exit);
        Assert.False(ran);
        var help = output.ToString();
        foreach (var expected in new[] { "--epochs <N>", "[default: 2]", "--batch-size <N>", "[default: 64]", "--seed <N>", "--output <DIR>", "[default: fashion-gan-output]", "--data <DIR>", "--limit <N>", "--width <N>", "[default: 32]", "--resume" })
        {
            Assert.Contains(expected, help, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheReadmesHelpText_IsWhatTheProgramPrints()
    {
        var output = new StringWriter();
        CommandLine.Run(GanOptions.Command(_ => 0), ["--help"], output, TextWriter.Null);

        // From the options on: the usage line above them names the process, which here is the test host.
        var printed = output.ToString().Split('\n').Select(line => line.TrimEnd()).SkipWhile(line => line != "Options:").Where(line => line.Length > 0).ToArray();
        var readme = ReadmeSnippet.ReadRepositoryFile("README.md").Split('\n').Select(line => line.TrimEnd()).ToArray();
        var start = Array.IndexOf(readme, "$ ./run.sh --help");
        Assert.True(start >= 0, "README.md has no '$ ./run.sh --help' block.");
        var shown = readme.Skip(start).SkipWhile(line => line != "Options:").TakeWhile(line => line != "```").Where(line => line.Length > 0).ToArray();
        Assert.Equal(printed, shown);
    }

    [Theory]
    [InlineData("--epochs 0", "--epochs must be a whole number of 1 or more; received '0'.")]
    [InlineData("--batch-size x", "--batch-size must be a whole number of 1 or more; received 'x'.")]
    [InlineData("--limit -3", "--limit must be a whole number of 1 or more; received '-3'.")]
    [InlineData("--width", "Required argument missing for option: '--width'.")]
    [InlineData("--epochs 2 --bogus", "Unrecognized command or argument '--bogus'.")]
    public void ABadCommandLine_IsRefused_WithExitCode1_AndAMessageOnStandardError(string arguments, string message)
    {
        var error = new StringWriter();
        var ran = false;

        var exit = CommandLine.Run(GanOptions.Command(_ => { ran = true; return 0; }), arguments.Split(' '), TextWriter.Null, error);

        Assert.Equal(1, exit);
        Assert.False(ran);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Autoencoder.dll", "--batch-size")]
    [InlineData("ConvTransposeDemo.dll", "--steps")]
    public async Task TheOtherPrograms_RefuseABadValue_WithExitCode1_BeforeDoingAnything(string assembly, string option)
    {
        var program = Path.Combine(AppContext.BaseDirectory, assembly);

        var (exitCode, output, error, _) = await ChildProcess.RunAsync("dotnet", [program, option, "0"], TimeSpan.FromMinutes(1));

        Assert.Equal(1, exitCode);
        Assert.Contains($"{option} must be a whole number of 1 or more; received '0'.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("LayersFramework runtime", output, StringComparison.Ordinal);
    }
}

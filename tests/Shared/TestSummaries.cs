// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Tests.Shared;

/// <summary>
/// Summary lines of the suites that count what they tried (the fuzz suites): test.sh names a file in
/// LAYERSFRAMEWORK_TEST_SUMMARIES and prints it after the run, since dotnet test shows a passing test's output to no one.
/// </summary>
internal static class TestSummaries
{
    private static readonly object Gate = new();

    /// <summary>Adds a line to the run's summaries, when test.sh asked for them.</summary>
    /// <param name="line">The summary, such as "config fuzz: 8341 cases ...".</param>
    public static void Add(string line)
    {
        if (Environment.GetEnvironmentVariable("LAYERSFRAMEWORK_TEST_SUMMARIES") is { Length: > 0 } path)
        {
            // Test assemblies run in parallel processes; one short append each is atomic enough for a log.
            lock (Gate)
            {
                File.AppendAllText(path, line + Environment.NewLine);
            }
        }
    }
}

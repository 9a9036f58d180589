// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Tests.Shared;

/// <summary>Keeps the README's code examples and the tests that run them identical.</summary>
internal static class ReadmeSnippet
{
    /// <summary>
    /// Asserts that the non-blank lines between "// --- README example: NAME begins ---" and "... ends ---" in the
    /// test file appear in README.md in the same order, one after another (blank lines and indentation aside).
    /// </summary>
    public static void AssertInReadme(string testFile, string name)
    {
        var readme = File.ReadAllText(FindRepositoryFile("README.md"));
        var test = File.ReadAllText(FindRepositoryFile(testFile));
        var begin = test.IndexOf($"// --- README example: {name} begins ---", StringComparison.Ordinal);
        var end = test.IndexOf($"// --- README example: {name} ends ---", StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"{testFile} has no README example named {name}.");
        var lines = NonBlankLines(test[begin..end]).Skip(1).ToArray();
        var readmeLines = NonBlankLines(readme).ToArray();
        var found = Enumerable.Range(0, Math.Max(0, readmeLines.Length - lines.Length + 1))
            .Any(start => readmeLines.AsSpan(start, lines.Length).SequenceEqual(lines));
        if (!found)
        {
            // Name the first line that is missing altogether, or say that the order differs.
            var missing = lines.FirstOrDefault(line => !readmeLines.Contains(line));
            Assert.Fail(missing is null
                ? $"README.md has every line of the {name} example from {testFile}, but not together in this order."
                : $"README.md lacks this line of the {name} example from {testFile}: {missing}");
        }
    }

    private static IEnumerable<string> NonBlankLines(string text) =>
        text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0);

    /// <summary>Reads a file of the repository, found by walking up from the test assembly's folder.</summary>
    public static string ReadRepositoryFile(string relativePath) => File.ReadAllText(FindRepositoryFile(relativePath));

    /// <summary>Finds a file of the repository by walking up from the test assembly's folder.</summary>
    public static string FindRepositoryFile(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relativePath} was not found above {AppContext.BaseDirectory}.");
    }
}

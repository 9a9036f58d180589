// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

namespace LayersFramework.Tests.Shared;

/// <summary>Keeps the README's code examples and the tests that run them identical.</summary>
internal static class ReadmeSnippet
{
    /// <summary>
    /// Asserts that every non-blank line between "// --- README example: NAME begins ---" and "... ends ---" in the
    /// test file appears in README.md.
    /// </summary>
    public static void AssertInReadme(string testFile, string name)
    {
        var readme = File.ReadAllText(FindRepositoryFile("README.md"));
        var test = File.ReadAllText(FindRepositoryFile(testFile));
        var begin = test.IndexOf($"// --- README example: {name} begins ---", StringComparison.Ordinal);
        var end = test.IndexOf($"// --- README example: {name} ends ---", StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"{testFile} has no README example named {name}.");
        var lines = test[begin..end].Split('\n').Skip(1).Select(line => line.Trim()).Where(line => line.Length > 0);
        foreach (var line in lines)
        {
            Assert.Contains(line, readme, StringComparison.Ordinal);
        }
    }

    /// <summary>Reads a file of the repository, found by walking up from the test assembly's folder.</summary>
    public static string ReadRepositoryFile(string relativePath) => File.ReadAllText(FindRepositoryFile(relativePath));

    private static string FindRepositoryFile(string relativePath)
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

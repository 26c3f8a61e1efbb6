using Xunit;

namespace Inequalities.TestSupport;

/// <summary>
/// Keeps a README's C# example and the test that runs it the same, so the README shows code that compiles and runs.
/// The README marks its block with <c>&lt;!-- tested by tests/…/X.cs --&gt;</c> on the line before the <c>```csharp</c>
/// fence; the test file holds the same code between a <c>// README begin</c> and a <c>// README end</c> line.
/// </summary>
public static class ReadmeExample
{
    /// <summary>Asserts that each README's marked block is the test file's marked region.</summary>
    /// <param name="testFile">The test file, relative to the repository root (forward slashes).</param>
    /// <param name="readmes">The READMEs, relative to the repository root, that show the example.</param>
    public static void AssertSameAsReadmes(string testFile, params string[] readmes)
    {
        var region = Region(testFile);
        foreach (var readme in readmes)
        {
            Assert.Equal(region, Block(readme, testFile));
        }
    }

    /// <summary>The C# block of <paramref name="readme"/> marked as tested by <paramref name="testFile"/>, normalised.</summary>
    /// <param name="readme">The README, relative to the repository root.</param>
    /// <param name="testFile">The test file named in the marker.</param>
    /// <param name="skip">Lines of the block to leave out at its start (set-up the test does its own way).</param>
    public static string Block(string readme, string testFile, int skip = 0)
    {
        var lines = File.ReadAllLines(RepoPath(readme));
        var marker = Array.FindIndex(lines, l => l.StartsWith("<!--", StringComparison.Ordinal) && l.Contains("tested by " + testFile, StringComparison.Ordinal));
        Assert.True(marker >= 0, $"{readme} has no example marked <!-- tested by {testFile} -->.");
        Assert.Equal("```csharp", lines[marker + 1]);
        var end = Array.IndexOf(lines, "```", marker + 2);
        Assert.True(end > marker, $"{readme}: the example marked as tested by {testFile} has no closing fence.");
        return Normalise(lines[(marker + 2 + skip)..end]);
    }

    /// <summary>The lines between <c>// README begin</c> and <c>// README end</c> of a test file, normalised.</summary>
    /// <param name="testFile">The test file, relative to the repository root.</param>
    public static string Region(string testFile)
    {
        var lines = File.ReadAllLines(RepoPath(testFile));
        var begin = Array.FindIndex(lines, l => l.Trim() == "// README begin");
        var end = Array.FindIndex(lines, l => l.Trim() == "// README end");
        Assert.True(begin >= 0 && end > begin, $"{testFile} has no // README begin ... // README end region.");
        return Normalise(lines[(begin + 1)..end]);
    }

    private static string RepoPath(string relative) => Path.Combine([SharedData.RepoRoot, .. relative.Split('/')]);

    /// <summary>The lines without their common indentation, blank lines dropped.</summary>
    private static string Normalise(string[] lines)
    {
        var kept = lines.Where(l => l.Trim().Length > 0).ToArray();
        var indent = kept.Length == 0 ? 0 : kept.Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', kept.Select(l => l[indent..].TrimEnd()));
    }
}

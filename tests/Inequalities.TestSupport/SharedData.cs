namespace Inequalities.TestSupport;

/// <summary>
/// Locates the repository root and the real open data in ../shared beside it. Tests that need the
/// shared data fail loudly when it is missing: they are never skipped.
/// </summary>
public static class SharedData
{
    /// <summary>The repository root (the folder holding Inequalities.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>../shared beside the repository.</summary>
    public static string SharedRoot => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    /// <summary>../shared/data beside the repository.</summary>
    public static string DataDirectory => RequireDirectory(Path.Combine(SharedRoot, "data"));

    /// <summary>../shared/anchors/phe-indicator-methods beside the repository.</summary>
    public static string PheAnchors => RequireDirectory(Path.Combine(SharedRoot, "anchors", "phe-indicator-methods"));

    /// <summary>Full path of a file in ../shared/data; throws when it is missing.</summary>
    public static string DataFile(string name) => RequireFile(Path.Combine(DataDirectory, name));

    /// <summary>Full path of a file in the PHE anchors folder; throws when it is missing.</summary>
    public static string AnchorFile(string name) => RequireFile(Path.Combine(PheAnchors, name));

    private static string RequireDirectory(string path) =>
        Directory.Exists(path)
            ? path
            : throw new DirectoryNotFoundException(
                $"The shared data folder '{path}' is missing. Tests read the real open data from ../shared beside the repository; check it out there.");

    private static string RequireFile(string path) =>
        File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The shared file '{path}' is missing.", path);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Inequalities.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException(
            $"Could not find Inequalities.sln above {AppContext.BaseDirectory}.");
    }
}

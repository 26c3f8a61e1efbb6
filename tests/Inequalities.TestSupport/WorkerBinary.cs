namespace Inequalities.TestSupport;

/// <summary>
/// The built <c>inequalities</c> executable (src/Inequalities.Worker's own output, with its own deps.json), for tests
/// that run it as a child process the way users and schedulers do.
/// </summary>
public static class WorkerBinary
{
    /// <summary>The path of <c>inequalities.dll</c>, built in the same configuration as the running tests.</summary>
    public static string Path
    {
        get
        {
            // AppContext.BaseDirectory is tests/<project>/bin/<Configuration>/<tfm>/.
            var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
            var configuration = tfmDir.Parent?.Name ?? "Debug";
            var path = System.IO.Path.Combine(SharedData.RepoRoot, "src", "Inequalities.Worker", "bin", configuration, tfmDir.Name, "inequalities.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"The worker has not been built in {configuration} (expected {path}); the test project references it, so build the solution.", path);
        }
    }
}

using System.Diagnostics;

namespace Inequalities.Lake.Tests.Build.Baseline;

/// <summary>
/// The reference lake of the "no change in behaviour" test: the commit pinned in <c>eng/lake-baseline.rev</c> is
/// checked out in a temporary git worktree, its worker built once into a cache under the system temp folder keyed by
/// the full commit id (so repeated local runs only refresh), and run on a catalogue into a new lake. A clone without
/// that commit's history (a shallow clone, an exported tree) cannot build it: the test then compares the current lake
/// with the pinned lake's committed digest (<see cref="LakeDigest"/>) alone, and says so. Shared by the test and
/// <c>eng/update-lake-baseline.sh</c> (eng/LakeBaseline, which links this file).
/// </summary>
/// <param name="repoRoot">The repository's root folder.</param>
internal sealed class BaselineLake(string repoRoot)
{
    /// <summary>The pin file, relative to the repository root.</summary>
    public const string PinFile = "eng/lake-baseline.rev";

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RefreshTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The pinned commit as written in the pin file (the first line that is not a comment).</summary>
    public string PinnedRevision()
    {
        var path = Path.Combine(repoRoot, PinFile);
        var line = File.ReadLines(path).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#'));
        return line ?? throw new InvalidDataException($"{PinFile} names no commit: add the commit id whose lake is the reference.");
    }

    /// <summary>
    /// Resolves <paramref name="revision"/> to its full commit id, or returns null with the reason when this clone's
    /// history does not hold it (a shallow clone, an exported tree).
    /// </summary>
    public async Task<(string? Commit, string Reason)> TryResolveAsync(string revision)
    {
        var (code, output, error) = await RunAsync("git", repoRoot, TimeSpan.FromMinutes(1), "rev-parse", "--verify", "--quiet", revision + "^{commit}");
        if (code == 0)
        {
            return (output.Trim(), string.Empty);
        }

        var (_, shallow, _) = await RunAsync("git", repoRoot, TimeSpan.FromMinutes(1), "rev-parse", "--is-shallow-repository");
        return (null, $"commit {revision} is not in this clone's git history (shallow clone: {shallow.Trim()}; git: {error.Trim()}; git fetch --unshallow brings it)");
    }

    /// <summary>Writes <paramref name="commit"/> as the pin, keeping the pin file's comments.</summary>
    public void Pin(string commit)
    {
        var path = Path.Combine(repoRoot, PinFile);
        var lines = File.ReadAllLines(path).Where(l => l.TrimStart().StartsWith('#') || l.Trim().Length == 0).Append(commit);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
    }

    /// <summary>
    /// The lake <paramref name="commit"/>'s code refreshes from its own shared catalogue (briefings off) into
    /// <paramref name="folder"/>/lake; the worker is built on first use and cached.
    /// </summary>
    public async Task<string> BuildLakeAsync(string commit, string folder)
    {
        var worker = await WorkerAsync(commit);
        var catalogue = await CatalogueAsync(commit, folder);
        var lake = Path.Combine(folder, "lake");
        await RefreshAsync(worker, catalogue, lake);
        return lake;
    }

    /// <summary>The pinned commit's worker (<c>inequalities.dll</c>), built on first use and cached.</summary>
    public async Task<string> WorkerAsync(string commit)
    {
        var cache = Path.Combine(Path.GetTempPath(), "inequalities-lake-baseline", commit);
        var worker = Path.Combine(cache, "bin", "inequalities.dll");
        var complete = Path.Combine(cache, "complete");
        Directory.CreateDirectory(cache);

        // Other test runs (other worktrees, the same commit) may build the same cache at the same time: one at a time.
        using var cacheLock = await LockAsync(Path.Combine(cache, "lock"));
        if (File.Exists(complete) && File.Exists(worker))
        {
            return worker;
        }

        var source = Path.Combine(cache, "src");
        await RunAsync("git", repoRoot, TimeSpan.FromMinutes(1), "worktree", "prune");
        if (Directory.Exists(source))
        {
            Directory.Delete(source, recursive: true);
        }

        await RunCheckedAsync("git", repoRoot, TimeSpan.FromMinutes(2), "worktree", "add", "--detach", "--force", source, commit);
        try
        {
            await RunCheckedAsync(
                "dotnet", source, BuildTimeout,
                "build", Path.Combine("src", "Inequalities.Worker"), "-c", "Release", "-o", Path.Combine(cache, "bin"), "--nologo", "-v", "q");
        }
        finally
        {
            await RunAsync("git", repoRoot, TimeSpan.FromMinutes(1), "worktree", "remove", "--force", source);
        }

        await File.WriteAllTextAsync(complete, commit);
        return worker;
    }

    /// <summary>
    /// The shared catalogue as it was at <paramref name="commit"/>, written into <paramref name="folder"/>: each relative
    /// <c>url:</c> made absolute against the repository's tests folder, and briefings turned off (they are not lake
    /// tables, and the current side's in-process refresh writes none).
    /// </summary>
    public async Task<string> CatalogueAsync(string commit, string folder)
    {
        var (code, yaml, error) = await RunAsync("git", repoRoot, TimeSpan.FromMinutes(1), "show", $"{commit}:tests/data-sources.shared.yml");
        if (code != 0)
        {
            throw new InvalidOperationException($"git show {commit}:tests/data-sources.shared.yml exited {code}: {error}");
        }

        var tests = Path.Combine(repoRoot, "tests");
        var lines = new List<string>();
        var inBriefs = false;
        foreach (var line in yaml.Split('\n'))
        {
            if (inBriefs && line.Length > 0 && !char.IsWhiteSpace(line[0]) && line[0] != '#')
            {
                inBriefs = false;
            }

            if (line.StartsWith("briefs:", StringComparison.Ordinal))
            {
                lines.Add("briefs:");
                lines.Add("  areas: []");
                inBriefs = true;
            }
            else if (!inBriefs)
            {
                var url = System.Text.RegularExpressions.Regex.Match(line, @"^(\s+url:\s*)(\.\.?/\S+)\s*$");
                lines.Add(url.Success ? url.Groups[1].Value + Path.GetFullPath(Path.Combine(tests, url.Groups[2].Value)) : line);
            }
        }

        var path = Path.Combine(folder, "data-sources.yml");
        await File.WriteAllTextAsync(path, string.Join('\n', lines));
        return path;
    }

    /// <summary>Refreshes a new lake in <paramref name="lake"/> from <paramref name="catalogue"/> with the pinned commit's worker.</summary>
    public static async Task RefreshAsync(string worker, string catalogue, string lake)
    {
        var (code, output, error) = await RunAsync("dotnet", Path.GetDirectoryName(worker)!, RefreshTimeout, worker, "refresh", "--config", catalogue, "--lake", lake);
        if (code != 0)
        {
            throw new InvalidOperationException($"The baseline worker's refresh exited {code}:\n{output}\n{error}");
        }
    }

    private static async Task<FileStream> LockAsync(string path)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < BuildTimeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }

    private static async Task RunCheckedAsync(string command, string folder, TimeSpan timeout, params string[] args)
    {
        var (code, output, error) = await RunAsync(command, folder, timeout, args);
        if (code != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} exited {code} in {folder}:\n{output}\n{error}");
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string command, string folder, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        // The test host runs under `dotnet test`: its MSBuild variables would point a child build at the wrong SDK parts.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} {string.Join(' ', args)} did not finish within {timeout}.");
        }

        return (process.ExitCode, await output, await error);
    }
}

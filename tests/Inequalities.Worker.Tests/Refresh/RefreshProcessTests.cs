using System.Diagnostics;
using Inequalities.Lake.Snapshots;
using Inequalities.TestSupport;

namespace Inequalities.Worker.Tests.Refresh;

/// <summary>The <c>inequalities refresh</c> executable, run as a child process the way users and cron run it.</summary>
public sealed partial class RefreshProcessTests : IDisposable
{
    private static readonly string SharedConfig = Path.Combine(SharedData.RepoRoot, "tests", "data-sources.shared.yml");
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Refresh_Sample_PublishesOfflineAndExitsZero()
    {
        var lake = _temp.Combine("lake");

        var config = TestCatalogues.WriteRealWithoutBriefs(_temp.Combine("catalogue"));

        var (code, stdout, stderr) = await RunAsync(["refresh", "--sample", "--lake", lake, "--config", config], SharedData.RepoRoot);

        Assert.True(code == 0, stderr);
        var snapshot = LakeSnapshot.OpenCurrent(lake);
        Assert.Contains($"Published snapshot {snapshot.Id}", stdout, StringComparison.Ordinal);
        Assert.True(snapshot.Manifest.Sample);
        Assert.All(snapshot.Manifest.Sources, s => Assert.StartsWith(Path.Combine(lake, "sample-mirror"), s.Url, StringComparison.Ordinal));
        Assert.Contains("areas", snapshot.TableNames);
        Assert.True((await snapshot.ReadTableAsync("areas")).RowCount > 0);
    }

    [Fact]
    public async Task Refresh_InvalidCatalogue_ExitsTwoListingEveryProblem()
    {
        var config = _temp.Combine("bad.yml");
        await File.WriteAllTextAsync(config, "version: 1\nsources:\n  - id: x\n    kind: nope\n");

        var (code, _, stderr) = await RunAsync(["refresh", "--config", config, "--lake", _temp.Combine("lake")], _temp.Path);

        Assert.Equal(2, code);
        Assert.Contains("field 'kind': 'nope' is not one of", stderr, StringComparison.Ordinal);
        Assert.Contains("field 'publisher': is required", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_KilledMidBuild_LeavesPreviousSnapshotCurrentAndNextRunCleansUp()
    {
        var lake = _temp.Combine("lake");
        var small = await RunAsync(["refresh", "--config", SharedConfig, "--lake", lake, "--only", "iod2019-file1,lookup-lsoa11-lsoa21,lookup-lad-cauth"], SharedData.RepoRoot);
        Assert.True(small.Code == 0, small.Stderr);
        var before = new LakeLayout(lake).ReadCurrentId();

        // The full national build takes several seconds; kill it with SIGKILL part-way, at a moment that varies.
        var seed = Environment.TickCount;
        var delay = TimeSpan.FromMilliseconds(1500 + new Random(seed).Next(0, 2500));
        using (var child = Start(["refresh", "--config", SharedConfig, "--lake", lake], SharedData.RepoRoot))
        {
            await Task.Delay(delay);
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }

            await child.WaitForExitAsync();
        }

        var layout = new LakeLayout(lake);
        var current = layout.ReadCurrentId();
        var snapshot = LakeSnapshot.OpenCurrent(lake);
        foreach (var entry in snapshot.Manifest.Tables)
        {
            Assert.Equal(entry.Rows, (await snapshot.ReadTableAsync(entry.Name)).RowCount);
        }

        // Either the kill landed before publication (previous snapshot still current) or after (new one complete).
        Assert.True(current == before || snapshot.Manifest.Sources.Count > 3, $"seed {seed}, delay {delay}");

        var again = await RunAsync(["refresh", "--config", SharedConfig, "--lake", lake, "--only", "iod2019-file1,lookup-lsoa11-lsoa21,lookup-lad-cauth"], SharedData.RepoRoot);
        Assert.True(again.Code == 0, again.Stderr);
        Assert.Empty(Directory.EnumerateDirectories(layout.SnapshotsDirectory, ".staging-*"));
        Assert.False(File.Exists(layout.CurrentFile + ".tmp"));
    }

    private static Process Start(string[] args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WorkerBinary.Path);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start the worker");
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string[] args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(args, workingDirectory, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}

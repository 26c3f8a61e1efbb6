using System.Diagnostics;
using Inequalities.Lake.Refresh;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Inequalities.Worker.Tests.Run;

/// <summary>
/// kill -9 at random moments: a child worker refreshing every second (a source changes all the time, so every run
/// builds and publishes) is killed with SIGKILL again and again; after every kill <c>current</c> must name a complete,
/// readable snapshot, and the next run must clean up the debris.
/// </summary>
public sealed class KillTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 18;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_KilledWithSigkillAtRandomMoments_CurrentIsAlwaysComplete()
    {
        var (config, mirror, _) = WorkerFixture.WriteMirrorCatalogue(_temp.Path, keepSnapshots: 3);
        var lake = _temp.Combine("lake");
        var layout = new LakeLayout(lake);
        var suicide = Path.Combine(mirror, "fingertips-suicide.csv");

        // A first snapshot, so there is always a current one to check.
        using (var fetcher = new SourceFetcher(new FetchOptions(), TimeProvider.System))
        {
            var outcome = await new RefreshRunner(layout, fetcher, new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))).RunAsync(SourceCatalogue.Load(config));
            Assert.True(outcome.Published, outcome.Error);
        }

        using var changing = new CancellationTokenSource();
        var variant = 0;
        var changer = Task.Run(async () =>
        {
            while (!changing.IsCancellationRequested)
            {
                WorkerFixture.VaryFingertipsValue(suicide, ++variant);
                await Task.Delay(150, CancellationToken.None);
            }
        });

        var random = new Random(20261125);
        var clock = Stopwatch.StartNew();
        var duringBuild = 0;
        var published = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            for (var kill = 0; kill < Kills; kill++)
            {
                var before = layout.ReadCurrentId();
                using var worker = WorkerFixture.StartWorker("run", "--config", config, "--lake", lake, "--schedule", "* * * * * *");
                if (kill % 4 == 1)
                {
                    // Every fourth kill lets the worker publish first, however loaded the machine is (start-up alone
                    // can outlast the random delays below), then kills it straight after: the lake must keep moving.
                    await WaitForNewCurrentAsync(layout, before, worker, TimeSpan.FromSeconds(60));
                    await Task.Delay(random.Next(0, 300));
                }
                else if (kill % 2 == 0)
                {
                    // Half the kills land while a snapshot is being built or published: wait for a staging folder.
                    var staged = await WaitForStagingAsync(layout, worker, TimeSpan.FromSeconds(8));
                    await Task.Delay(random.Next(0, 500));
                    duringBuild += staged ? 1 : 0;
                }
                else
                {
                    await Task.Delay(random.Next(300, 4000));
                }

                Assert.False(worker.HasExited, "the worker exited by itself:\n" + WorkerFixture.OutputOf(worker));
                worker.Kill();
                await worker.WaitForExitAsync();
                var current = await WorkerFixture.AssertCurrentCompleteAsync(lake);
                Assert.NotNull(current);
                published.Add(current!);
            }
        }
        finally
        {
            await changing.CancelAsync();
            await changer;
        }

        output.WriteLine($"{Kills} kills in {clock.Elapsed.TotalSeconds:F1}s, {duringBuild} during a build or publish, {published.Count} distinct current snapshots");
        Assert.True(published.Count > 1, "the workers should have published while being killed");

        // The next run cleans the debris up and leaves at most keep_snapshots (3) snapshots plus none half-written.
        using (var fetcher = new SourceFetcher(new FetchOptions(), TimeProvider.System))
        {
            var outcome = await new RefreshRunner(layout, fetcher, TimeProvider.System).RunAsync(SourceCatalogue.Load(config));
            Assert.True(outcome.Succeeded, outcome.Error);
        }

        Assert.Empty(Directory.GetDirectories(layout.SnapshotsDirectory, ".*"));
        Assert.False(File.Exists(layout.CurrentFile + ".tmp"));
        Assert.InRange(Directory.GetDirectories(layout.SnapshotsDirectory).Length, 1, 3);
        await WorkerFixture.AssertCurrentCompleteAsync(lake);
    }

    private static async Task WaitForNewCurrentAsync(LakeLayout layout, string? before, Process worker, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !worker.HasExited && layout.ReadCurrentId() == before)
        {
            await Task.Delay(20);
        }
    }

    private static async Task<bool> WaitForStagingAsync(LakeLayout layout, Process worker, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !worker.HasExited)
        {
            if (Directory.Exists(layout.SnapshotsDirectory) && Directory.EnumerateDirectories(layout.SnapshotsDirectory, ".staging-*").Any())
            {
                return true;
            }

            await Task.Delay(1);
        }

        return false;
    }
}

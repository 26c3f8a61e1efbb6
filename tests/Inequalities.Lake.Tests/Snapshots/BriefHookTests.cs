using Inequalities.Lake.Refresh;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.Sources.Sample;
using Inequalities.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Inequalities.Lake.Tests.Snapshots;

/// <summary>
/// <see cref="RefreshRequest.WriteBriefs"/>: files written into the staged snapshot are published with it and listed in
/// its manifest; a hook that throws costs the briefings, never the data.
/// </summary>
public sealed class BriefHookTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Refresh_HookWritesAFile_ItIsInThePublishedSnapshotAndItsManifest()
    {
        var staged = (string?)null;
        var outcome = await RefreshAsync(async (snapshot, token) =>
        {
            staged = snapshot.Directory;
            Assert.Contains("areas", snapshot.TableNames);
            Assert.True((await snapshot.ReadTableAsync("areas", token)).RowCount > 0);
            Directory.CreateDirectory(Path.Combine(snapshot.Directory, "briefs"));
            await File.WriteAllTextAsync(Path.Combine(snapshot.Directory, "briefs", "E47000004.html"), "<!DOCTYPE html>", token);
            return [new BriefEntry { AreaCode = "E47000004", Format = "html", Status = "written", Path = "briefs/E47000004.html", Bytes = 15 }];
        });

        Assert.True(outcome.Published, outcome.Error);
        Assert.Contains(".staging-", staged, StringComparison.Ordinal);
        var published = LakeSnapshot.OpenCurrent(_dir.Combine("lake"));
        var entry = Assert.Single(published.Manifest.Briefs!);
        Assert.Equal("written", entry.Status);
        Assert.Equal("<!DOCTYPE html>", File.ReadAllText(Path.Combine(published.Directory, entry.Path!)));
    }

    [Fact]
    public async Task Refresh_HookThrows_TheDataIsPublishedWithoutBriefsAndTheErrorIsRecorded()
    {
        var outcome = await RefreshAsync(async (snapshot, token) =>
        {
            Directory.CreateDirectory(Path.Combine(snapshot.Directory, "briefs"));
            await File.WriteAllTextAsync(Path.Combine(snapshot.Directory, "briefs", "half.html"), "<!DOC", token);
            throw new InvalidOperationException("the briefing broke");
        });

        Assert.True(outcome.Published, outcome.Error);
        var published = LakeSnapshot.OpenCurrent(_dir.Combine("lake"));
        var entry = Assert.Single(published.Manifest.Briefs!);
        Assert.Equal("failed", entry.Status);
        Assert.Equal("the briefing broke", entry.Error);
        Assert.False(Directory.Exists(Path.Combine(published.Directory, "briefs")));
        Assert.Contains("areas", published.TableNames);
    }

    private async Task<RefreshOutcome> RefreshAsync(Func<LakeSnapshot, CancellationToken, Task<IReadOnlyList<BriefEntry>>> hook)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        var catalogue = SourceCatalogue.Load(Path.Combine(SharedData.RepoRoot, "data-sources.yml"));
        catalogue = catalogue.WithLocations(SampleMirror.Generate(catalogue, _dir.Combine("mirror"), timeProvider: time));
        using var fetcher = new SourceFetcher(new FetchOptions(), time);
        return await new RefreshRunner(new LakeLayout(_dir.Combine("lake")), fetcher, time)
            .RunAsync(catalogue, new RefreshRequest { Sample = true, WriteBriefs = hook });
    }
}

using Inequalities.Lake.Refresh;
using Inequalities.Sources.Catalogue;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Refresh;

/// <summary>The worker's runner keeps parsed sources for its next run; a one-shot refresh keeps none.</summary>
public sealed class SourceParseCacheTests
{
    private static readonly SourceDefinition Source =
        SourceCatalogue.Load(Path.Combine(SharedData.RepoRoot, "tests", "data-sources.shared.yml"))["lookup-lad-cauth"];

    private static (int Parses, SourceParseCache Cache, IReadOnlyList<bool> Reused) TwoRuns(bool retain)
    {
        var cache = new SourceParseCache { Retain = retain };
        var parses = 0;
        var reused = new List<bool>();
        for (var run = 0; run < 2; run++)
        {
            cache.BeginRun(new Dictionary<string, string> { [Source.Id] = "same-sha:same-definition:" });
            cache.GetOrParse(Source, "unused", (s, _) => new Sources.Parsing.UnusedSource { SourceId = s.Id, Reason = "counted", RowsRead = ++parses });
            reused.Add(cache.LastRun[Source.Id].Reused);
            cache.EndRun();
        }

        return (parses, cache, reused);
    }

    [Fact]
    public void GetOrParse_Retained_ParsesAnUnchangedSourceOnce()
    {
        var (parses, cache, reused) = TwoRuns(retain: true);

        Assert.Equal(1, parses);
        Assert.Equal([false, true], reused);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void GetOrParse_NotRetained_ParsesEveryRunAndHoldsNothing()
    {
        var (parses, cache, reused) = TwoRuns(retain: false);

        Assert.Equal(2, parses);
        Assert.Equal([false, false], reused);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void KeepParsedSources_OneShotRunner_IsPassedToItsCache()
    {
        using var temp = new TempDirectory();
        using var fetcher = new Sources.Fetch.SourceFetcher(new Sources.Fetch.FetchOptions(), TimeProvider.System);

        var worker = new RefreshRunner(new Inequalities.Lake.Snapshots.LakeLayout(temp.Path), fetcher, TimeProvider.System);
        var oneShot = new RefreshRunner(new Inequalities.Lake.Snapshots.LakeLayout(temp.Path), fetcher, TimeProvider.System) { KeepParsedSources = false };

        Assert.True(worker.ParseCache.Retain);
        Assert.False(oneShot.ParseCache.Retain);
    }
}

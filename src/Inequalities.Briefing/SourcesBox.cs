using Inequalities.Lake;

namespace Inequalities.Briefing;

/// <summary>The sources box: every source behind the tables a briefing reads, from the snapshot's manifest.</summary>
internal static class SourcesBox
{
    /// <summary>
    /// The sources, in manifest order: the indicator sources of the headlines; the sources of the <c>areas</c> table
    /// (geography, population, wards) and of the <c>deprivation</c> table (the deprivation bases and the need map); the
    /// boundary file the map used (its raw-cache folder names the source); the <c>lad_deprivation_summaries</c>
    /// sources when the ranks are shown; the asset tables' sources when the asset section is shown.
    /// </summary>
    public static List<BriefSource> Sources(BriefData data, IReadOnlyList<Headline> headlines, string? boundaryFile, bool assets, bool ranks)
    {
        var manifest = data.Snapshot.Manifest;
        var used = new HashSet<string>(headlines.Select(h => h.SourceId), StringComparer.Ordinal);
        void Table(string name)
        {
            foreach (var source in manifest.Tables.FirstOrDefault(t => t.Name == name)?.Sources ?? [])
            {
                used.Add(source);
            }
        }

        Table(TableNames.Areas);
        Table(TableNames.Deprivation);
        if (ranks)
        {
            Table(TableNames.LadDeprivationSummaries);
        }

        if (assets)
        {
            Table(TableNames.Assets);
            Table(TableNames.AssetNeed);
            Table(TableNames.AssetNeedSummary);
        }

        // <lake>/raw/<source-id>/<sha256>.geojson: the folder is the source.
        if (boundaryFile is not null && Path.GetFileName(Path.GetDirectoryName(boundaryFile)) is { Length: > 0 } boundarySource)
        {
            used.Add(boundarySource);
        }

        return manifest.Sources
            .Where(s => used.Contains(s.Id))
            .Select(s => new BriefSource(s.Id, s.Publisher, s.Period, s.RetrievedAt, s.Licence, s.Attribution, s.Url))
            .ToList();
    }
}

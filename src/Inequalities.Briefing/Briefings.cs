using System.Security.Cryptography;
using System.Text;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inequalities.Briefing;

/// <summary>
/// The commissioner's briefing, the one entry point: <see cref="BuildAsync(LakeSnapshot, string, BriefOptions?, CancellationToken)"/>
/// makes the typed model of an area's briefing from a snapshot, <see cref="WriteAsync"/> writes it as HTML or PDF (never
/// half a file), and <see cref="WriteIntoSnapshotAsync"/> writes the catalogue's briefings into a snapshot before it is
/// published (the worker's hook).
/// </summary>
public static class Briefings
{
    /// <summary>Opens the lake's current snapshot and builds the briefing of an area.</summary>
    /// <param name="lakeDirectory">The lake folder.</param>
    /// <param name="areaCode">A district, combined authority (e.g. E47000004) or E92000001 for England.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="BriefException">No lake, an unknown area, or no gradient for the area; the message says which.</exception>
    public static async Task<Brief> BuildAsync(string lakeDirectory, string areaCode, BriefOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(lakeDirectory);
        LakeSnapshot snapshot;
        try
        {
            snapshot = LakeSnapshot.OpenCurrent(lakeDirectory);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new BriefException(BriefProblem.NoLake, $"No lake to brief from at '{Path.GetFullPath(lakeDirectory)}': {ex.Message}", ex);
        }

        return await BuildAsync(snapshot, areaCode, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds the briefing of an area from a snapshot.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="areaCode">A district, combined authority (e.g. E47000004) or E92000001 for England.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="BriefException">An unknown area, or no gradient for the area; the message says which.</exception>
    public static async Task<Brief> BuildAsync(LakeSnapshot snapshot, string areaCode, BriefOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentException.ThrowIfNullOrWhiteSpace(areaCode);
        var data = await BriefData.LoadAsync(snapshot, cancellationToken).ConfigureAwait(false);
        return await BuildAsync(data, areaCode.Trim(), options ?? new BriefOptions()).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a briefing to <paramref name="outputPath"/>: HTML for <c>.html</c>/<c>.htm</c>, PDF (printed from the
    /// same HTML by a headless Chromium) for <c>.pdf</c>. The file is written beside the target and renamed over it, so a
    /// failure never leaves half a file.
    /// </summary>
    /// <param name="brief">The briefing.</param>
    /// <param name="outputPath">The file to write.</param>
    /// <param name="options">Options (the browser for a PDF); null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the PDF.</param>
    /// <exception cref="BriefException">A bad extension, no browser, or the browser failed; nothing is written.</exception>
    public static async Task WriteAsync(Brief brief, string outputPath, BriefOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(brief);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        options ??= new BriefOptions();
        var full = Path.GetFullPath(outputPath);
        var extension = Path.GetExtension(full).ToLowerInvariant();
        if (extension is not (".html" or ".htm" or ".pdf"))
        {
            throw new BriefException(BriefProblem.BadOutput, $"The briefing file '{outputPath}' must end in .html or .pdf, not '{extension}'.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var html = brief.ToHtml();
        var temp = $"{full}.tmp-{Guid.NewGuid():N}";
        try
        {
            if (extension == ".pdf")
            {
                var browser = BrowserLocator.Find(options.BrowserPath);
                var work = Directory.CreateTempSubdirectory("inequalities-brief-");
                try
                {
                    var page = Path.Combine(work.FullName, "brief.html");
                    await File.WriteAllTextAsync(page, html, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
                    await ChromiumPdf.PrintAsync(browser, page, temp, options.PdfTimeout, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    work.Delete(recursive: true);
                }
            }
            else
            {
                await File.WriteAllTextAsync(temp, html, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>
    /// Writes the briefings a catalogue's <c>briefs:</c> section asks for into a (staged) snapshot's <c>briefs/</c>
    /// folder, as <c>briefs/&lt;area&gt;.html</c> and <c>.pdf</c>, and returns their manifest entries. Each briefing is
    /// made on its own: one that fails (an area without gradients, no browser for the PDF) is logged and listed with
    /// its error, leaves no file, and never stops the others or the snapshot.
    /// </summary>
    /// <param name="snapshot">The snapshot to write into (its folder may be the staging folder of a refresh).</param>
    /// <param name="settings">The areas and formats.</param>
    /// <param name="logger">Where each briefing is logged.</param>
    /// <param name="cancellationToken">Stops the briefings (the refresh is then cancelled too).</param>
    public static async Task<IReadOnlyList<BriefEntry>> WriteIntoSnapshotAsync(
        LakeSnapshot snapshot, BriefSettings settings, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(settings);
        logger ??= NullLogger.Instance;
        var entries = new List<BriefEntry>();
        if (!settings.Enabled)
        {
            return entries;
        }

        var options = new BriefOptions { BrowserPath = settings.Browser };
        BriefData? data = null;
        string? loadError = null;
        try
        {
            data = await BriefData.LoadAsync(snapshot, cancellationToken).ConfigureAwait(false);
        }
        catch (BriefException ex)
        {
            loadError = ex.Message;
        }

        foreach (var area in settings.Areas)
        {
            Brief? brief = null;
            string? error = loadError;
            if (data is not null)
            {
                try
                {
                    brief = await BuildAsync(data, area, options).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is BriefException or InvalidOperationException or ArgumentException or KeyNotFoundException or InvalidDataException)
                {
                    error = ex.Message;
                }
            }

            if (brief is null)
            {
                LogFailed(logger, area, string.Join(", ", settings.Formats).ToLowerInvariant(), error ?? "unknown");
            }

            foreach (var format in settings.Formats)
            {
                var name = format == BriefFormat.Pdf ? "pdf" : "html";
                var relative = $"briefs/{area}.{name}";
                if (brief is null)
                {
                    entries.Add(new BriefEntry { AreaCode = area, Format = name, Status = "failed", Error = error });
                    continue;
                }

                try
                {
                    var path = Path.Combine(snapshot.Directory, "briefs", $"{area}.{name}");
                    await WriteAsync(brief, path, options, cancellationToken).ConfigureAwait(false);
                    var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
                    logger.LogInformation("Briefing {Area} ({Name}) written: {Path}, {Bytes} bytes", area, brief.Area.Name, relative, bytes.Length);
                    entries.Add(new BriefEntry
                    {
                        AreaCode = area, AreaName = brief.Area.Name, Format = name, Status = "written", Path = relative, Bytes = bytes.Length,
                        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                    });
                }
                catch (BriefException ex)
                {
                    LogFailed(logger, area, name, ex.Message);
                    entries.Add(new BriefEntry { AreaCode = area, AreaName = brief.Area.Name, Format = name, Status = "failed", Error = ex.Message });
                }
            }
        }

        return entries;
    }

    internal static async Task<Brief> BuildAsync(BriefData data, string areaCode, BriefOptions options)
    {
        var area = data.Area(areaCode);
        var manifest = data.Snapshot.Manifest;
        var brief = new Brief(area, new BriefSnapshotInfo(manifest.SnapshotId, manifest.CreatedAt, manifest.ToolVersion, manifest.Sample));
        var (headlines, missing) = Headlines.Build(data, area);
        brief.Headlines = headlines;
        brief.MissingGradients = missing;
        brief.RankingRule = area.Code == BriefData.England ? Headlines.EnglandRankingRule : Headlines.RankingRule;
        brief.GradientFigures = GradientFigures.Build(data, area, headlines);
        var (map, mapMissing, highest, boundarySource) = await NeedSections.MapAsync(data, area, options).ConfigureAwait(false);
        (brief.NeedMap, brief.NeedMapMissing, brief.HighestNeed) = (map, mapMissing, highest);
        var (assetChart, assetsMissing, priority, total) = NeedSections.Assets(data, area, options);
        (brief.AssetChart, brief.AssetsMissing, brief.Priority, brief.PriorityTotal) = (assetChart, assetsMissing, priority, total);
        if (assetChart is not null)
        {
            (brief.OrganisationMap, brief.Organisations, brief.OrganisationsMissing) = OrganisationSection.Build(data, area, NeedSections.AssetNeedRows(data, area));
        }
        (brief.DistrictRanks, brief.RanksMissing) = GradientFigures.Ranks(data, area);
        brief.Sources = SourcesBox.Sources(data, headlines, boundarySource, assetChart is not null, brief.DistrictRanks is not null);
        return brief;
    }

    private static void LogFailed(ILogger logger, string area, string format, string error) =>
        logger.LogWarning("Briefing {Area} ({Format}) failed; the snapshot is published without it: {Error}", area, format, error);
}

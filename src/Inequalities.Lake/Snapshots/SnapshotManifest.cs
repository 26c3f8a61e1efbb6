using System.Text.Json;
using System.Text.Json.Serialization;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;

namespace Inequalities.Lake.Snapshots;

/// <summary>
/// <c>manifest.json</c>: what a snapshot holds and where every value came from. Field names are snake_case and
/// part of the contract other engines and notebooks rely on.
/// </summary>
public sealed record SnapshotManifest
{
    /// <summary>The snapshot id (UTC time, sortable, e.g. <c>20261125T020000Z</c>).</summary>
    public required string SnapshotId { get; init; }

    /// <summary>When the snapshot was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The version of the tool that wrote it.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>The catalogue file the refresh read.</summary>
    public string? Catalogue { get; init; }

    /// <summary>
    /// Where the catalogue came from: <c>kind</c> (<c>file</c> or <c>embedded</c>), <c>path</c>, <c>sha256</c> of its
    /// YAML, <c>base_directory</c> (where relative <c>url:</c> paths resolve) and <c>skipped</c> sources with the reason
    /// (null in manifests written before it was recorded).
    /// </summary>
    public CatalogueOrigin? CatalogueOrigin { get; init; }

    /// <summary>Whether the refresh ran on the generated sample mirror.</summary>
    public bool Sample { get; init; }

    /// <summary>Provenance of each source, in catalogue order.</summary>
    public required IReadOnlyList<SourceProvenance> Sources { get; init; }

    /// <summary>The tables in the snapshot.</summary>
    public IReadOnlyList<TableEntry> Tables { get; init; } = [];

    /// <summary>
    /// The briefings written into the snapshot's <c>briefs/</c> folder before it was published (one per area and
    /// format, including those that failed, with the error); null when the refresh wrote none.
    /// </summary>
    public IReadOnlyList<BriefEntry>? Briefs { get; init; }

    /// <summary>The JSON options every manifest is written and read with.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Reads a manifest file.</summary>
    /// <param name="path">The manifest path.</param>
    /// <exception cref="InvalidDataException">The file is not a valid manifest.</exception>
    public static SnapshotManifest Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<SnapshotManifest>(File.ReadAllBytes(path), JsonOptions)
                ?? throw new InvalidDataException($"{path} is empty; expected a snapshot manifest.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a valid snapshot manifest: {ex.Message}", ex);
        }
    }
}

/// <summary>The provenance of one source in a snapshot.</summary>
public sealed record SourceProvenance
{
    /// <summary>The source id from the catalogue.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// Where it was read from: the publisher's URL as asked for (month tokens resolved; an ArcGIS layer's query without
    /// paging), or the local path. Mirrors do not change it.
    /// </summary>
    public required string Url { get; init; }

    /// <summary>The publisher's URL the bytes finally came from, after redirects (an ArcGIS layer: its last page).</summary>
    public string? FinalUrl { get; init; }

    /// <summary>The mirror URL(s) the requests went to instead of the publisher, when a mirror was used.</summary>
    public string? Mirror { get; init; }

    /// <summary>The zip member read, with its month tokens resolved, when the catalogue's member is a template.</summary>
    public string? Member { get; init; }

    /// <summary>
    /// For the fields whose <c>columns:</c> entry lists several accepted headers: the header the file used (only
    /// aliased fields are listed; null when there are none).
    /// </summary>
    public IReadOnlyDictionary<string, string>? ColumnsUsed { get; init; }

    /// <summary>When the copy used was retrieved (null when no copy exists).</summary>
    public DateTimeOffset? RetrievedAt { get; init; }

    /// <summary>Size of the copy used, in bytes.</summary>
    public long? Bytes { get; init; }

    /// <summary>SHA-256 of the copy used (lower-case hex).</summary>
    public string? Sha256 { get; init; }

    /// <summary>
    /// SHA-256 of the parts of the catalogue entry that decide how the file is parsed (kind, format, columns,
    /// options...). With <see cref="Sha256"/> it tells an incremental refresh whether the source changed.
    /// </summary>
    public string? DefinitionSha256 { get; init; }

    /// <summary>Rows parsed from it, when it was parsed.</summary>
    public long? Rows { get; init; }

    /// <summary>The publisher's licence.</summary>
    public required string Licence { get; init; }

    /// <summary>The publisher.</summary>
    public string? Publisher { get; init; }

    /// <summary>The data period or edition the catalogue gives for the source (e.g. <c>2019</c>, <c>December 2021 (BSC V4)</c>).</summary>
    public string? Period { get; init; }

    /// <summary>
    /// The attribution statement to show with anything made from the source: the catalogue's <c>attribution:</c>, or
    /// the OGL sentence for an OGL source (see <see cref="Sources.Catalogue.Attribution.For"/>); null when neither applies.
    /// </summary>
    public string? Attribution { get; init; }

    /// <summary>What the refresh did with the source: <c>fetched</c>, <c>unchanged</c> or <c>failed</c> (never <c>not_due</c>: a copy kept without asking is <c>unchanged</c>).</summary>
    public required SourceStatus Status { get; init; }

    /// <summary>Why the source failed or is stale.</summary>
    public string? Error { get; init; }

    /// <summary>A remark about how the snapshot used the source (e.g. a kind no table uses yet).</summary>
    public string? Note { get; init; }

    /// <summary>Rows of the source that could not be used and were left out (the rest were kept), when there were any.</summary>
    public long? RejectedRows { get; init; }

    /// <summary>Up to ten rejected rows, each <c>source 'id' row N: reason</c>.</summary>
    public IReadOnlyList<string>? RejectedExamples { get; init; }

    /// <summary>Whether the values come from an older copy because this refresh could not fetch the source.</summary>
    public bool Stale { get; init; }
}

/// <summary>A table in a snapshot.</summary>
public sealed record TableEntry
{
    /// <summary>The table name (e.g. <c>areas</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Path relative to the snapshot folder: a file, or a folder of Parquet parts.</summary>
    public required string Path { get; init; }

    /// <summary>Number of rows.</summary>
    public required long Rows { get; init; }

    /// <summary>The source ids the table was built from.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}

/// <summary>One briefing written into a snapshot (the manifest's <c>briefs</c>).</summary>
public sealed record BriefEntry
{
    /// <summary>The area code (a district, combined authority, or E92000001 for England).</summary>
    public required string AreaCode { get; init; }

    /// <summary>The area's name, when the briefing got that far.</summary>
    public string? AreaName { get; init; }

    /// <summary>The format: <c>html</c> or <c>pdf</c>.</summary>
    public required string Format { get; init; }

    /// <summary><c>written</c>, or <c>failed</c> (then <see cref="Error"/> says why and no file is in the snapshot).</summary>
    public required string Status { get; init; }

    /// <summary>The file, relative to the snapshot folder (e.g. <c>briefs/E08000012.html</c>); null when it failed.</summary>
    public string? Path { get; init; }

    /// <summary>The file's size in bytes.</summary>
    public long? Bytes { get; init; }

    /// <summary>SHA-256 of the file (lower-case hex).</summary>
    public string? Sha256 { get; init; }

    /// <summary>Why the briefing could not be written.</summary>
    public string? Error { get; init; }
}

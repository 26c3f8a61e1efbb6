namespace Inequalities.Sources.Fetch;

/// <summary>A checked copy of a source's file in the raw cache, with its provenance.</summary>
/// <param name="SourceId">The catalogue id of the source.</param>
/// <param name="Path">Absolute path of the stored file, <c>&lt;lake&gt;/raw/&lt;id&gt;/&lt;sha256&gt;&lt;ext&gt;</c>.</param>
/// <param name="Sha256">SHA-256 of the file (lower-case hex).</param>
/// <param name="Bytes">Size of the file in bytes.</param>
/// <param name="RetrievedAt">When these bytes were downloaded.</param>
/// <param name="Url">
/// The publisher URL that was asked for (with its month tokens resolved; for an ArcGIS layer, its query without the
/// paging parameters), or the local path the bytes came from. Redirects and mirrors do not change it.
/// </param>
/// <param name="ETag">The publisher's entity tag, used for conditional requests.</param>
/// <param name="LastModified">The publisher's Last-Modified date, used for conditional requests.</param>
/// <param name="ContentType">The Content-Type the publisher sent.</param>
public sealed record RawFile(
    string SourceId,
    string Path,
    string Sha256,
    long Bytes,
    DateTimeOffset RetrievedAt,
    string Url,
    string? ETag,
    DateTimeOffset? LastModified,
    string? ContentType)
{
    /// <summary>The publisher URL the bytes finally came from, after redirects (for an ArcGIS layer: its last page).</summary>
    public string? FinalUrl { get; init; }

    /// <summary>The mirror URL(s) the requests were sent to instead of the publisher (space-separated), or null.</summary>
    public string? Mirror { get; init; }

    /// <summary>The zip member read, with its month tokens resolved, when the catalogue's member is a template.</summary>
    public string? Member { get; init; }

    /// <summary>For an ArcGIS layer: its <c>editingInfo.lastEditDate</c> when fetched (the validator paged queries lack).</summary>
    public DateTimeOffset? LayerEditDate { get; init; }
}

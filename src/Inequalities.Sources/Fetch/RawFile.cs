namespace Inequalities.Sources.Fetch;

/// <summary>A checked copy of a source's file in the raw cache, with its provenance.</summary>
/// <param name="SourceId">The catalogue id of the source.</param>
/// <param name="Path">Absolute path of the stored file, <c>&lt;lake&gt;/raw/&lt;id&gt;/&lt;sha256&gt;&lt;ext&gt;</c>.</param>
/// <param name="Sha256">SHA-256 of the file (lower-case hex).</param>
/// <param name="Bytes">Size of the file in bytes.</param>
/// <param name="RetrievedAt">When these bytes were downloaded.</param>
/// <param name="Url">The URL (after redirects) or local path the bytes came from.</param>
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
    string? ContentType);

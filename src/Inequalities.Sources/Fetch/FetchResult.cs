using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Fetch;

/// <summary>The outcome of fetching one source.</summary>
/// <param name="Source">The source.</param>
/// <param name="Status">What happened.</param>
/// <param name="File">The current raw copy: the new one, the unchanged one, or after a failure the last good one (if any).</param>
/// <param name="Error">Why the fetch failed (naming the source id, URL and reason), or <see langword="null"/>.</param>
/// <param name="Attempts">
/// How many download attempts were made, retries and earlier months included (for an ArcGIS layer: every metadata,
/// count and page request); 0 when offline or unchanged without asking.
/// </param>
/// <param name="Duration">How long the fetch took.</param>
public sealed record FetchResult(
    SourceDefinition Source,
    SourceStatus Status,
    RawFile? File,
    string? Error,
    int Attempts,
    TimeSpan Duration)
{
    /// <summary>Whether the fetch failed but an older raw copy is still available.</summary>
    public bool IsStale => Status == SourceStatus.Failed && File is not null;
}

using System.Text.Json.Serialization;

namespace Inequalities.Sources.Fetch;

/// <summary>
/// What happened to a source in a refresh: one type from the fetch (<see cref="FetchResult.Status"/>) to the
/// snapshot manifest (<c>status</c> of each source) to <c>status.json</c> and <c>inequalities status</c>. It is
/// written as the same snake_case string everywhere, with or without the lake's JSON options:
/// <c>fetched</c>, <c>unchanged</c>, <c>failed</c>, <c>not_due</c>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<SourceStatus>))]
public enum SourceStatus
{
    /// <summary>New bytes were downloaded, checked and stored as the latest raw copy, and used.</summary>
    [JsonStringEnumMemberName("fetched")]
    Fetched,

    /// <summary>
    /// The publisher's file is the same as the cached copy (304, the same validators or the same SHA-256), or the run
    /// is offline; nothing was rewritten.
    /// </summary>
    [JsonStringEnumMemberName("unchanged")]
    Unchanged,

    /// <summary>The fetch failed; the last good raw copy, if any, is untouched and used (the source is stale).</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>
    /// The source's schedule was not due: its last copy was used without asking the publisher. Only the worker's
    /// status (status.json) says this; a fetch and a manifest never do (the manifest records the copy as
    /// <see cref="Unchanged"/>).
    /// </summary>
    [JsonStringEnumMemberName("not_due")]
    NotDue,
}

/// <summary>The names of <see cref="SourceStatus"/> values as logs, manifests and status.json write them.</summary>
public static class SourceStatusNames
{
    /// <summary>The snake_case name of a status: <c>fetched</c>, <c>unchanged</c>, <c>failed</c> or <c>not_due</c>.</summary>
    /// <param name="status">The status.</param>
    public static string Name(this SourceStatus status) => status switch
    {
        SourceStatus.Fetched => "fetched",
        SourceStatus.Unchanged => "unchanged",
        SourceStatus.Failed => "failed",
        SourceStatus.NotDue => "not_due",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a source status"),
    };
}

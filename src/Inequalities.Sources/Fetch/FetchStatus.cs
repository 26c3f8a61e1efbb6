namespace Inequalities.Sources.Fetch;

/// <summary>What a fetch did to a source's raw copy.</summary>
public enum FetchStatus
{
    /// <summary>New bytes were downloaded, checked and stored as the latest raw copy.</summary>
    Fetched,

    /// <summary>The publisher's file is the same as the cached copy (or the run is offline); nothing was rewritten.</summary>
    Unchanged,

    /// <summary>The fetch failed; the last good raw copy, if any, is untouched.</summary>
    Failed,
}

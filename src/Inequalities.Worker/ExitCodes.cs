namespace Inequalities.Worker;

/// <summary>The process exit codes, documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>Success: a snapshot was published or nothing had changed (refresh), or the worker stopped cleanly (run).</summary>
    public const int Success = 0;

    /// <summary>The refresh failed: nothing was published and the previous snapshot stays current.</summary>
    public const int RefreshFailed = 1;

    /// <summary><c>status</c>: the lake is not fresh (a snapshot or source older than --max-age, a stale source, or a failed last run).</summary>
    public const int NotFresh = 1;

    /// <summary><c>brief</c>: the lake has the area but no gradient for it, or the browser did not print the PDF; nothing was written.</summary>
    public const int BriefFailed = 1;

    /// <summary>The command line or the catalogue is invalid (for <c>status</c>: no lake, or status.json unreadable).</summary>
    public const int InvalidInput = 2;

    /// <summary>Another refresh or worker holds the lake.</summary>
    public const int LakeBusy = 3;

    /// <summary>Stopped by Ctrl-C or SIGTERM before finishing; nothing half-written was published.</summary>
    public const int Cancelled = 130;
}

namespace Inequalities.Sources.Fetch;

/// <summary>An attempt failed for a reason that may pass (5xx, 408, 429, cut-off body, stall): it is retried.</summary>
internal sealed class TransientFetchException : Exception
{
    public TransientFetchException()
    {
    }

    public TransientFetchException(string message)
        : base(message)
    {
    }

    public TransientFetchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TransientFetchException(string message, TimeSpan? retryAfter)
        : base(message) => RetryAfter = retryAfter;

    /// <summary>How long the server asked us to wait (Retry-After), when it did.</summary>
    public TimeSpan? RetryAfter { get; }
}

/// <summary>An attempt failed for a reason retrying cannot fix (404, HTML page, bad checksum, unsafe zip).</summary>
internal sealed class PermanentFetchException : Exception
{
    public PermanentFetchException(string message, bool notFound)
        : base(message) => NotFound = notFound;

    /// <summary>
    /// Whether the publisher has no such file (HTTP 404 or 410, a missing local file, or a zip without the member):
    /// a templated source then tries the month before.
    /// </summary>
    public bool NotFound { get; }

    public PermanentFetchException()
    {
    }

    public PermanentFetchException(string message)
        : base(message)
    {
    }

    public PermanentFetchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

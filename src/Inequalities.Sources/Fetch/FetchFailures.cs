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

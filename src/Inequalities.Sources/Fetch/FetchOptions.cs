namespace Inequalities.Sources.Fetch;

/// <summary>
/// How <see cref="SourceFetcher"/> downloads sources: retries, timeouts, the per-host circuit breaker and limits.
/// Call <see cref="Validate"/> once (the fetcher does) to get one exception listing every problem.
/// </summary>
public sealed record FetchOptions
{
    /// <summary>How many times a download is tried in all (the first try plus retries).</summary>
    /// <value>The default value is 5.</value>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The first retry delay; later ones grow exponentially, with jitter.</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between attempts, including one asked for by a <c>Retry-After</c> header.</summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long to wait for the response headers (following each redirect) before the attempt fails.</summary>
    /// <value>The default value is 100 seconds.</value>
    public TimeSpan ResponseHeadersTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>How long the body may deliver no bytes before the attempt fails (and is retried).</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest a whole attempt may take: request, body download and checks.</summary>
    /// <value>The default value is 30 minutes.</value>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The share of failed attempts to one host, within the sampling window, that opens its circuit.</summary>
    /// <value>The default value is 0.5.</value>
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <summary>How many attempts to one host the sampling window must hold before the circuit can open.</summary>
    /// <value>The default value is 4.</value>
    public int BreakerMinimumThroughput { get; init; } = 4;

    /// <summary>The window the circuit breaker samples failures over.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an open circuit refuses requests to its host.</summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How many redirects a download may follow.</summary>
    /// <value>The default value is 5.</value>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>The most bytes a zip member or a gzip stream may decompress to.</summary>
    /// <value>The default value is 4 GiB.</value>
    public long DecompressionLimit { get; init; } = 4L << 30;

    /// <summary>How many sources <see cref="SourceFetcher.FetchAllAsync"/> downloads at once.</summary>
    /// <value>The default value is 3.</value>
    public int MaxParallelSources { get; init; } = 3;

    /// <summary>Whether to read only the raw cache and never touch the network or local source files.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Offline { get; init; }

    /// <summary>The User-Agent sent to publishers (the catalogue's <c>user_agent</c>, when set, wins).</summary>
    /// <value>The default value is <c>Inequalities/0.1 (+https://github.com/inequalities/inequalities)</c>.</value>
    public string UserAgent { get; init; } = "Inequalities/0.1 (+https://github.com/inequalities/inequalities)";

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentException">One or more settings are out of range; the message lists every one.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        var oneDay = TimeSpan.FromDays(1);

        if (MaxAttempts < 1)
        {
            problems.Add($"MaxAttempts is {MaxAttempts}; it must be at least 1");
        }

        if (BaseDelay < TimeSpan.Zero || BaseDelay > oneDay)
        {
            problems.Add($"BaseDelay is {BaseDelay}; it must be between 0 and 1 day");
        }

        if (MaxDelay <= TimeSpan.Zero || MaxDelay > oneDay)
        {
            problems.Add($"MaxDelay is {MaxDelay}; it must be greater than 0 and at most 1 day");
        }
        else if (MaxDelay < BaseDelay)
        {
            problems.Add($"MaxDelay ({MaxDelay}) is less than BaseDelay ({BaseDelay})");
        }

        CheckTimeout(problems, nameof(ResponseHeadersTimeout), ResponseHeadersTimeout, oneDay);
        CheckTimeout(problems, nameof(StallTimeout), StallTimeout, oneDay);
        CheckTimeout(problems, nameof(AttemptTimeout), AttemptTimeout, oneDay);

        if (double.IsNaN(BreakerFailureRatio) || BreakerFailureRatio <= 0 || BreakerFailureRatio > 1)
        {
            problems.Add($"BreakerFailureRatio is {BreakerFailureRatio}; it must be greater than 0 and at most 1");
        }

        if (BreakerMinimumThroughput < 2)
        {
            problems.Add($"BreakerMinimumThroughput is {BreakerMinimumThroughput}; it must be at least 2");
        }

        if (BreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || BreakerSamplingDuration > oneDay)
        {
            problems.Add($"BreakerSamplingDuration is {BreakerSamplingDuration}; it must be between 0.5 seconds and 1 day");
        }

        if (BreakDuration < TimeSpan.FromMilliseconds(500) || BreakDuration > oneDay)
        {
            problems.Add($"BreakDuration is {BreakDuration}; it must be between 0.5 seconds and 1 day");
        }

        if (MaxRedirects < 0)
        {
            problems.Add($"MaxRedirects is {MaxRedirects}; it must be 0 or more");
        }

        if (DecompressionLimit < 1)
        {
            problems.Add($"DecompressionLimit is {DecompressionLimit}; it must be at least 1 byte");
        }

        if (MaxParallelSources < 1)
        {
            problems.Add($"MaxParallelSources is {MaxParallelSources}; it must be at least 1");
        }

        if (string.IsNullOrWhiteSpace(UserAgent))
        {
            problems.Add("UserAgent is empty; publishers need to know who is asking");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"FetchOptions has {problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}:" + Environment.NewLine +
                string.Join(Environment.NewLine, problems.Select(p => "  " + p)));
        }
    }

    private static void CheckTimeout(List<string> problems, string name, TimeSpan value, TimeSpan max)
    {
        if (value < TimeSpan.FromMilliseconds(10) || value > max)
        {
            problems.Add($"{name} is {value}; it must be between 10 milliseconds and 1 day");
        }
    }
}

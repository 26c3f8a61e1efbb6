using Inequalities.Sources.Fetch;
using Inequalities.TestSupport.Loopback;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Inequalities.Sources.Tests.Fetch;

/// <summary>The fetcher on a fake clock (Retry-After through Polly's delay) and its per-source log line.</summary>
public sealed class SourceFetcherClockTests : FetchTestBase
{
    [Fact]
    public async Task FetchAsync_RetryAfterOnFakeClock_WaitsExactlyTheAskedTimeWithoutJitter()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var fetcher = new SourceFetcher(FastOptions with { MaxDelay = TimeSpan.FromMinutes(1) }, clock);
        Server.Serve("/lookup.csv", Version1, "text/csv");
        Server.Script("/lookup.csv", LoopbackFault.TooManyRequests("30"));

        var fetch = FetchAsync(fetcher, Source("lookup", "/lookup.csv"));
        await WaitUntilAsync(() => Server.RequestCount("/lookup.csv") == 1);
        var advanced = TimeSpan.Zero;
        while (Server.RequestCount("/lookup.csv") < 2 && advanced < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(25);
            clock.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
        }

        var result = await fetch.WaitAsync(TimeSpan.FromSeconds(30));

        // The loop only ends once the second request arrived, so 29 fake seconds were not enough and ~30 were.
        Assert.Equal(SourceStatus.Fetched, result.Status);
        Assert.Equal(2, result.Attempts);
        Assert.InRange(advanced.TotalSeconds, 30, 33);
        Assert.InRange(result.File!.RetrievedAt, new DateTimeOffset(2025, 3, 1, 12, 0, 30, TimeSpan.Zero), clock.GetUtcNow());
    }

    [Fact]
    public async Task FetchAsync_EachSource_LogsOneStructuredLine()
    {
        var logger = new ListLogger();
        using var fetcher = new SourceFetcher(FastOptions, TimeProvider.System, logger);
        Server.Serve("/lookup.csv", Version1, "text/csv");

        await FetchAsync(fetcher, Source("lookup", "/lookup.csv"));
        await FetchAsync(fetcher, Source("missing", "/missing.csv"));

        var lines = logger.Entries.Where(e => e.Level >= LogLevel.Information).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal("lookup", lines[0].State["SourceId"]);
        Assert.Equal(SourceStatus.Fetched, lines[0].State["Status"]);
        Assert.Equal((long)Version1.Length, lines[0].State["Bytes"]);
        Assert.Equal(1, lines[0].State["Attempts"]);
        Assert.True(lines[0].State.ContainsKey("DurationMs"));
        Assert.Equal(LogLevel.Warning, lines[1].Level);
        Assert.Equal("missing", lines[1].State["SourceId"]);
        Assert.Contains("HTTP 404 Not Found", (string)lines[1].State["Error"]!, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), "the condition was not met within 10 seconds");
    }

    private sealed class ListLogger : ILogger
    {
        private readonly List<(LogLevel Level, Dictionary<string, object?> State)> _entries = [];

        public IReadOnlyList<(LogLevel Level, Dictionary<string, object?> State)> Entries
        {
            get
            {
                lock (_entries)
                {
                    return _entries.ToList();
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value)
                : [];
            lock (_entries)
            {
                _entries.Add((logLevel, values));
            }
        }
    }
}

using Inequalities.Lake.Snapshots;
using Inequalities.TestSupport;
using Inequalities.TestSupport.Publishers;
using System.CommandLine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Inequalities.Worker.Tests.Publishers;

/// <summary>
/// The unmodified data-sources.yml refreshed through the real <c>inequalities refresh</c> command (in process, the
/// same command line a user types) with <c>--mirror</c> sending every publisher host to the simulator, and, for
/// comparison, the lake of tests/data-sources.shared.yml built the same way. The clock stands on 2 December 2026, before
/// Companies House publishes December's file (from the 5th), so the month template falls back to November.
/// </summary>
public sealed class PublisherLakeFixture : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));

    public PublisherSimulator Simulator { get; private set; } = null!;

    public string PublisherLake => _temp.Combine("publishers");

    public string SharedLake => _temp.Combine("shared");

    public LakeSnapshot Publishers { get; private set; } = null!;

    public LakeSnapshot Shared { get; private set; } = null!;

    /// <summary>The requests the simulator answered during the refresh of data-sources.yml (before any test's own).</summary>
    public IReadOnlyList<SimulatedRequest> Requests { get; private set; } = [];

    /// <summary>Those of one host.</summary>
    public IReadOnlyList<SimulatedRequest> RequestsTo(string host) => [.. Requests.Where(r => string.Equals(r.Host, host, StringComparison.OrdinalIgnoreCase))];

    public string Combine(params string[] parts) => _temp.Combine(parts);

    /// <summary>Runs <c>inequalities refresh</c> in process (the command line a user types) with the simulator's mirrors; returns the exit code and the log.</summary>
    public async Task<(int Code, string Output)> RefreshAsync(string config, string lake, params string[] extra)
    {
        string[] args = ["refresh", "--config", config, "--lake", lake, .. Simulator.MirrorArguments, .. extra];
        using var log = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(log));
        var code = await Program.BuildRootCommand(Clock, factory).Parse(args).InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });
        return (code, log.Text);
    }

    public async Task InitializeAsync()
    {
        Simulator = await PublisherSimulator.StartAsync(Clock);
        Simulator.CompaniesHousePublicationDay = 5;
        var real = await RefreshAsync(Path.Combine(SharedData.RepoRoot, "data-sources.yml"), PublisherLake);
        if (real.Code != 0)
        {
            throw new InvalidOperationException($"The refresh against the simulated publishers failed ({real.Code}): {real.Output}");
        }

        Requests = Simulator.Requests;
        var shared = await RefreshAsync(Path.Combine(SharedData.RepoRoot, "tests", "data-sources.shared.yml"), SharedLake);
        if (shared.Code != 0)
        {
            throw new InvalidOperationException($"The shared-data refresh failed ({shared.Code}): {shared.Output}");
        }

        Publishers = LakeSnapshot.OpenCurrent(PublisherLake);
        Shared = LakeSnapshot.OpenCurrent(SharedLake);
    }

    public async Task DisposeAsync()
    {
        await Simulator.DisposeAsync();
        _temp.Dispose();
    }
}

/// <summary>The test classes that share one refresh against the simulated publishers.</summary>
[CollectionDefinition(Name)]
public sealed class PublisherLakeCollection : ICollectionFixture<PublisherLakeFixture>
{
    public const string Name = "simulated publishers";
}

/// <summary>Collects every log message of an in-process run.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public string Text => string.Join(Environment.NewLine, _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(_lines);

    public void Dispose()
    {
    }

    private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }
}

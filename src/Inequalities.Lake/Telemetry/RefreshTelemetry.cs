using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Inequalities.Sources.Telemetry;

namespace Inequalities.Lake.Telemetry;

/// <summary>
/// The refresh's instruments (meter <see cref="InequalitiesTelemetry.MeterName"/>): duration and count by outcome,
/// rows and bytes per source, and the age of each lake's snapshot; and the root <c>refresh</c> span with a
/// <c>parse SOURCE</c> child per parsed source (the fetch layer adds <c>fetch SOURCE</c>).
/// </summary>
internal static class RefreshTelemetry
{
    public static readonly ActivitySource ActivitySource = new(InequalitiesTelemetry.ActivitySourceName, InequalitiesTelemetry.Version);

    private static readonly Meter Meter = new(InequalitiesTelemetry.MeterName, InequalitiesTelemetry.Version);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "inequalities.refresh.duration", "s", "How long a refresh took, from start to publication (or failure).");

    private static readonly Counter<long> Refreshes = Meter.CreateCounter<long>(
        "inequalities.refreshes", "{refresh}", "Refreshes by outcome: published, unchanged, failed or cancelled.");

    private static readonly Gauge<long> Rows = Meter.CreateGauge<long>(
        "inequalities.source.rows", "{row}", "Rows parsed from the copy of a source the snapshot uses.");

    private static readonly Gauge<long> Bytes = Meter.CreateGauge<long>(
        "inequalities.source.bytes", "By", "Size of the raw copy of a source the snapshot uses.");

    /// <summary>Per lake root: the clock and when its current snapshot was last published or confirmed unchanged.</summary>
    private static readonly ConcurrentDictionary<string, (TimeProvider Clock, DateTimeOffset AsOf)> Lakes = new(StringComparer.Ordinal);

    static RefreshTelemetry()
    {
        Meter.CreateObservableGauge(
            "inequalities.snapshot.age",
            ObserveAges,
            "s",
            "Seconds since the lake's current snapshot was published, or last confirmed unchanged by a refresh.");
    }

    /// <summary>Records one finished refresh.</summary>
    public static void Refreshed(string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "outcome", outcome } };
        Refreshes.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>Records the rows and bytes of one source's copy in the snapshot.</summary>
    public static void Source(string sourceId, long? rows, long? bytes)
    {
        var tags = new TagList { { "source_id", sourceId } };
        if (rows is { } r)
        {
            Rows.Record(r, tags);
        }

        if (bytes is { } b)
        {
            Bytes.Record(b, tags);
        }
    }

    /// <summary>The lake's current snapshot was published or confirmed at <paramref name="asOf"/>.</summary>
    public static void SnapshotCurrent(string lakeRoot, TimeProvider clock, DateTimeOffset asOf) => Lakes[lakeRoot] = (clock, asOf);

    /// <summary>Starts observing a lake whose snapshot was made at <paramref name="createdAt"/>, unless it is observed already.</summary>
    public static void Observe(string lakeRoot, TimeProvider clock, DateTimeOffset createdAt) => Lakes.TryAdd(lakeRoot, (clock, createdAt));

    /// <summary>Whether a lake is observed already.</summary>
    public static bool IsObserved(string lakeRoot) => Lakes.ContainsKey(lakeRoot);

    private static IEnumerable<Measurement<double>> ObserveAges() =>
        Lakes.Select(l => new Measurement<double>((l.Value.Clock.GetUtcNow() - l.Value.AsOf).TotalSeconds, new KeyValuePair<string, object?>("lake", l.Key)));
}

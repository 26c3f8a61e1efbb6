using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Inequalities.Sources.Telemetry;

/// <summary>
/// The names under which the Inequalities libraries publish metrics (<see cref="System.Diagnostics.Metrics"/>) and
/// traces (<see cref="ActivitySource"/>). Subscribe with OpenTelemetry's <c>AddMeter(MeterName)</c> and
/// <c>AddSource(ActivitySourceName)</c>, or a <see cref="MeterListener"/>. The instruments and their tags are listed
/// in the README (Monitoring); the <c>inequalities</c> worker exports them over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class InequalitiesTelemetry
{
    /// <summary>The meter name of every Inequalities instrument.</summary>
    public const string MeterName = "Inequalities";

    /// <summary>The activity source name of refresh, fetch and parse spans.</summary>
    public const string ActivitySourceName = "Inequalities";

    /// <summary>The version the meters and activity sources carry: the library's informational version.</summary>
    public static string Version { get; } =
        typeof(InequalitiesTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}

/// <summary>The fetch layer's instruments: attempts, retries and failures per source and host, and one span per source fetch.</summary>
internal static class FetchTelemetry
{
    public static readonly ActivitySource ActivitySource = new(InequalitiesTelemetry.ActivitySourceName, InequalitiesTelemetry.Version);

    private static readonly Meter Meter = new(InequalitiesTelemetry.MeterName, InequalitiesTelemetry.Version);

    private static readonly Counter<long> Attempts = Meter.CreateCounter<long>(
        "inequalities.fetch.attempts", "{attempt}", "Download attempts (every HTTP request of a source, retries and ArcGIS pages included; one per local file read).");

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "inequalities.fetch.retries", "{retry}", "Attempts that repeated a failed attempt of the same request (transient errors, Retry-After, timeouts).");

    private static readonly Counter<long> Failures = Meter.CreateCounter<long>(
        "inequalities.fetch.failures", "{failure}", "Source fetches that failed after every retry (the source keeps its last good copy, if any).");

    /// <summary>One attempt of one request; <paramref name="retry"/> when it repeats a failed attempt.</summary>
    public static void Attempt(string sourceId, string host, bool retry)
    {
        var tags = Tags(sourceId, host);
        Attempts.Add(1, tags);
        if (retry)
        {
            Retries.Add(1, tags);
        }
    }

    /// <summary>A source fetch that failed.</summary>
    public static void Failure(string sourceId, string host) => Failures.Add(1, Tags(sourceId, host));

    /// <summary>The host tag of a location: its host name, or <c>file</c> for a local file.</summary>
    public static string HostOf(Uri location) => location.IsFile ? "file" : location.IdnHost;

    private static TagList Tags(string sourceId, string host) => new() { { "source_id", sourceId }, { "host", host } };
}

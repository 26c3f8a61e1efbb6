using System.Text.Json.Serialization;

namespace Inequalities.Sources.Catalogue;

/// <summary>Catalogue-wide settings from the <c>defaults:</c> block of <c>data-sources.yml</c>, parsed when it loads.</summary>
public sealed record CatalogueDefaults
{
    /// <summary>The default refresh schedule (cron, five or six fields).</summary>
    /// <value>The default value is <c>0 2 * * *</c>: 02:00 every night.</value>
    public CronSchedule Schedule { get; init; } = CronSchedule.Nightly;

    /// <summary>The IANA time zone the schedules are read in (written to JSON as its id).</summary>
    /// <value>The default value is <c>Europe/London</c>.</value>
    [JsonConverter(typeof(TimeZoneIdJsonConverter))]
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.FindSystemTimeZoneById(CatalogueTimeZones.DefaultId);

    /// <summary>The largest file accepted when an entry sets no <c>max_bytes</c>.</summary>
    /// <value>The default value is 512 MiB.</value>
    public long MaxBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>How many published snapshots the worker keeps (the current one is never deleted).</summary>
    /// <value>The default value is 7.</value>
    public int KeepSnapshots { get; init; } = 7;

    /// <summary>The User-Agent sent to publishers.</summary>
    /// <value>The default value is <c>Inequalities/&lt;version&gt; (+https://github.com/inequalities/inequalities)</c>.</value>
    public string? UserAgent { get; init; }
}

namespace Inequalities.Sources.Catalogue;

/// <summary>One scheduled run: when it fires and which sources are due.</summary>
/// <param name="At">The occurrence (UTC instant).</param>
/// <param name="Due">The ids of the sources whose schedule fires at <paramref name="At"/>.</param>
public sealed record ScheduledRun(DateTimeOffset At, IReadOnlySet<string> Due);

/// <summary>
/// A catalogue's refresh schedules, as the worker follows them: the default one (<c>defaults.schedule</c>, or
/// <c>run --schedule</c>) for every enabled source without its own <c>schedule</c>, and one per distinct per-source
/// schedule, all read in one IANA time zone with Cronos. The catalogue's schedules and zone were parsed when it loaded;
/// only the two overrides are parsed here. Cronos handles the clock changes: a time skipped when the clocks go forward
/// (01:30 on the last Sunday of March in Europe/London) fires at the first instant after the gap (02:00 BST, 01:00
/// UTC); a time that occurs twice when the clocks go back (01:30 on the last Sunday of October) fires once, at its
/// first occurrence (01:30 BST, 00:30 UTC).
/// </summary>
public sealed class RefreshSchedule
{
    private readonly List<(CronSchedule Schedule, IReadOnlySet<string> Sources)> _groups;
    private readonly Dictionary<string, CronSchedule> _bySource;

    private RefreshSchedule(CronSchedule defaultSchedule, TimeZoneInfo timeZone, List<(CronSchedule, IReadOnlySet<string>)> groups, Dictionary<string, CronSchedule> bySource)
    {
        Default = defaultSchedule;
        TimeZone = timeZone;
        _groups = groups;
        _bySource = bySource;
    }

    /// <summary>The default schedule.</summary>
    public CronSchedule Default { get; }

    /// <summary>The default cron expression, as written.</summary>
    public string DefaultExpression => Default.Expression;

    /// <summary>The time zone every expression is read in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>
    /// Builds the schedule of a catalogue. <paramref name="scheduleOverride"/> replaces the default schedule (sources with
    /// their own schedule keep it); <paramref name="timeZoneOverride"/> replaces the time zone of every schedule.
    /// </summary>
    /// <param name="catalogue">The catalogue: its enabled sources, default schedule and time zone.</param>
    /// <param name="scheduleOverride">A cron expression (<c>--schedule</c>), or null.</param>
    /// <param name="timeZoneOverride">An IANA time zone (<c>--time-zone</c>), or null.</param>
    /// <exception cref="ArgumentException">An override is invalid; the message lists every problem, one per line.</exception>
    public static RefreshSchedule Create(SourceCatalogue catalogue, string? scheduleOverride = null, string? timeZoneOverride = null)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var problems = new List<string>();
        var defaultSchedule = catalogue.Defaults.Schedule;
        if (!string.IsNullOrWhiteSpace(scheduleOverride))
        {
            if (CronSchedule.TryParse(scheduleOverride, out var parsed))
            {
                defaultSchedule = parsed;
            }
            else
            {
                problems.Add($"--schedule: '{scheduleOverride.Trim()}' is not {CronSchedule.Expected}");
            }
        }

        var zone = catalogue.Defaults.TimeZone;
        if (!string.IsNullOrWhiteSpace(timeZoneOverride))
        {
            if (CatalogueTimeZones.TryFind(timeZoneOverride, out var found))
            {
                zone = found;
            }
            else
            {
                problems.Add($"--time-zone: '{timeZoneOverride.Trim()}' is not {CatalogueTimeZones.Expected}");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems));
        }

        var groups = new Dictionary<CronSchedule, HashSet<string>>();
        var bySource = new Dictionary<string, CronSchedule>(StringComparer.Ordinal);
        foreach (var source in catalogue.Enabled)
        {
            var schedule = source.Schedule ?? defaultSchedule;
            bySource[source.Id] = schedule;
            if (!groups.TryGetValue(schedule, out var sources))
            {
                sources = new HashSet<string>(StringComparer.Ordinal);
                groups[schedule] = sources;
            }

            sources.Add(source.Id);
        }

        return new RefreshSchedule(defaultSchedule, zone, groups.Select(g => (g.Key, (IReadOnlySet<string>)g.Value)).ToList(), bySource);
    }

    /// <summary>The next run strictly after <paramref name="after"/>, with every source due then; null when no schedule fires again.</summary>
    /// <param name="after">The instant to search from.</param>
    public ScheduledRun? Next(DateTimeOffset after)
    {
        DateTimeOffset? earliest = null;
        var due = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (schedule, sources) in _groups)
        {
            var next = schedule.NextAfter(after, TimeZone);
            if (next is null)
            {
                continue;
            }

            if (earliest is null || next < earliest)
            {
                earliest = next;
                due.Clear();
            }

            if (next == earliest)
            {
                due.UnionWith(sources);
            }
        }

        return earliest is null ? null : new ScheduledRun(earliest.Value.ToUniversalTime(), due);
    }

    /// <summary>The cron expression a source follows (the default one for a source the catalogue does not enable).</summary>
    /// <param name="sourceId">The source id.</param>
    public string ExpressionOf(string sourceId) => (_bySource.TryGetValue(sourceId, out var schedule) ? schedule : Default).Expression;

    /// <summary>When a source next falls due after <paramref name="after"/>, in the schedule's time zone; null when it never does.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="after">The instant to search from.</param>
    public DateTimeOffset? NextFor(string sourceId, DateTimeOffset after) =>
        _bySource.TryGetValue(sourceId, out var schedule) && schedule.NextAfter(after, TimeZone) is { } next ? ToLocal(next) : null;

    /// <summary>Converts an instant to the schedule's time zone (the offset shows summer or winter time).</summary>
    /// <param name="instant">The instant.</param>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);
}

using Cronos;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Worker.Run;

/// <summary>One scheduled run: when it fires and which sources are due.</summary>
/// <param name="At">The occurrence (UTC instant).</param>
/// <param name="Due">The ids of the sources whose schedule fires at <paramref name="At"/>.</param>
internal sealed record ScheduledRun(DateTimeOffset At, IReadOnlySet<string> Due);

/// <summary>
/// The worker's schedules: the default one (catalogue <c>defaults.schedule</c>, or <c>--schedule</c>) for every
/// enabled source without its own <c>schedule</c>, and one per distinct per-source schedule, all read in one IANA time
/// zone with Cronos. Cronos handles the clock changes: a time skipped when the clocks go forward (01:30 on the last
/// Sunday of March in Europe/London) fires at the first instant after the gap (02:00 BST, 01:00 UTC); a time that
/// occurs twice when the clocks go back (01:30 on the last Sunday of October) fires once, at its first occurrence
/// (01:30 BST, 00:30 UTC).
/// </summary>
internal sealed class RefreshSchedule
{
    private readonly List<(string Expression, CronExpression Cron, IReadOnlySet<string> Sources)> _groups;
    private readonly Dictionary<string, string> _expressionBySource;

    private RefreshSchedule(string defaultExpression, TimeZoneInfo timeZone, List<(string, CronExpression, IReadOnlySet<string>)> groups, Dictionary<string, string> expressionBySource)
    {
        DefaultExpression = defaultExpression;
        TimeZone = timeZone;
        _groups = groups;
        _expressionBySource = expressionBySource;
    }

    /// <summary>The default cron expression.</summary>
    public string DefaultExpression { get; }

    /// <summary>The time zone every expression is read in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>
    /// Builds the schedule of a catalogue. <paramref name="scheduleOverride"/> replaces the default schedule (sources with
    /// their own schedule keep it); <paramref name="timeZoneOverride"/> replaces the time zone of every schedule.
    /// </summary>
    /// <exception cref="ArgumentException">A cron expression or the time zone is invalid; the message lists every problem.</exception>
    public static RefreshSchedule Create(SourceCatalogue catalogue, string? scheduleOverride = null, string? timeZoneOverride = null)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var problems = new List<string>();
        var defaultText = string.IsNullOrWhiteSpace(scheduleOverride) ? catalogue.Defaults.Schedule : scheduleOverride.Trim();
        var defaultCron = TryParse(defaultText, string.IsNullOrWhiteSpace(scheduleOverride) ? "defaults.schedule" : "--schedule", problems);
        var zoneId = string.IsNullOrWhiteSpace(timeZoneOverride) ? catalogue.Defaults.TimeZone : timeZoneOverride.Trim();
        TimeZoneInfo? zone = null;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            problems.Add($"{(string.IsNullOrWhiteSpace(timeZoneOverride) ? "defaults.time_zone" : "--time-zone")}: '{zoneId}' is not a known IANA time zone (e.g. Europe/London)");
        }

        var groups = new Dictionary<string, (CronExpression? Cron, HashSet<string> Sources)>(StringComparer.Ordinal);
        var bySource = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in catalogue.Enabled)
        {
            var text = source.Schedule ?? defaultText;
            bySource[source.Id] = text;
            if (!groups.TryGetValue(text, out var group))
            {
                var cron = source.Schedule is null ? defaultCron : TryParse(text, $"source '{source.Id}' schedule", problems);
                group = (cron, new HashSet<string>(StringComparer.Ordinal));
                groups[text] = group;
            }

            group.Sources.Add(source.Id);
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems));
        }

        return new RefreshSchedule(
            defaultText,
            zone!,
            groups.Select(g => (g.Key, g.Value.Cron!, (IReadOnlySet<string>)g.Value.Sources)).ToList(),
            bySource);
    }

    /// <summary>Parses a cron expression of five fields (minute first) or six (seconds first).</summary>
    /// <exception cref="CronFormatException">The text is not a cron expression.</exception>
    public static CronExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CronExpression.Parse(text, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
    }

    /// <summary>The next run strictly after <paramref name="after"/>, with every source due then; null when no schedule fires again.</summary>
    public ScheduledRun? Next(DateTimeOffset after)
    {
        DateTimeOffset? earliest = null;
        var due = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, cron, sources) in _groups)
        {
            var next = cron.GetNextOccurrence(after, TimeZone);
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

    /// <summary>The cron expression a source follows.</summary>
    public string ExpressionOf(string sourceId) => _expressionBySource.TryGetValue(sourceId, out var text) ? text : DefaultExpression;

    /// <summary>When a source next falls due after <paramref name="after"/>, in the schedule's time zone.</summary>
    public DateTimeOffset? NextFor(string sourceId, DateTimeOffset after)
    {
        foreach (var (expression, cron, sources) in _groups)
        {
            if (sources.Contains(sourceId))
            {
                return cron.GetNextOccurrence(after, TimeZone) is { } next ? ToLocal(next) : null;
            }
        }

        return null;
    }

    /// <summary>Converts an instant to the schedule's time zone (the offset shows summer or winter time).</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    private static CronExpression? TryParse(string text, string field, List<string> problems)
    {
        try
        {
            return Parse(text);
        }
        catch (CronFormatException)
        {
            problems.Add($"{field}: '{text}' is not a cron expression of 5 fields (minute hour day month weekday) or 6 (with seconds first)");
            return null;
        }
    }
}

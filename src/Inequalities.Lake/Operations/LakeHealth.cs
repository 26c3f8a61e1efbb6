using System.Globalization;
using Inequalities.Lake.Refresh;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Fetch;

namespace Inequalities.Lake.Operations;

/// <summary>
/// The freshness check a monitor runs (<c>inequalities status</c>): reads <c>current</c>, the current snapshot's
/// manifest and status.json, and says whether the lake is fresh. Not fresh when nothing is published, when the
/// snapshot was last published or confirmed longer than the largest age allowed ago, when the last run failed, or when
/// a source is stale, failed, or overdue and older than the largest age.
/// </summary>
public static class LakeHealth
{
    /// <summary>Checks a lake.</summary>
    /// <param name="lakeDirectory">The lake root.</param>
    /// <param name="maxAge">The largest age allowed, e.g. 36 hours for a nightly refresh.</param>
    /// <param name="timeProvider">The clock ages are measured with.</param>
    /// <returns>The report; <see cref="LakeHealthReport.Fresh"/> says whether the lake is fresh.</returns>
    /// <exception cref="DirectoryNotFoundException">There is no lake at <paramref name="lakeDirectory"/>.</exception>
    /// <exception cref="InvalidDataException">status.json or the current manifest cannot be read (the message names the file).</exception>
    public static LakeHealthReport Check(string lakeDirectory, TimeSpan maxAge, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(lakeDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var layout = new LakeLayout(lakeDirectory);
        if (!Directory.Exists(layout.Root))
        {
            throw new DirectoryNotFoundException($"There is no lake at '{layout.Root}': the folder does not exist. Pass --lake DIR, or run 'inequalities refresh' first.");
        }

        var status = LakeStatus.Read(layout);
        var currentId = layout.ReadCurrentId();
        if (status is null && currentId is null && !Directory.Exists(layout.SnapshotsDirectory))
        {
            throw new DirectoryNotFoundException($"'{layout.Root}' is not a lake: it has no 'current', no snapshots/ and no status.json.");
        }

        var now = timeProvider.GetUtcNow();
        SnapshotManifest? manifest = null;
        if (currentId is not null)
        {
            var path = Path.Combine(layout.SnapshotDirectory(currentId), "manifest.json");
            manifest = File.Exists(path)
                ? SnapshotManifest.Read(path)
                : throw new InvalidDataException($"'current' names snapshot {currentId}, but {path} does not exist.");
        }

        var problems = new List<string>();
        var lastFailed = status?.LastFailure is { } failure && (status.LastSuccess is not { } success || failure.StartedAt > success.StartedAt);
        var confirmed = manifest?.CreatedAt;
        if (status?.LastSuccess is { Outcome: "unchanged" } unchanged && unchanged.SnapshotId == currentId && (unchanged.FinishedAt ?? unchanged.StartedAt) is var at && at > confirmed)
        {
            confirmed = at;
        }

        if (manifest is null)
        {
            problems.Add("no snapshot has been published yet");
        }
        else if (now - confirmed > maxAge)
        {
            problems.Add($"the current snapshot {currentId} was last published or confirmed {Ago(now - confirmed!.Value)} ago ({confirmed:O}), more than --max-age {Format(maxAge)}");
        }

        if (lastFailed)
        {
            var f = status!.LastFailure!;
            problems.Add($"the last run failed ({f.Outcome}, started {f.StartedAt:O}): {f.Error ?? "no reason recorded"}");
        }

        var sources = Sources(manifest, status, now, maxAge);
        foreach (var s in sources)
        {
            if (s.Stale)
            {
                problems.Add($"source '{s.Id}' is stale (an older copy is in use because the latest fetch failed): {s.Error}");
            }
            else if (s.Status == SourceStatus.Failed)
            {
                problems.Add($"source '{s.Id}' failed: {s.Error}");
            }

            if (s.TooOld)
            {
                problems.Add($"source '{s.Id}' was last confirmed {Ago(s.Age!.Value)} ago ({s.ConfirmedAt:O}), more than --max-age {Format(maxAge)}");
            }
        }

        return new LakeHealthReport
        {
            Lake = layout.Root,
            CheckedAt = now,
            MaxAge = maxAge,
            Problems = problems,
            CurrentSnapshot = currentId,
            SnapshotCreatedAt = manifest?.CreatedAt,
            SnapshotConfirmedAt = confirmed,
            SnapshotAge = now - confirmed,
            Catalogue = manifest?.CatalogueOrigin,
            WorkerState = status?.State,
            LastRun = status?.LastRun,
            LastSuccess = status?.LastSuccess,
            LastFailure = status?.LastFailure,
            NextRun = status?.NextRun,
            Sources = sources,
        };
    }

    /// <summary>A duration as people read it: <c>2d 3h</c>, <c>5h 12m</c>, <c>42m</c>, <c>17s</c>.</summary>
    /// <param name="age">The duration.</param>
    public static string Ago(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            return "-" + Ago(-age);
        }

        return age.TotalDays >= 1 ? $"{(int)age.TotalDays}d {age.Hours}h"
            : age.TotalHours >= 1 ? $"{(int)age.TotalHours}h {age.Minutes}m"
            : age.TotalMinutes >= 1 ? $"{(int)age.TotalMinutes}m"
            : $"{(int)age.TotalSeconds}s";
    }

    private static string Format(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);

    private static List<SourceHealth> Sources(SnapshotManifest? manifest, LakeStatus? status, DateTimeOffset now, TimeSpan maxAge)
    {
        var states = status?.Sources.ToDictionary(s => s.Id, StringComparer.Ordinal) ?? [];
        var ids = (manifest?.Sources.Select(s => s.Id) ?? []).Concat(states.Keys).Distinct(StringComparer.Ordinal);
        var provenance = manifest?.Sources.ToDictionary(s => s.Id, StringComparer.Ordinal) ?? [];
        return ids.Select(id =>
        {
            var p = provenance.GetValueOrDefault(id);
            var st = states.GetValueOrDefault(id);
            var runStatus = st?.Status ?? p?.Status;
            var retrieved = st?.RetrievedAt ?? p?.RetrievedAt;
            var checkedOk = runStatus is SourceStatus.Fetched or SourceStatus.Unchanged ? st?.LastCheckedAt : null;
            var confirmedAt = checkedOk > retrieved || retrieved is null ? checkedOk : retrieved;
            var age = now - confirmedAt;
            var nextDue = st?.NextDue;
            return new SourceHealth
            {
                Id = id,
                Status = runStatus,
                Stale = st?.Stale ?? p?.Stale ?? false,
                Error = st is not null ? st.Error : p?.Error,
                RetrievedAt = retrieved,
                LastCheckedAt = st?.LastCheckedAt,
                ConfirmedAt = confirmedAt,
                Age = age,
                NextDue = nextDue,
                TooOld = age > maxAge && !(nextDue > now),
            };
        }).ToList();
    }

}

using Inequalities.Sources.Catalogue;
using Inequalities.Worker.Run;

namespace Inequalities.Worker.Tests.Run;

// Europe/London changes clock at 01:00 UTC on the last Sunday of March (29 March 2026: 01:00 GMT becomes 02:00 BST)
// and of October (25 October 2026: 02:00 BST becomes 01:00 GMT).
public sealed class RefreshScheduleTests
{
    internal static SourceCatalogue Catalogue(string defaults = "", string? weeklySchedule = null) => SourceCatalogue.Parse(
        $$"""
        version: 1
        defaults:
          time_zone: Europe/London
        {{defaults}}
        sources:
          - id: nightly
            kind: deprivation
            publisher: MHCLG
            licence: OGL-3.0
            url: https://example.org/a.csv
            format: csv
            geography: lsoa
            vintage: 2011
            columns:
              lsoa_code: LSOA code (2011)
              imd.rank: Rank
          - id: weekly
            kind: deprivation
            publisher: MHCLG
            licence: OGL-3.0
            url: https://example.org/b.csv
            format: csv
            geography: lsoa
            vintage: 2011
        {{(weeklySchedule is null ? string.Empty : $"    schedule: \"{weeklySchedule}\"")}}
            columns:
              lsoa_code: LSOA code (2011)
              imd.rank: Rank
        """,
        "/base");

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static List<ScheduledRun> Runs(RefreshSchedule schedule, DateTimeOffset from, int count)
    {
        var runs = new List<ScheduledRun>();
        var after = from;
        for (var i = 0; i < count; i++)
        {
            var next = schedule.Next(after)!;
            runs.Add(next);
            after = next.At;
        }

        return runs;
    }

    [Fact]
    public void Next_DefaultNightlyAcrossSpringForward_FiresAt0200LocalEachNight()
    {
        var schedule = RefreshSchedule.Create(Catalogue());

        var runs = Runs(schedule, Utc(2026, 3, 27, 12), 4);

        // 28 March 02:00 GMT, 29 March 02:00 BST (the first instant after the change), 30 and 31 March 02:00 BST.
        Assert.Equal([Utc(2026, 3, 28, 2), Utc(2026, 3, 29, 1), Utc(2026, 3, 30, 1), Utc(2026, 3, 31, 1)], runs.Select(r => r.At));
        Assert.All(runs, r => Assert.Equal(new TimeSpan(2, 0, 0), schedule.ToLocal(r.At).TimeOfDay));
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromHours(1), TimeSpan.FromHours(1)], runs.Select(r => schedule.ToLocal(r.At).Offset));
    }

    [Fact]
    public void Next_DefaultNightlyAcrossFallBack_FiresAt0200LocalEachNightOnce()
    {
        var schedule = RefreshSchedule.Create(Catalogue());

        var runs = Runs(schedule, Utc(2026, 10, 23, 12), 4);

        // 24 October 02:00 BST, 25 October 02:00 GMT (after 01:00-01:59 happened twice), 26 and 27 October 02:00 GMT.
        Assert.Equal([Utc(2026, 10, 24, 1), Utc(2026, 10, 25, 2), Utc(2026, 10, 26, 2), Utc(2026, 10, 27, 2)], runs.Select(r => r.At));
        Assert.All(runs, r => Assert.Equal(new TimeSpan(2, 0, 0), schedule.ToLocal(r.At).TimeOfDay));
    }

    [Fact]
    public void Next_0130OnSpringForwardNight_CronosMovesItToTheEndOfTheGap()
    {
        // 01:30 does not exist in London on 29 March 2026. Cronos fires at the first valid instant after the gap:
        // 02:00 BST (01:00 UTC), once; the next night is 01:30 BST again.
        var schedule = RefreshSchedule.Create(Catalogue(), "30 1 * * *");

        var runs = Runs(schedule, Utc(2026, 3, 28, 12), 2);

        Assert.Equal([Utc(2026, 3, 29, 1), Utc(2026, 3, 30, 0, 30)], runs.Select(r => r.At));
        Assert.Equal(new TimeSpan(2, 0, 0), schedule.ToLocal(runs[0].At).TimeOfDay);
    }

    [Fact]
    public void Next_0130OnFallBackNight_CronosFiresOnceAtTheFirstOccurrence()
    {
        // 01:30 happens twice in London on 25 October 2026 (BST, then GMT). Cronos fires once, at 01:30 BST (00:30 UTC).
        var schedule = RefreshSchedule.Create(Catalogue(), "30 1 * * *");

        var runs = Runs(schedule, Utc(2026, 10, 24, 12), 2);

        Assert.Equal([Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 26, 1, 30)], runs.Select(r => r.At));
    }

    [Fact]
    public void Next_SixFieldSecondsCron_FiresEveryTwentySeconds()
    {
        var schedule = RefreshSchedule.Create(Catalogue(), "*/20 * * * * *");

        var runs = Runs(schedule, Utc(2026, 11, 25, 2).AddSeconds(5), 3);

        Assert.Equal([Utc(2026, 11, 25, 2).AddSeconds(20), Utc(2026, 11, 25, 2).AddSeconds(40), Utc(2026, 11, 25, 2, 1)], runs.Select(r => r.At));
        Assert.All(runs, r => Assert.Equal(["nightly", "weekly"], r.Due.Order()));
    }

    [Fact]
    public void Next_PerSourceSchedule_OnlyThatSourceIsDueWhenItsScheduleFires()
    {
        // Sundays at 03:00 for 'weekly'; every night at 02:00 for the rest. 29 November 2026 is a Sunday.
        var schedule = RefreshSchedule.Create(Catalogue(weeklySchedule: "0 3 * * 0"));

        var runs = Runs(schedule, Utc(2026, 11, 28, 12), 3);

        Assert.Equal([Utc(2026, 11, 29, 2), Utc(2026, 11, 29, 3), Utc(2026, 11, 30, 2)], runs.Select(r => r.At));
        Assert.Equal(["nightly"], runs[0].Due);
        Assert.Equal(["weekly"], runs[1].Due);
        Assert.Equal(["nightly"], runs[2].Due);
        Assert.Equal("0 3 * * 0", schedule.ExpressionOf("weekly"));
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero), schedule.NextFor("weekly", Utc(2026, 11, 29, 3)));
    }

    [Fact]
    public void Next_PerSourceScheduleAtTheSameTime_BothAreDueInOneRun()
    {
        var schedule = RefreshSchedule.Create(Catalogue(weeklySchedule: "0 2 * * 0"));

        var run = schedule.Next(Utc(2026, 11, 28, 12))!;

        Assert.Equal(Utc(2026, 11, 29, 2), run.At);
        Assert.Equal(["nightly", "weekly"], run.Due.Order());
    }

    [Fact]
    public void Create_TimeZoneOverride_ReadsScheduleInThatZone()
    {
        var schedule = RefreshSchedule.Create(Catalogue(), "0 2 * * *", "America/New_York");

        // 2 March 2026 02:00 EST is 07:00 UTC.
        Assert.Equal(Utc(2026, 3, 2, 7), schedule.Next(Utc(2026, 3, 1, 12))!.At);
    }

    [Fact]
    public void Create_InvalidScheduleAndZone_ListsBothProblems()
    {
        var ex = Assert.Throws<ArgumentException>(() => RefreshSchedule.Create(Catalogue(), "every night", "Mars/Olympus"));

        Assert.Contains("--schedule: 'every night' is not a cron expression", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--time-zone: 'Mars/Olympus' is not a known IANA time zone", ex.Message, StringComparison.Ordinal);
    }
}

using System.Collections.Concurrent;
using Inequalities.Lake.Operations;
using Inequalities.Sources.Catalogue;
using Inequalities.Worker.Run;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Inequalities.Worker.Tests.Run;

public sealed class ScheduledRefreshServiceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private sealed class RecordingJob(TimeProvider clock) : IRefreshJob
    {
        public ConcurrentQueue<(DateTimeOffset Scheduled, DateTimeOffset FiredAt, IReadOnlySet<string> Due)> Runs { get; } = new();

        public Func<ScheduledRun, CancellationToken, Task>? OnRun { get; set; }

        public bool Stopped { get; private set; }

        public Task ScheduledAsync(ScheduledRun? next, CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task RunAsync(ScheduledRun run, CancellationToken cancellationToken)
        {
            Runs.Enqueue((run.At, clock.GetUtcNow(), run.Due));
            if (OnRun is not null)
            {
                await OnRun(run, cancellationToken);
            }
        }

        public Task StoppedAsync()
        {
            Stopped = true;
            return Task.CompletedTask;
        }
    }

    private static async Task WaitForNextAsync(ScheduledRefreshService service, DateTimeOffset expected) =>
        await WorkerFixture.WaitForAsync(() => service.Next?.At == expected, Patience, () => $"the service should wait for {expected:O}; it waits for {service.Next?.At:O}");

    private static async Task AdvanceToAsync(FakeTimeProvider clock, DateTimeOffset target)
    {
        // Step a minute at a time, as a real clock would pass, letting the service's wake-ups run in between.
        while (clock.GetUtcNow() < target)
        {
            var step = target - clock.GetUtcNow();
            clock.Advance(step < TimeSpan.FromMinutes(1) ? step : TimeSpan.FromMinutes(1));
            await Task.Yield();
        }
    }

    private static async Task AssertNoRunAsync(RecordingJob job, int expectedRuns)
    {
        await Task.Delay(100);
        Assert.Equal(expectedRuns, job.Runs.Count);
    }

    [Theory]
    [InlineData("2026-03-28T12:00:00Z", "2026-03-29T01:00:00Z", "2026-03-30T01:00:00Z")] // spring forward: 02:00 BST both nights
    [InlineData("2026-10-24T12:00:00Z", "2026-10-25T02:00:00Z", "2026-10-26T02:00:00Z")] // fall back: 02:00 GMT both nights
    [InlineData("2026-03-27T12:00:00Z", "2026-03-28T02:00:00Z", "2026-03-29T01:00:00Z")] // the night before and the night of the change
    [InlineData("2026-10-23T12:00:00Z", "2026-10-24T01:00:00Z", "2026-10-25T02:00:00Z")]
    public async Task ExecuteAsync_FakeClockAcrossClockChange_FiresAt0200LocalNotBefore(string start, string first, string second)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture));
        var job = new RecordingJob(clock);
        var schedule = RefreshSchedule.Create(RefreshScheduleTests.Catalogue());
        using var service = new ScheduledRefreshService(schedule, job, clock, NullLogger<ScheduledRefreshService>.Instance);
        var firstAt = DateTimeOffset.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        var secondAt = DateTimeOffset.Parse(second, System.Globalization.CultureInfo.InvariantCulture);

        await service.StartAsync(CancellationToken.None);
        await WaitForNextAsync(service, firstAt);
        await AdvanceToAsync(clock, firstAt.AddSeconds(-1));
        await AssertNoRunAsync(job, 0);

        clock.Advance(TimeSpan.FromSeconds(1));
        await WorkerFixture.WaitForAsync(() => job.Runs.Count == 1, Patience, () => "the run should fire at " + first);
        await WaitForNextAsync(service, secondAt);
        await AdvanceToAsync(clock, secondAt.AddSeconds(-1));
        await AssertNoRunAsync(job, 1);
        clock.Advance(TimeSpan.FromSeconds(1));
        await WorkerFixture.WaitForAsync(() => job.Runs.Count == 2, Patience, () => "the run should fire at " + second);
        await service.StopAsync(CancellationToken.None);

        var runs = job.Runs.ToArray();
        Assert.Equal([firstAt, secondAt], runs.Select(r => r.Scheduled));
        Assert.Equal([firstAt, secondAt], runs.Select(r => r.FiredAt));
        Assert.All(runs, r => Assert.Equal(new TimeSpan(2, 0, 0), schedule.ToLocal(r.Scheduled).TimeOfDay));
        Assert.True(job.Stopped);
    }

    [Fact]
    public async Task ExecuteAsync_RunThrows_WorkerCarriesOnToTheNextRun()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 2, 0, 5, TimeSpan.Zero));
        var job = new RecordingJob(clock) { OnRun = (_, _) => throw new InvalidOperationException("boom") };
        using var service = new ScheduledRefreshService(RefreshSchedule.Create(RefreshScheduleTests.Catalogue(), "*/20 * * * * *"), job, clock, NullLogger<ScheduledRefreshService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await WaitForNextAsync(service, new DateTimeOffset(2026, 11, 25, 2, 0, 20, TimeSpan.Zero));
        clock.Advance(TimeSpan.FromSeconds(15));
        await WaitForNextAsync(service, new DateTimeOffset(2026, 11, 25, 2, 0, 40, TimeSpan.Zero));
        clock.Advance(TimeSpan.FromSeconds(20));
        await WorkerFixture.WaitForAsync(() => job.Runs.Count == 2, Patience, () => "the second run should fire after the first threw");
        await service.StopAsync(CancellationToken.None);

        Assert.True(job.Stopped);
    }

    [Fact]
    public async Task StopAsync_DuringRun_CancelsTheRunAndStops()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 2, 0, 5, TimeSpan.Zero));
        var entered = new TaskCompletionSource();
        var cancelled = false;
        var job = new RecordingJob(clock)
        {
            OnRun = async (_, token) =>
            {
                entered.SetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                catch (OperationCanceledException)
                {
                    cancelled = true;
                    throw;
                }
            },
        };
        using var service = new ScheduledRefreshService(RefreshSchedule.Create(RefreshScheduleTests.Catalogue(), "*/20 * * * * *"), job, clock, NullLogger<ScheduledRefreshService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await WaitForNextAsync(service, new DateTimeOffset(2026, 11, 25, 2, 0, 20, TimeSpan.Zero));
        clock.Advance(TimeSpan.FromSeconds(15));
        await entered.Task.WaitAsync(Patience);
        await service.StopAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.True(cancelled);
        Assert.True(job.Stopped);
        Assert.Single(job.Runs);
    }

    [Fact]
    public async Task ExecuteAsync_RunLongerThanInterval_SkipsMissedOccurrences()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 2, 0, 5, TimeSpan.Zero));
        var job = new RecordingJob(clock);
        job.OnRun = (_, _) =>
        {
            if (job.Runs.Count == 1)
            {
                clock.Advance(TimeSpan.FromSeconds(50)); // the first run "takes" 50 s: 02:00:40 and 02:01:00 pass meanwhile
            }

            return Task.CompletedTask;
        };
        using var service = new ScheduledRefreshService(RefreshSchedule.Create(RefreshScheduleTests.Catalogue(), "*/20 * * * * *"), job, clock, NullLogger<ScheduledRefreshService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await WaitForNextAsync(service, new DateTimeOffset(2026, 11, 25, 2, 0, 20, TimeSpan.Zero));
        clock.Advance(TimeSpan.FromSeconds(15));
        await WaitForNextAsync(service, new DateTimeOffset(2026, 11, 25, 2, 1, 20, TimeSpan.Zero));
        await service.StopAsync(CancellationToken.None);

        Assert.Single(job.Runs);
    }
}

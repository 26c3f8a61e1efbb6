using Inequalities.Sources.Catalogue;
using Microsoft.Extensions.Logging;

namespace Inequalities.Lake.Operations;

/// <summary>What <see cref="ScheduledRefreshLoop"/> drives: the worker's refresh (<see cref="WorkerRefreshJob"/>), or a recorder in tests.</summary>
public interface IRefreshJob
{
    /// <summary>The next run has been computed (status.json shows it).</summary>
    /// <param name="next">The next run, or null when no schedule fires again.</param>
    /// <param name="cancellationToken">The worker is stopping.</param>
    Task ScheduledAsync(ScheduledRun? next, CancellationToken cancellationToken);

    /// <summary>Runs the refresh for one occurrence. Cancellation means the worker is stopping.</summary>
    /// <param name="run">The occurrence and the sources due.</param>
    /// <param name="cancellationToken">The worker is stopping.</param>
    Task RunAsync(ScheduledRun run, CancellationToken cancellationToken);

    /// <summary>The worker is stopping.</summary>
    Task StoppedAsync();
}

/// <summary>
/// The worker's loop: waits (through <see cref="TimeProvider"/>, so tests drive it with a fake clock) until the next
/// occurrence of the schedule, runs the job, and repeats until cancelled. An occurrence missed because a run took
/// longer than the interval is skipped, not caught up. A failing run is logged and never stops the loop.
/// </summary>
/// <param name="schedule">When runs fire and which sources are due.</param>
/// <param name="job">What each run does.</param>
/// <param name="timeProvider">The clock.</param>
/// <param name="logger">Where the next run and skipped runs are logged.</param>
public sealed partial class ScheduledRefreshLoop(RefreshSchedule schedule, IRefreshJob job, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>The longest single wait; the clock is read again after each, so a suspended machine or a clock step is noticed.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(1);

    /// <summary>The next run the loop is waiting for (null before the first is computed).</summary>
    public ScheduledRun? Next { get; private set; }

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled, then tells the job it stopped.</summary>
    /// <param name="stoppingToken">Stops the loop (SIGTERM, Ctrl-C).</param>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var after = timeProvider.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var next = schedule.Next(after);
                await job.ScheduledAsync(next, stoppingToken).ConfigureAwait(false);
                Next = next;
                if (next is null)
                {
                    LogNoMoreRuns(logger);
                    await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
                    return;
                }

                LogNextRun(logger, schedule.ToLocal(next.At), next.Due.Count);
                await WaitUntilAsync(next.At, stoppingToken).ConfigureAwait(false);
                try
                {
                    await job.RunAsync(next, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // One failing run must not stop the worker; the job has recorded it.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogRunCrashed(logger, ex);
                }

                var now = timeProvider.GetUtcNow();
                after = now > next.At ? now : next.At;
                if (schedule.Next(next.At) is { } skipped && skipped.At < now)
                {
                    LogSkipped(logger, schedule.ToLocal(skipped.At));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            await job.StoppedAsync().ConfigureAwait(false);
        }
    }

    private async Task WaitUntilAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        while (true)
        {
            var remaining = at - timeProvider.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(remaining < MaxWait ? remaining : MaxWait, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Next refresh at {NextRun:O} ({Due} sources due)")]
    private static partial void LogNextRun(ILogger logger, DateTimeOffset nextRun, int due);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "No schedule fires again; the worker idles until stopped")]
    private static partial void LogNoMoreRuns(ILogger logger);

    [LoggerMessage(EventId = 22, Level = LogLevel.Error, Message = "The refresh run failed unexpectedly; the worker carries on")]
    private static partial void LogRunCrashed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "The run took longer than the schedule's interval; the occurrence at {Skipped:O} was skipped")]
    private static partial void LogSkipped(ILogger logger, DateTimeOffset skipped);
}

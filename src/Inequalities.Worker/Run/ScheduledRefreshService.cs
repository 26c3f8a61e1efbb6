using Inequalities.Lake.Operations;
using Inequalities.Sources.Catalogue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inequalities.Worker.Run;

/// <summary>The hosted service: the library's <see cref="ScheduledRefreshLoop"/> on the .NET Generic Host.</summary>
internal sealed class ScheduledRefreshService(RefreshSchedule schedule, IRefreshJob job, TimeProvider timeProvider, ILogger<ScheduledRefreshService> logger) : BackgroundService
{
    private readonly ScheduledRefreshLoop _loop = new(schedule, job, timeProvider, logger);

    /// <summary>The next run the service is waiting for (null before the first is computed).</summary>
    public ScheduledRun? Next => _loop.Next;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _loop.RunAsync(stoppingToken);
}

using System.CommandLine;
using Inequalities.Lake.Operations;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Worker.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inequalities.Worker.Run;

/// <summary><c>inequalities run</c>: the nightly worker on the .NET Generic Host.</summary>
internal static class RunCommand
{
    /// <summary>How long the host waits for a refresh to stop after SIGTERM or Ctrl-C.</summary>
    internal static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(15);

    public static Command Create(TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        var config = CommonOptions.Config();
        var lake = CommonOptions.Lake();
        var schedule = new Option<string?>("--schedule")
        {
            Description = "Cron schedule replacing the catalogue's defaults.schedule: 5 fields (minute hour day month weekday) or 6 (seconds first). Sources with their own schedule keep it.",
        };
        var timeZone = new Option<string?>("--time-zone") { Description = "IANA time zone the schedules are read in (default: the catalogue's defaults.time_zone, Europe/London)." };
        var sample = new Option<bool>("--sample") { Description = "Use the sample mirror generated from the catalogue into <lake>/sample-mirror: works offline, from any folder." };
        var wait = new Option<double>("--wait")
        {
            Description = "Seconds each run waits for a manual refresh holding the lake before skipping that run.",
            DefaultValueFactory = _ => 600,
        };
        var mirror = CommonOptions.Mirror();
        var command = new Command("run", "The worker: refresh the lake on a schedule until stopped (SIGTERM or Ctrl-C stop it cleanly)." + CommonOptions.CatalogueHelp)
        {
            config, lake, schedule, timeZone, sample, wait, mirror,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new RunArguments(
                parse.GetValue(config),
                parse.GetValue(lake)!,
                parse.GetValue(schedule),
                parse.GetValue(timeZone),
                parse.GetValue(sample),
                TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(wait))))
            {
                Mirrors = parse.GetValue(mirror) ?? [],
            },
            timeProvider,
            loggerFactory,
            cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(RunArguments args, TimeProvider timeProvider, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger("Inequalities.Worker");
        if (await CommonOptions.LoadCatalogueAsync(args.Config, args.Sample, args.Mirrors).ConfigureAwait(false) is not { } catalogue)
        {
            return ExitCodes.InvalidInput;
        }

        RefreshSchedule refreshSchedule;
        try
        {
            refreshSchedule = RefreshSchedule.Create(catalogue, args.Schedule, args.TimeZone);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var layout = new LakeLayout(args.Lake.FullName);
        var (instance, holder) = WorkerLock.TryAcquire(layout, timeProvider);
        if (instance is null)
        {
            await Console.Error.WriteLineAsync($"Another worker already runs on the lake '{layout.Root}' ({holder}). Stop it first; only one worker may run per lake.").ConfigureAwait(false);
            return ExitCodes.LakeBusy;
        }

        using (instance)
        {
            foreach (var removed in await LakeDebris.CleanAsync(layout, timeProvider, cancellationToken).ConfigureAwait(false))
            {
                logger.LogInformation("Removed debris of an interrupted run: {Path}", removed);
            }

            if (args.Sample)
            {
                catalogue = CommonOptions.UseSampleMirror(catalogue, layout, timeProvider, logger);
            }

            using var job = new WorkerRefreshJob(layout, catalogue, refreshSchedule, args.Sample, args.Wait, timeProvider, loggerFactory)
            {
                WriteBriefs = BriefHook.For(catalogue, loggerFactory),
            };
            using var host = Host(refreshSchedule, job, args, timeProvider, loggerFactory);
            logger.LogInformation(
                "Worker started on {Lake}: schedule '{Schedule}' in {TimeZone}, {Sources} sources ({Own} with their own schedule), catalogue: {Catalogue}",
                layout.Root,
                refreshSchedule.DefaultExpression,
                refreshSchedule.TimeZone.Id,
                catalogue.Enabled.Count(),
                catalogue.Enabled.Count(s => s.Schedule is not null),
                catalogue.Origin);
            try
            {
                await host.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped by SIGTERM or Ctrl-C.
            }

            logger.LogInformation("Worker stopped");
            return ExitCodes.Success;
        }
    }

    /// <summary>The generic host running the schedule loop, with the worker's logging and telemetry.</summary>
    private static IHost Host(RefreshSchedule schedule, WorkerRefreshJob job, RunArguments args, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(timeProvider);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        TelemetryExport.AddTo(builder.Services, args.Telemetry ?? TelemetryExport.FromEnvironment(Environment.GetEnvironmentVariable));
        builder.Services.AddHostedService(sp => new ScheduledRefreshService(schedule, job, timeProvider, loggerFactory.CreateLogger<ScheduledRefreshService>()));
        return builder.Build();
    }

    internal sealed record RunArguments(FileInfo? Config, DirectoryInfo Lake, string? Schedule, string? TimeZone, bool Sample, TimeSpan Wait)
    {
        public IReadOnlyList<string> Mirrors { get; init; } = [];

        /// <summary>What to export; null reads the OTEL_* environment variables.</summary>
        public TelemetryExport.Settings? Telemetry { get; init; }
    }
}

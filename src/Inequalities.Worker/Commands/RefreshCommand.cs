using System.CommandLine;
using Inequalities.Lake.Operations;
using Inequalities.Lake.Refresh;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.Sources.Sample;
using Microsoft.Extensions.Logging;

namespace Inequalities.Worker.Commands;

/// <summary><c>inequalities refresh</c>: one full refresh of the lake.</summary>
internal static class RefreshCommand
{
    public static Command Create(TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        var config = CommonOptions.Config();
        var lake = CommonOptions.Lake();
        var only = new Option<string?>("--only") { Description = "Refresh only these source ids (comma-separated)." };
        var sample = new Option<bool>("--sample") { Description = "Use the sample mirror generated from the catalogue into <lake>/sample-mirror: works offline, from any folder." };
        var offline = new Option<bool>("--offline") { Description = "Read only the raw cache; never touch the network." };
        var wait = new Option<double>("--wait") { Description = "Seconds to wait for another refresh or worker on the same lake to finish (default: exit at once)." };
        var force = new Option<bool>("--force") { Description = "Publish a new snapshot even when nothing changed since the current one." };
        var mirror = CommonOptions.Mirror();
        var command = new Command("refresh", "Fetch, parse, harmonise, join, compute and publish a new snapshot." + CommonOptions.CatalogueHelp)
        {
            config, lake, only, sample, offline, wait, force, mirror,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            using var export = TelemetryExport.StartOneShot(TelemetryExport.FromEnvironment(Environment.GetEnvironmentVariable));
            var arguments = new RefreshArguments(
                parse.GetValue(config),
                parse.GetValue(lake)!,
                parse.GetValue(only),
                parse.GetValue(sample),
                parse.GetValue(offline),
                TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(wait))))
            {
                Force = parse.GetValue(force),
                Mirrors = parse.GetValue(mirror) ?? [],
            };
            return await RunAsync(arguments, timeProvider, loggerFactory, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    internal static async Task<int> RunAsync(RefreshArguments args, TimeProvider timeProvider, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger("Inequalities.Refresh");
        SourceCatalogue catalogue;
        try
        {
            // The sample mirror generates every file, so --sample skips nothing from the embedded catalogue.
            catalogue = SourceCatalogue.Locate(args.Config?.FullName, Directory.GetCurrentDirectory(), skipMissingFiles: !args.Sample);
            if (!string.IsNullOrWhiteSpace(args.Only))
            {
                catalogue = catalogue.Only(args.Only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }

            if (args.Mirrors.Count > 0)
            {
                catalogue = catalogue.WithMirrors(args.Mirrors);
            }
        }
        catch (Exception ex) when (ex is CatalogueException or FileNotFoundException)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var layout = new LakeLayout(args.Lake.FullName);
        var (lakeLock, holder) = await LakeLock.TryAcquireAsync(layout, args.Wait, timeProvider, cancellationToken).ConfigureAwait(false);
        if (lakeLock is null)
        {
            await Console.Error.WriteLineAsync($"The lake '{layout.Root}' is busy: another refresh or worker holds it ({holder}). Try again later, or pass --wait SECONDS.").ConfigureAwait(false);
            return ExitCodes.LakeBusy;
        }

        using var held = lakeLock;
        if (args.Sample)
        {
            var mirror = Path.Combine(layout.Root, "sample-mirror");
            catalogue = catalogue.WithLocations(SampleMirror.Generate(catalogue, mirror, timeProvider: timeProvider));
            logger.LogInformation("Using the generated sample mirror in {Mirror}", mirror);
        }

        var options = new FetchOptions { Offline = args.Offline };
        using var fetcher = new SourceFetcher(options, timeProvider, loggerFactory.CreateLogger<SourceFetcher>());
        var runner = new RefreshRunner(layout, fetcher, timeProvider, loggerFactory.CreateLogger<RefreshRunner>());
        var started = timeProvider.GetUtcNow();
        try
        {
            var request = new RefreshRequest { Sample = args.Sample, Progress = ConsoleProgress.ForTerminal(timeProvider), Force = args.Force, WriteBriefs = BriefHook.For(catalogue, loggerFactory) };
            var outcome = await runner.RunAsync(catalogue, request, cancellationToken).ConfigureAwait(false);
            RecordRun(layout, outcome, started, timeProvider, logger);
            if (outcome.NothingChanged)
            {
                await Console.Out.WriteLineAsync($"Nothing changed since snapshot {outcome.SnapshotId}; nothing new was published to {layout.Root}").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (outcome.Published)
            {
                await Console.Out.WriteLineAsync($"Published snapshot {outcome.SnapshotId} to {layout.Root}").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await Console.Error.WriteLineAsync($"Refresh failed; the current snapshot ({layout.ReadCurrentId() ?? "none"}) stays as it was.{Environment.NewLine}{outcome.Error}").ConfigureAwait(false);
            return ExitCodes.RefreshFailed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            RecordRun(layout, null, started, timeProvider, logger);
            await Console.Error.WriteLineAsync("Refresh cancelled; nothing was published.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
    }

    /// <summary>Records the run in status.json for <c>inequalities status</c>; a status file that cannot be written does not fail the refresh.</summary>
    private static void RecordRun(LakeLayout layout, RefreshOutcome? outcome, DateTimeOffset started, TimeProvider timeProvider, ILogger logger)
    {
        try
        {
            LakeStatus.RecordRefresh(layout, outcome, started, timeProvider.GetUtcNow());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not record the run in {StatusFile}: {Error}", layout.StatusFile, ex.Message);
        }
    }

    internal sealed record RefreshArguments(FileInfo? Config, DirectoryInfo Lake, string? Only, bool Sample, bool Offline, TimeSpan Wait)
    {
        public bool Force { get; init; }

        public IReadOnlyList<string> Mirrors { get; init; } = [];
    }
}

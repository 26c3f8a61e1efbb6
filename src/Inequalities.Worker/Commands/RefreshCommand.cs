using System.CommandLine;
using Inequalities.Lake.Operations;
using Inequalities.Lake.Snapshots;
using Microsoft.Extensions.Logging;

namespace Inequalities.Worker.Commands;

/// <summary><c>inequalities refresh</c>: one full refresh of the lake (<see cref="LakeRefresh"/>).</summary>
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
        // The sample mirror generates every file, so --sample skips nothing from the embedded catalogue.
        if (await CommonOptions.LoadCatalogueAsync(args.Config, args.Sample, args.Mirrors, args.Only).ConfigureAwait(false) is not { } catalogue)
        {
            return ExitCodes.InvalidInput;
        }

        var layout = new LakeLayout(args.Lake.FullName);
        var options = new LakeRefreshOptions
        {
            Wait = args.Wait,
            Offline = args.Offline,
            Sample = args.Sample,
            Force = args.Force,
            Progress = ConsoleProgress.ForTerminal(timeProvider),
            Prepare = args.Sample ? c => CommonOptions.UseSampleMirror(c, layout, timeProvider, loggerFactory.CreateLogger("Inequalities.Refresh")) : null,
            WriteBriefs = BriefHook.For(catalogue, loggerFactory),
        };
        LakeRefreshResult result;
        try
        {
            result = await LakeRefresh.RunOnceAsync(layout, catalogue, options, timeProvider, loggerFactory, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Refresh cancelled; nothing was published.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }

        var (code, message) = result switch
        {
            { Busy: true } => (ExitCodes.LakeBusy, $"The lake '{layout.Root}' is busy: another refresh or worker holds it ({result.Holder}). Try again later, or pass --wait SECONDS."),
            { Outcome.NothingChanged: true } => (ExitCodes.Success, $"Nothing changed since snapshot {result.Outcome.SnapshotId}; nothing new was published to {layout.Root}"),
            { Outcome.Published: true } => (ExitCodes.Success, $"Published snapshot {result.Outcome.SnapshotId} to {layout.Root}"),
            _ => (ExitCodes.RefreshFailed, $"Refresh failed; the current snapshot ({layout.ReadCurrentId() ?? "none"}) stays as it was.{Environment.NewLine}{result.Outcome!.Error}"),
        };
        await (code == ExitCodes.Success ? Console.Out : Console.Error).WriteLineAsync(message).ConfigureAwait(false);
        return code;
    }

    internal sealed record RefreshArguments(FileInfo? Config, DirectoryInfo Lake, string? Only, bool Sample, bool Offline, TimeSpan Wait)
    {
        public bool Force { get; init; }

        public IReadOnlyList<string> Mirrors { get; init; } = [];
    }
}

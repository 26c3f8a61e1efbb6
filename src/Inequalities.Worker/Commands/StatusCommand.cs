using System.CommandLine;
using System.Text.Json;
using Inequalities.Lake.Operations;

namespace Inequalities.Worker.Commands;

/// <summary>
/// <c>inequalities status</c>: is the lake fresh, and which source is stale? The check a monitor calls (systemd,
/// cron, Nagios, Kubernetes probes): exit 0 fresh, 1 not fresh (the reasons are listed), 2 bad input.
/// </summary>
internal static class StatusCommand
{
    /// <summary>The default of <c>--max-age</c>: a nightly refresh plus half a day of slack.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromHours(36);

    public static Command Create(TimeProvider timeProvider)
    {
        var lake = CommonOptions.Lake();
        var maxAge = Durations.Option(
            "--max-age",
            DefaultMaxAge,
            "The largest age allowed for the snapshot (since it was published or last confirmed unchanged) and for each source (since its last successful check): 36h, 90m, 2d, or a TimeSpan such as 1.12:00:00. Default 36h.");
        var json = new Option<bool>("--json") { Description = "Write the report as JSON (snake_case) instead of text." };
        var command = new Command(
            "status",
            "Print the current snapshot and its age, the last success and failure, the next run, and each source's freshness and error." +
            " Exit 0 when fresh; 1 when the snapshot or a source is older than --max-age, a source is stale or the last run failed (the reasons are listed);" +
            " 2 when there is no lake or status.json cannot be read.")
        {
            lake, maxAge, json,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(lake)!, parse.GetValue(maxAge), parse.GetValue(json), timeProvider, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    internal static async Task<int> RunAsync(DirectoryInfo lake, TimeSpan maxAge, bool json, TimeProvider timeProvider, TextWriter output, TextWriter error)
    {
        LakeHealthReport report;
        try
        {
            report = LakeHealth.Check(lake.FullName, maxAge, timeProvider);
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        await output.WriteAsync(json ? JsonSerializer.Serialize(report, LakeStatus.JsonOptions) + Environment.NewLine : report.ToText()).ConfigureAwait(false);
        return report.Fresh ? ExitCodes.Success : ExitCodes.NotFresh;
    }
}

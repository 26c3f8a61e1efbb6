using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Inequalities.Lake.Operations;
using Inequalities.Sources.Fetch;

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

        await output.WriteAsync(json ? JsonSerializer.Serialize(report, LakeStatus.JsonOptions) + Environment.NewLine : Text(report)).ConfigureAwait(false);
        return report.Fresh ? ExitCodes.Success : ExitCodes.NotFresh;
    }

    private static string Text(LakeHealthReport r)
    {
        var now = r.CheckedAt;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Lake {r.Lake}: {(r.Fresh ? "fresh" : "NOT FRESH")} (max age {LakeHealth.Ago(r.MaxAge)})").AppendLine();
        foreach (var problem in r.Problems)
        {
            text.Append("  - ").AppendLine(problem);
        }

        text.Append("Current snapshot: ").AppendLine(r.CurrentSnapshot is null
            ? "none"
            : $"{r.CurrentSnapshot}, created {Time(r.SnapshotCreatedAt)}, last published or confirmed {Time(r.SnapshotConfirmedAt)} ({LakeHealth.Ago(r.SnapshotAge!.Value)} ago)");
        if (r.Catalogue is { } catalogue)
        {
            text.Append("Catalogue: ").AppendLine(catalogue.ToString());
        }

        text.Append("Last success: ").AppendLine(Describe(r.LastSuccess, now));
        text.Append("Last failure: ").AppendLine(Describe(r.LastFailure, now));
        text.Append("Next run: ").AppendLine(r.NextRun is { } next
            ? $"{Time(next)} (in {LakeHealth.Ago(next - now)}; worker {r.WorkerState})"
            : r.WorkerState is null or "none" ? "not scheduled (no worker has run on this lake)" : $"none (worker {r.WorkerState})");
        text.AppendLine("Sources:");
        var width = Math.Max(2, r.Sources.Select(s => s.Id.Length).DefaultIfEmpty(0).Max());
        text.Append(CultureInfo.InvariantCulture, $"  {"id".PadRight(width)}  {"status",-9}  {"retrieved_at",-25}  {"age",-8}  {"stale",-5}  error").AppendLine();
        foreach (var s in r.Sources)
        {
            var status = s.Status is { } st ? st.Name() : "-";
            var age = (s.Age is { } a ? LakeHealth.Ago(a) : "-") + (s.TooOld ? "!" : string.Empty);
            var retrieved = Time(s.RetrievedAt);
            text.Append(CultureInfo.InvariantCulture, $"  {s.Id.PadRight(width)}  {status,-9}  {retrieved,-25}  {age,-8}  {(s.Stale ? "yes" : "no"),-5}  {s.Error ?? "-"}").AppendLine();
        }

        return text.ToString();
    }

    private static string Time(DateTimeOffset? at) => at?.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture) ?? "-";

    private static string Describe(RunRecord? run, DateTimeOffset now) => run is null
        ? "none recorded"
        : $"{run.Outcome} at {Time(run.FinishedAt ?? run.StartedAt)} ({LakeHealth.Ago(now - (run.FinishedAt ?? run.StartedAt))} ago, by {run.Trigger ?? "schedule"})" +
          (run.SnapshotId is { } id ? $", snapshot {id}" : string.Empty) +
          (run.Error is { } error ? $": {error}" : string.Empty);
}

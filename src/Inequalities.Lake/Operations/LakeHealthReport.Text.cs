using System.Globalization;
using System.Text;
using Inequalities.Sources.Fetch;

namespace Inequalities.Lake.Operations;

/// <content>The report as text.</content>
public sealed partial record LakeHealthReport
{
    /// <summary>
    /// The report as <c>inequalities status</c> prints it: fresh or not with every reason, the current snapshot and its
    /// age, the catalogue, the last success and failure, the next run, and a line per source.
    /// </summary>
    public string ToText()
    {
        var now = CheckedAt;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Lake {Lake}: {(Fresh ? "fresh" : "NOT FRESH")} (max age {LakeHealth.Ago(MaxAge)})").AppendLine();
        foreach (var problem in Problems)
        {
            text.Append("  - ").AppendLine(problem);
        }

        text.Append("Current snapshot: ").AppendLine(CurrentSnapshot is null
            ? "none"
            : $"{CurrentSnapshot}, created {Time(SnapshotCreatedAt)}, last published or confirmed {Time(SnapshotConfirmedAt)} ({LakeHealth.Ago(SnapshotAge!.Value)} ago)");
        if (Catalogue is { } catalogue)
        {
            text.Append("Catalogue: ").AppendLine(catalogue.ToString());
        }

        text.Append("Last success: ").AppendLine(Describe(LastSuccess, now));
        text.Append("Last failure: ").AppendLine(Describe(LastFailure, now));
        text.Append("Next run: ").AppendLine(NextRun is { } next
            ? $"{Time(next)} (in {LakeHealth.Ago(next - now)}; worker {WorkerState})"
            : WorkerState is null or "none" ? "not scheduled (no worker has run on this lake)" : $"none (worker {WorkerState})");
        text.AppendLine("Sources:");
        var width = Math.Max(2, Sources.Select(s => s.Id.Length).DefaultIfEmpty(0).Max());
        text.Append(CultureInfo.InvariantCulture, $"  {"id".PadRight(width)}  {"status",-9}  {"retrieved_at",-25}  {"age",-8}  {"stale",-5}  error").AppendLine();
        foreach (var s in Sources)
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

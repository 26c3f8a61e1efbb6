using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Worker.Commands;

/// <summary><c>inequalities catalogue show|init|validate</c>: the data-sources catalogue, embedded in the tool or on disk.</summary>
internal static class CatalogueCommand
{
    private const string WhichFile = "The catalogue file (default: ./data-sources.yml when it exists, else the catalogue embedded in the tool).";

    public static Command Create()
    {
        var command = new Command("catalogue", "Show, write out or check the data-sources catalogue (the real one is embedded in the tool).");
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Init());
        command.Subcommands.Add(Validate());
        return command;
    }

    private static Command Show()
    {
        var file = new Argument<FileInfo?>("FILE") { Description = WhichFile, Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Write the sources as JSON (snake_case) instead of a table." };
        var command = new Command("show", "List the sources: id, publisher, edition (period), schedule, enabled.") { file, json };
        command.SetAction((parse, _) => ShowAsync(parse.GetValue(file), parse.GetValue(json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static Command Init()
    {
        var file = new Argument<FileInfo>("FILE")
        {
            Description = "Where to write it (default ./data-sources.yml). Relative url: paths in it then resolve next to it.",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => new FileInfo(SourceCatalogue.DefaultFileName),
        };
        var force = new Option<bool>("--force") { Description = "Overwrite FILE when it exists." };
        var command = new Command("init", "Write the catalogue embedded in the tool to FILE, for editing (refuses to overwrite without --force).") { file, force };
        command.SetAction((parse, cancellationToken) => InitAsync(parse.GetValue(file)!, parse.GetValue(force), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static Command Validate()
    {
        var file = new Argument<FileInfo?>("FILE") { Description = WhichFile, Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("validate", "Check a catalogue: every problem is listed (file, line, source, field), exit 2; a valid one prints a one-line summary, exit 0.") { file };
        command.SetAction((parse, _) => ValidateAsync(parse.GetValue(file), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    internal static async Task<int> ShowAsync(FileInfo? file, bool json, TextWriter output, TextWriter error)
    {
        if (await LoadAsync(file, error).ConfigureAwait(false) is not { } catalogue)
        {
            return ExitCodes.InvalidInput;
        }

        var rows = catalogue.Sources.Select(s => new CatalogueRow(
            s.Id,
            s.Kind,
            s.Publisher,
            s.Period,
            (s.Schedule ?? catalogue.Defaults.Schedule).Expression,
            s.Schedule is null,
            s.Enabled,
            s.Url)).ToList();
        if (json)
        {
            var document = new { catalogue = catalogue.Origin, defaults = catalogue.Defaults, sources = rows };
            await output.WriteLineAsync(JsonSerializer.Serialize(document, SnapshotManifest.JsonOptions)).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var text = new StringBuilder();
        text.Append("Catalogue: ").AppendLine(catalogue.Origin.ToString());
        text.Append(CultureInfo.InvariantCulture, $"Schedule: {catalogue.Defaults.Schedule} in {catalogue.Defaults.TimeZone.Id}; {rows.Count} sources, {rows.Count(r => r.Enabled)} enabled").AppendLine();
        var widths = new[] { "id".Length, "publisher".Length, "edition".Length, "schedule".Length };
        foreach (var r in rows)
        {
            widths[0] = Math.Max(widths[0], r.Id.Length);
            widths[1] = Math.Max(widths[1], Math.Min(48, r.Publisher.Length));
            widths[2] = Math.Max(widths[2], (r.Edition ?? "-").Length);
            widths[3] = Math.Max(widths[3], ScheduleText(r).Length);
        }

        text.Append(CultureInfo.InvariantCulture, $"{"id".PadRight(widths[0])}  {"publisher".PadRight(widths[1])}  {"edition".PadRight(widths[2])}  {"schedule".PadRight(widths[3])}  enabled").AppendLine();
        foreach (var r in rows)
        {
            var publisher = r.Publisher.Length > 48 ? r.Publisher[..47] + "…" : r.Publisher;
            text.Append(CultureInfo.InvariantCulture, $"{r.Id.PadRight(widths[0])}  {publisher.PadRight(widths[1])}  {(r.Edition ?? "-").PadRight(widths[2])}  {ScheduleText(r).PadRight(widths[3])}  {(r.Enabled ? "yes" : "no")}").AppendLine();
        }

        await output.WriteAsync(text.ToString()).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    internal static async Task<int> InitAsync(FileInfo file, bool force, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (file.Exists && !force)
        {
            await error.WriteLineAsync($"{file.FullName} exists; it was left as it is. Pass --force to overwrite it.").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        file.Directory?.Create();
        await File.WriteAllTextAsync(file.FullName, EmbeddedCatalogue.Text, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(
            $"Wrote {EmbeddedCatalogue.DisplayName} to {file.FullName}. Edit it, check it with 'inequalities catalogue validate {file.Name}'," +
            $" and refresh with --config {file.Name} (./data-sources.yml is read without --config).").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    internal static async Task<int> ValidateAsync(FileInfo? file, TextWriter output, TextWriter error)
    {
        if (await LoadAsync(file, error).ConfigureAwait(false) is not { } catalogue)
        {
            return ExitCodes.InvalidInput;
        }

        var sources = catalogue.Sources;
        await output.WriteLineAsync(FormattableString.Invariant(
            $"{catalogue.Path}: valid; {sources.Count} sources ({sources.Count(s => s.Enabled)} enabled, {sources.Count(s => s.Schedule is not null)} with their own schedule), schedule '{catalogue.Defaults.Schedule}' in {catalogue.Defaults.TimeZone.Id}")).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>The catalogue named, else ./data-sources.yml, else the embedded one; null (the problems written to stderr) when it is invalid.</summary>
    private static async Task<SourceCatalogue?> LoadAsync(FileInfo? file, TextWriter error)
    {
        try
        {
            return SourceCatalogue.Locate(file?.FullName, Directory.GetCurrentDirectory(), skipMissingFiles: false);
        }
        catch (Exception ex) when (ex is CatalogueException or FileNotFoundException)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return null;
        }
    }

    private static string ScheduleText(CatalogueRow row) => row.Schedule + (row.DefaultSchedule ? " (default)" : string.Empty);

    private sealed record CatalogueRow(string Id, SourceKind Kind, string Publisher, string? Edition, string Schedule, bool DefaultSchedule, bool Enabled, string Url);
}

using System.CommandLine;
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

        var listing = CatalogueListing.Of(catalogue);
        await output.WriteAsync(json ? JsonSerializer.Serialize(listing, SnapshotManifest.JsonOptions) + Environment.NewLine : listing.ToText()).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    internal static async Task<int> InitAsync(FileInfo file, bool force, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!await EmbeddedCatalogue.WriteToAsync(file.FullName, force, cancellationToken).ConfigureAwait(false))
        {
            await error.WriteLineAsync($"{file.FullName} exists; it was left as it is. Pass --force to overwrite it.").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

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

        await output.WriteLineAsync(catalogue.Summary()).ConfigureAwait(false);
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
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.TestSupport;

namespace Inequalities.Worker.Tests.Operations;

/// <summary>
/// Packs the tool and installs it into a temporary tool path once for the class, the way a user installs it
/// (<c>dotnet pack</c>, <c>dotnet tool install --tool-path DIR Inequalities.Tool --add-source FEED</c>), with a
/// private NuGet packages folder so no earlier install is reused.
/// </summary>
public sealed class InstalledTool : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    /// <summary>The installed <c>inequalities</c> command.</summary>
    public string Command { get; private set; } = null!;

    /// <summary>The folder holding the .NET runtime the tool runs on (DOTNET_ROOT).</summary>
    public string DotnetRoot { get; } = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    /// <summary>A new empty folder to run the tool in.</summary>
    public string EmptyFolder() => Directory.CreateDirectory(_temp.Combine("work", Guid.NewGuid().ToString("N"))).FullName;

    public async Task InitializeAsync()
    {
        var project = Path.Combine(SharedData.RepoRoot, "src", "Inequalities.Worker", "Inequalities.Worker.csproj");
        var packageId = XDocument.Load(project).Descendants("PackageId").Single().Value;
        Assert.Equal("Inequalities.Tool", packageId);

        // The worker was built with the tests (same configuration), so packing does not build again.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var feed = _temp.Combine("feed");
        await RunDotnetAsync(_temp.Path, "pack", project, "-c", configuration, "--no-build", "-o", feed, "--nologo");
        Assert.Single(Directory.GetFiles(feed, "Inequalities.Tool.*.nupkg"));

        var config = _temp.WriteText("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="feed" value="{feed}" /></packageSources>
            </configuration>
            """);
        var tools = _temp.Combine("tools");
        await RunDotnetAsync(_temp.Path, "tool", "install", "--tool-path", tools, packageId, "--add-source", feed, "--configfile", config);
        Command = Path.Combine(tools, "inequalities");
        Assert.True(File.Exists(Command), $"{Command} was not installed");
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Runs the installed tool in <paramref name="folder"/>.</summary>
    public async Task<(int Code, string Output, string Error)> RunAsync(string folder, params string[] args)
    {
        var start = new ProcessStartInfo(Command) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_ROOT"] = DotnetRoot;
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return await RunAsync(start);
    }

    private async Task RunDotnetAsync(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["NUGET_PACKAGES"] = _temp.Combine("packages");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var (code, output, error) = await RunAsync(start);
        Assert.True(code == 0, $"dotnet {string.Join(' ', args)} exited {code}:\n{output}\n{error}");
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}

/// <summary>The issue's done-when: the packed tool, installed, works in an empty folder.</summary>
public sealed class ToolInstallTests(InstalledTool tool) : IClassFixture<InstalledTool>
{
    [Fact]
    public async Task InstalledTool_EmptyFolder_RefreshesTheSampleWithEveryBriefingReportsFreshAndValidatesABrokenCatalogue()
    {
        var folder = tool.EmptyFolder();

        var refresh = await tool.RunAsync(folder, "refresh", "--sample");
        var status = await tool.RunAsync(folder, "status");
        var init = await tool.RunAsync(folder, "catalogue", "init", "broken.yml");
        var path = Path.Combine(folder, "broken.yml");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path))
            .Replace("kind: deprivation", "kind: deprivations", StringComparison.Ordinal)
            .Replace("format: csv", "format: csvx", StringComparison.Ordinal));
        var validate = await tool.RunAsync(folder, "catalogue", "validate", "broken.yml");

        // refresh --sample: exit 0 and a snapshot published, from the embedded catalogue, with nothing on disk before.
        Assert.True(refresh.Code == 0, refresh.Output + refresh.Error);
        var snapshot = LakeSnapshot.OpenCurrent(Path.Combine(folder, "lake"));
        Assert.Contains($"Published snapshot {snapshot.Id}", refresh.Output, StringComparison.Ordinal);
        Assert.Contains("Catalogue: the embedded catalogue", refresh.Error, StringComparison.Ordinal);
        Assert.Equal(CatalogueOriginKind.Embedded, snapshot.Manifest.CatalogueOrigin!.Kind);
        Assert.Equal(EmbeddedCatalogue.Sha256, snapshot.Manifest.CatalogueOrigin.Sha256);
        Assert.Equal(SourceCatalogue.LoadEmbedded(folder).Enabled.Select(s => s.Id), snapshot.Manifest.Sources.Select(s => s.Id));
        Assert.True((await snapshot.ReadTableAsync("areas")).RowCount > 0);

        // Every briefing the embedded catalogue asks for (the six districts, the city region and England; HTML and
        // PDF) is written: the sample's File 8 health indicators give each area a gradient on the catalogue's bases.
        var briefs = snapshot.Manifest.Briefs ?? [];
        Assert.Equal(
            BriefSettings.DefaultAreas.SelectMany(a => new[] { $"{a} html written", $"{a} pdf written" }),
            briefs.Select(b => $"{b.AreaCode} {b.Format} {b.Status}{(b.Error is null ? string.Empty : ": " + b.Error)}"));
        Assert.All(briefs, b => Assert.Equal(b.Bytes, new FileInfo(Path.Combine(snapshot.Directory, b.Path!)).Length));

        // status: exit 0, fresh.
        Assert.True(status.Code == 0, status.Output + status.Error);
        Assert.Contains(": fresh (max age 1d 12h)", status.Output, StringComparison.Ordinal);

        // catalogue validate on a broken copy: exit 2 and every problem listed.
        Assert.Equal(0, init.Code);
        Assert.Equal(2, validate.Code);
        Assert.Contains("broken.yml has ", validate.Error, StringComparison.Ordinal);
        Assert.Contains("field 'kind': 'deprivations' is not one of", validate.Error, StringComparison.Ordinal);
        Assert.Contains("field 'format': 'csvx' is not one of", validate.Error, StringComparison.Ordinal);
        var problems = Assert.Throws<CatalogueException>(() => SourceCatalogue.Load(path)).Problems;
        Assert.All(problems, p => Assert.Contains(p, validate.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task InstalledTool_EmptyFolderWithoutSample_SkipsTheLocalDirectoryNamingIt()
    {
        var folder = tool.EmptyFolder();

        var show = await tool.RunAsync(folder, "catalogue", "show");
        var offline = await tool.RunAsync(folder, "refresh", "--offline", "--only", "iod2019-file7");

        Assert.Equal(0, show.Code);
        Assert.StartsWith("Catalogue: the embedded catalogue", show.Output, StringComparison.Ordinal);
        Assert.Contains("lcr-local-directory", show.Output, StringComparison.Ordinal);

        // Offline with no raw cache: the one source fails (exit 1) and the log says which catalogue was read.
        Assert.Equal(1, offline.Code);
        Assert.Contains("Catalogue: the embedded catalogue", offline.Error, StringComparison.Ordinal);
        Assert.Contains("offline and no cached copy", offline.Error, StringComparison.Ordinal);
        Assert.Contains("Source lcr-local-directory: skipped: its file 'registers/lcr-local-directory.csv' is not in " + folder, offline.Error, StringComparison.Ordinal);
    }
}

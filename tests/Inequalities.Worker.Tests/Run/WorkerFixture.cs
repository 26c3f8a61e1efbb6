using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Sample;
using Inequalities.TestSupport;

namespace Inequalities.Worker.Tests.Run;

/// <summary>Inputs and checks shared by the worker tests: a sample-mirror catalogue, child worker processes, lake checks.</summary>
internal static partial class WorkerFixture
{
    public static string RepoCatalogue => Path.Combine(SharedData.RepoRoot, "data-sources.yml");

    /// <summary>
    /// Generates the sample mirror into <c>dir/mirror</c> and writes <c>dir/catalogue.yml</c>: the repository's catalogue
    /// with every url pointing at the mirror (relative file paths, or <paramref name="server"/> serving the mirror folder),
    /// no per-source schedules, no briefings, and <c>keep_snapshots</c> set. A templated zip member is named for the month of
    /// <paramref name="clock"/> (the refresh's clock; default the system clock).
    /// </summary>
    public static (string CataloguePath, string MirrorDirectory, IReadOnlyDictionary<string, Uri> Files) WriteMirrorCatalogue(string dir, Uri? server = null, int keepSnapshots = 7, TimeProvider? clock = null)
    {
        var mirror = Path.Combine(dir, "mirror");
        var files = SampleMirror.Generate(SourceCatalogue.Load(RepoCatalogue), mirror, timeProvider: clock);
        var text = new StringBuilder();
        string? id = null;
        foreach (var line in File.ReadAllLines(RepoCatalogue))
        {
            if (IdLine().Match(line) is { Success: true } m)
            {
                id = m.Groups[1].Value;
            }

            if (UrlLine().Match(line) is { Success: true } u && id is not null && files.TryGetValue(id, out var file))
            {
                var name = Path.GetFileName(file.LocalPath);
                var location = server is null ? "mirror/" + name : new Uri(server, name).ToString();
                text.Append(u.Groups[1].Value).Append("url: \"").Append(location).Append("\"\n");
                continue;
            }

            if (ScheduleLine().IsMatch(line) || Sha256Line().IsMatch(line))
            {
                continue;
            }

            text.Append(line.StartsWith("  keep_snapshots:", StringComparison.Ordinal) ? $"  keep_snapshots: {keepSnapshots}" : line).Append('\n');
        }

        var path = Path.Combine(dir, "catalogue.yml");
        // No briefings: the worker tests are about schedules, locks and snapshots (a briefing per area and format, each
        // PDF a Chromium run, would add seconds to every refresh).
        File.WriteAllText(path, ForMirrorFiles(TestCatalogues.WithoutBriefs(text.ToString())));
        return (path, mirror, files);
    }

    /// <summary>
    /// Fits the catalogue's source blocks to the mirror files: an ArcGIS layer's sample is the GeoJSON its pages would
    /// make (format geojson), and fallback_months goes where no {month:...} token is left (the url was a template).
    /// </summary>
    private static string ForMirrorFiles(string catalogue)
    {
        var blocks = SourceStart().Split(catalogue);
        for (var i = 1; i < blocks.Length; i++)
        {
            blocks[i] = blocks[i].Replace("    format: arcgis\n", "    format: geojson\n", StringComparison.Ordinal);
            if (!blocks[i].Contains("{month:", StringComparison.Ordinal))
            {
                blocks[i] = FallbackLine().Replace(blocks[i], string.Empty);
            }
        }

        return string.Join("  - id:", blocks);
    }

    [GeneratedRegex("  - id:")]
    private static partial Regex SourceStart();

    [GeneratedRegex("(?m)^    fallback_months: .*\n")]
    private static partial Regex FallbackLine();

    /// <summary>Rewrites the Value of the first data row of a Fingertips CSV (atomically), so the file's bytes change but it still parses.</summary>
    public static void VaryFingertipsValue(string csvPath, int variant)
    {
        var lines = File.ReadAllLines(csvPath);
        var header = lines[0].Split(',');
        var column = Array.IndexOf(header, "Value");
        Assert.True(column >= 0, $"{csvPath} has no Value column");
        var fields = lines[1].Split(',');
        fields[column] = (10 + (variant % 1000) / 1000.0).ToString("F5", CultureInfo.InvariantCulture);
        lines[1] = string.Join(',', fields);
        var temp = csvPath + ".tmp";
        File.WriteAllText(temp, string.Join('\n', lines) + "\n");
        File.Move(temp, csvPath, overwrite: true);
    }

    /// <summary>Checks that <c>current</c> names a complete snapshot: the manifest parses and every table reads back with its row count.</summary>
    public static async Task<string?> AssertCurrentCompleteAsync(string lake)
    {
        var layout = new LakeLayout(lake);
        var id = layout.ReadCurrentId();
        if (id is null)
        {
            return null;
        }

        var snapshot = LakeSnapshot.Open(lake, id);
        Assert.Equal(id, snapshot.Manifest.SnapshotId);
        Assert.NotEmpty(snapshot.Manifest.Tables);
        foreach (var entry in snapshot.Manifest.Tables)
        {
            var table = await snapshot.ReadTableAsync(entry.Name);
            Assert.Equal(entry.Rows, table.RowCount);
        }

        return id;
    }

    /// <summary>Starts the built worker (<c>inequalities.dll</c>, copied next to the test assembly) as a child process.</summary>
    public static Process StartWorker(params string[] args)
    {
        var folder = AppContext.BaseDirectory;
        var dll = Path.Combine(folder, "inequalities.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project references the worker, so the build copies it here");

        // The test folder lacks some of the worker's package assemblies that the ASP.NET Core shared framework (used
        // by the loopback server) supplies, so run it with the test assembly's runtimeconfig.
        var runtimeConfig = Path.Combine(folder, "Inequalities.Worker.Tests.runtimeconfig.json");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "exec", "--runtimeconfig", runtimeConfig, "--depsfile", Path.Combine(folder, "inequalities.deps.json"), dll })
        {
            info.ArgumentList.Add(a);
        }

        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Outputs.AddOrUpdate(process, output);
        return process;
    }

    private static readonly ConditionalWeakTable<Process, StringBuilder> Outputs = new();

    /// <summary>Everything the child wrote to stdout and stderr so far.</summary>
    public static string OutputOf(Process process)
    {
        if (!Outputs.TryGetValue(process, out var output))
        {
            return string.Empty;
        }

        lock (output)
        {
            return output.ToString();
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling, or fails after <paramref name="timeout"/>.</summary>
    public static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout}: {describe()}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Sends SIGTERM to a process.</summary>
    public static void Terminate(Process process)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    [GeneratedRegex(@"^\s*- id:\s*(\S+)\s*$")]
    private static partial Regex IdLine();

    [GeneratedRegex(@"^(    )url:\s")]
    private static partial Regex UrlLine();

    [GeneratedRegex(@"^\s{4}schedule:\s")]
    private static partial Regex ScheduleLine();

    [GeneratedRegex(@"^\s{4}sha256:\s")]
    private static partial Regex Sha256Line();
}

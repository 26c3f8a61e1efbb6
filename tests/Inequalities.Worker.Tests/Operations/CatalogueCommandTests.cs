using System.CommandLine;
using System.Text.Json;
using Inequalities.Sources.Catalogue;
using Inequalities.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inequalities.Worker.Tests.Operations;

/// <summary><c>inequalities catalogue show|init|validate</c> through the command line.</summary>
public sealed class CatalogueCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string RepoCatalogue => Path.Combine(SharedData.RepoRoot, "data-sources.yml");

    private static async Task<(int Code, string Output, string Error)> Invoke(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await Program.InvokeAsync(args, TimeProvider.System, NullLoggerFactory.Instance, new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Show_ListsEverySourceWithPublisherEditionScheduleAndEnabled()
    {
        var catalogue = SourceCatalogue.Load(RepoCatalogue);

        var (code, output, error) = await Invoke("catalogue", "show", RepoCatalogue);

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Catalogue: file ", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^id +publisher +edition +schedule +enabled$", lines[2].TrimEnd());
        Assert.Equal(catalogue.Sources.Count, lines.Length - 3);
        foreach (var (line, source) in lines.Skip(3).Zip(catalogue.Sources))
        {
            Assert.StartsWith(source.Id + " ", line, StringComparison.Ordinal);
            Assert.EndsWith(source.Enabled ? "yes" : "no", line.TrimEnd(), StringComparison.Ordinal);
            Assert.Contains(source.Schedule?.Expression ?? catalogue.Defaults.Schedule + " (default)", line, StringComparison.Ordinal);
            Assert.Contains(source.Period ?? "-", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ShowJson_GivesTheSourcesAndWhereTheCatalogueCameFrom()
    {
        var catalogue = SourceCatalogue.Load(RepoCatalogue);

        var (code, output, _) = await Invoke("catalogue", "show", RepoCatalogue, "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("file", json.RootElement.GetProperty("catalogue").GetProperty("kind").GetString());
        var sources = json.RootElement.GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(catalogue.Sources.Select(s => (s.Id, s.Publisher, s.Enabled)), sources.Select(s => (s.GetProperty("id").GetString()!, s.GetProperty("publisher").GetString()!, s.GetProperty("enabled").GetBoolean())));
        Assert.Equal("deprivation", sources[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Init_WritesTheEmbeddedCatalogueAndRefusesToOverwriteWithoutForce()
    {
        var path = _temp.Combine("sub", "mine.yml");

        var first = await Invoke("catalogue", "init", path);
        await File.WriteAllTextAsync(path, "edited\n");
        var second = await Invoke("catalogue", "init", path);
        var kept = await File.ReadAllTextAsync(path);
        var forced = await Invoke("catalogue", "init", path, "--force");

        Assert.True(first.Code == 0, first.Error);
        Assert.Equal(2, second.Code);
        Assert.Contains("exists; it was left as it is. Pass --force to overwrite it.", second.Error, StringComparison.Ordinal);
        Assert.Equal("edited\n", kept);
        Assert.Equal(0, forced.Code);
        Assert.Equal(await File.ReadAllTextAsync(RepoCatalogue), await File.ReadAllTextAsync(path));
        Assert.Equal(SourceCatalogue.Load(RepoCatalogue).Sources.Select(s => s.Id), SourceCatalogue.Load(path).Sources.Select(s => s.Id));
    }

    [Fact]
    public async Task Validate_ValidCatalogue_ExitsZeroWithAOneLineSummary()
    {
        var catalogue = SourceCatalogue.Load(RepoCatalogue);

        var (code, output, _) = await Invoke("catalogue", "validate", RepoCatalogue);

        Assert.Equal(0, code);
        Assert.Equal(
            $"{RepoCatalogue}: valid; {catalogue.Sources.Count} sources ({catalogue.Enabled.Count()} enabled, {catalogue.Sources.Count(s => s.Schedule is not null)} with their own schedule), schedule '0 2 * * *' in Europe/London",
            output.TrimEnd());
    }

    [Fact]
    public async Task Validate_BrokenCatalogue_ExitsTwoListingEveryProblem()
    {
        var text = (await File.ReadAllTextAsync(RepoCatalogue))
            .Replace("kind: lookup", "kind: lookups", StringComparison.Ordinal)
            .Replace("time_zone: Europe/London", "time_zone: Europe/Liverpool", StringComparison.Ordinal);
        var broken = _temp.WriteText("broken.yml", text);
        var expected = Assert.Throws<CatalogueException>(() => SourceCatalogue.Load(broken)).Problems;

        var (code, output, error) = await Invoke("catalogue", "validate", broken);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.True(expected.Count > 2);
        Assert.All(expected, p => Assert.Contains(p, error, StringComparison.Ordinal));
        Assert.Contains("field 'defaults.time_zone': 'Europe/Liverpool' is not a known IANA time zone", error, StringComparison.Ordinal);
        Assert.Contains("field 'kind': 'lookups' is not one of", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingFile_ExitsTwo()
    {
        var (code, _, error) = await Invoke("catalogue", "validate", _temp.Combine("none.yml"));

        Assert.Equal(2, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }
}

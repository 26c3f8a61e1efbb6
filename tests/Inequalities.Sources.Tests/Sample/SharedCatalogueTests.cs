using Inequalities.Sources.Catalogue;
using Inequalities.TestSupport;

namespace Inequalities.Sources.Tests.Sample;

public sealed class SharedCatalogueTests
{
    private static SourceCatalogue LoadShared() =>
        SourceCatalogue.Load(Path.Combine(SharedData.RepoRoot, "tests", "data-sources.shared.yml"));

    [Fact]
    public void Load_SharedCatalogue_EveryFileExists()
    {
        var catalogue = LoadShared();

        Assert.All(catalogue.Sources, s =>
        {
            Assert.True(s.IsFile, $"{s.Id}: expected a file location, got {s.Location}");
            Assert.True(File.Exists(s.Location.LocalPath), $"{s.Id}: {s.Location.LocalPath} does not exist");
        });
    }

    [Fact]
    public void Load_SharedCatalogue_ListsEveryDataFile()
    {
        var catalogue = LoadShared();
        var listed = catalogue.Sources.Select(s => Path.GetFileName(s.Location.LocalPath)).ToHashSet(StringComparer.Ordinal);

        var unlisted = Directory.GetFiles(SharedData.DataDirectory)
            .Select(Path.GetFileName)
            .Where(n => n is not null && !n.EndsWith(".md", StringComparison.Ordinal) && !listed.Contains(n))
            .ToList();

        Assert.Empty(unlisted);
    }

    [Fact]
    public void Load_SharedCatalogue_EveryMappedHeaderIsInTheFile()
    {
        var catalogue = LoadShared();
        var problems = new List<string>();

        foreach (var source in catalogue.Sources)
        {
            var headers = HeaderReader.Read(source, source.Location.LocalPath).ToHashSet(StringComparer.Ordinal);
            foreach (var (canonical, header) in source.Columns)
            {
                if (!headers.Contains(header))
                {
                    problems.Add($"{source.Id}: columns.{canonical} names '{header}', which is not a header of {Path.GetFileName(source.Location.LocalPath)}");
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void HeaderReader_QuotedHeaderWithComma_StaysOneField()
    {
        var fields = HeaderReader.SplitCsvRecord("a,\"Education, Skills\",\"say \"\"hi\"\"\",");

        Assert.Equal(["a", "Education, Skills", "say \"hi\"", string.Empty], fields);
    }
}

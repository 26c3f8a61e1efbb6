using System.Security.Cryptography;
using Inequalities.Sources.Catalogue;
using Inequalities.TestSupport;

namespace Inequalities.Sources.Tests.Catalogue;

/// <summary>The catalogue shipped inside the library, and the choice <c>refresh</c> and <c>run</c> make between a file and it.</summary>
public sealed class EmbeddedCatalogueTests : IDisposable
{
    private const string LocalDirectory = "lcr-local-directory";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string RepoCatalogue => Path.Combine(SharedData.RepoRoot, "data-sources.yml");

    [Fact]
    public void Text_IsTheRepositoryCatalogueByteForByte()
    {
        var file = File.ReadAllBytes(RepoCatalogue);

        Assert.Equal(System.Text.Encoding.UTF8.GetString(file), EmbeddedCatalogue.Text);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), EmbeddedCatalogue.Sha256);
    }

    [Fact]
    public void LoadEmbedded_ValidWithTheSameSourcesAsTheFile_RelativePathsUnderTheBaseDirectory()
    {
        var embedded = SourceCatalogue.LoadEmbedded(_temp.Path);
        var file = SourceCatalogue.Load(RepoCatalogue);

        Assert.Equal(file.Sources.Select(s => (s.Id, s.Enabled, s.Url)), embedded.Sources.Select(s => (s.Id, s.Enabled, s.Url)));
        Assert.Equal(CatalogueOriginKind.Embedded, embedded.Origin.Kind);
        Assert.Equal(EmbeddedCatalogue.ResourceName, embedded.Origin.Path);
        Assert.Equal(EmbeddedCatalogue.Sha256, embedded.Origin.Sha256);
        Assert.Equal(file.Origin.Sha256, embedded.Origin.Sha256);
        Assert.Equal(_temp.Combine("registers", "lcr-local-directory.csv"), embedded[LocalDirectory].Location.LocalPath);
        Assert.Empty(embedded.Origin.Skipped);
    }

    [Fact]
    public void LoadEmbedded_SkipMissingFilesInAnEmptyFolder_DisablesOnlyTheLocalDirectoryAndSaysWhy()
    {
        var enabledInFile = SourceCatalogue.Load(RepoCatalogue).Enabled.Select(s => s.Id).ToList();

        var catalogue = SourceCatalogue.LoadEmbedded(_temp.Path, skipMissingFiles: true);

        var skipped = Assert.Single(catalogue.Origin.Skipped);
        Assert.Equal(LocalDirectory, skipped.Id);
        Assert.Contains("registers/lcr-local-directory.csv", skipped.Reason, StringComparison.Ordinal);
        Assert.Contains(_temp.Path, skipped.Reason, StringComparison.Ordinal);
        Assert.Contains("catalogue init", skipped.Reason, StringComparison.Ordinal);
        Assert.False(catalogue[LocalDirectory].Enabled);
        Assert.Equal(enabledInFile.Where(id => id != LocalDirectory), catalogue.Enabled.Select(s => s.Id));
    }

    [Fact]
    public void LoadEmbedded_SkipMissingFilesWithTheFileInPlace_KeepsItEnabled()
    {
        Directory.CreateDirectory(_temp.Combine("registers"));
        File.WriteAllText(_temp.Combine("registers", "lcr-local-directory.csv"), "id,name\n");

        var catalogue = SourceCatalogue.LoadEmbedded(_temp.Path, skipMissingFiles: true);

        Assert.True(catalogue[LocalDirectory].Enabled);
        Assert.Empty(catalogue.Origin.Skipped);
    }

    [Fact]
    public void Locate_NoConfigAndNoLocalFile_LoadsTheEmbeddedCatalogue()
    {
        var catalogue = SourceCatalogue.Locate(null, _temp.Path, skipMissingFiles: true);

        Assert.Equal(CatalogueOriginKind.Embedded, catalogue.Origin.Kind);
        Assert.Equal(_temp.Path, catalogue.Origin.BaseDirectory);
        Assert.Equal(LocalDirectory, Assert.Single(catalogue.Origin.Skipped).Id);
    }

    [Fact]
    public void Locate_DataSourcesYmlInTheWorkingDirectory_ReadsThatFile()
    {
        var local = _temp.WriteText("data-sources.yml", File.ReadAllText(RepoCatalogue).Replace("keep_snapshots: 7", "keep_snapshots: 3", StringComparison.Ordinal));

        var catalogue = SourceCatalogue.Locate(null, _temp.Path, skipMissingFiles: true);

        Assert.Equal(CatalogueOriginKind.File, catalogue.Origin.Kind);
        Assert.Equal(local, catalogue.Origin.Path);
        Assert.Equal(3, catalogue.Defaults.KeepSnapshots);
        Assert.NotEqual(EmbeddedCatalogue.Sha256, catalogue.Origin.Sha256);

        // A file's missing local paths are not skipped: the refresh reports them as fetch failures, as before.
        Assert.Empty(catalogue.Origin.Skipped);
        Assert.True(catalogue[LocalDirectory].Enabled);
    }

    [Fact]
    public void Locate_ConfigGiven_ReadsItEvenWhenTheWorkingDirectoryHasOne()
    {
        _temp.WriteText("data-sources.yml", "not: a catalogue\n");

        var catalogue = SourceCatalogue.Locate(RepoCatalogue, _temp.Path, skipMissingFiles: true);

        Assert.Equal(CatalogueOriginKind.File, catalogue.Origin.Kind);
        Assert.Equal(Path.GetFullPath(RepoCatalogue), catalogue.Origin.Path);
    }

    [Fact]
    public void Locate_ConfigMissing_ThrowsNamingIt()
    {
        var missing = _temp.Combine("nope.yml");

        var ex = Assert.Throws<FileNotFoundException>(() => SourceCatalogue.Locate(missing, _temp.Path, skipMissingFiles: true));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }
}

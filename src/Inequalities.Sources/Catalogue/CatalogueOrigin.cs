using System.Security.Cryptography;
using System.Text;

namespace Inequalities.Sources.Catalogue;

/// <summary>Where a catalogue was read from.</summary>
public enum CatalogueOriginKind
{
    /// <summary>A <c>data-sources.yml</c> file on disk (<c>--config</c>, or <c>./data-sources.yml</c>).</summary>
    File,

    /// <summary>The catalogue embedded in <c>Inequalities.Sources</c> (see <see cref="EmbeddedCatalogue"/>).</summary>
    Embedded,

    /// <summary>YAML text handed to <see cref="SourceCatalogue.Parse"/>.</summary>
    Text,
}

/// <summary>
/// Where a catalogue came from, recorded in every snapshot's manifest (<c>catalogue_origin</c>) and logged by each
/// refresh: the kind, the file, the SHA-256 of the YAML text, the folder relative <c>url:</c> paths resolve against,
/// and the sources left out when it was loaded.
/// </summary>
public sealed record CatalogueOrigin
{
    /// <summary>Where the catalogue was read from.</summary>
    public required CatalogueOriginKind Kind { get; init; }

    /// <summary>The full path of the file; for the embedded catalogue its resource name; null for text.</summary>
    public string? Path { get; init; }

    /// <summary>SHA-256 of the YAML text (lower-case hex), so two refreshes can tell whether they read the same catalogue.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The folder relative <c>url:</c> paths resolve against: the file's folder, or for the embedded catalogue the working directory.</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>Sources the loader left out (disabled), each with the reason; empty when none was.</summary>
    public IReadOnlyList<SkippedSource> Skipped { get; init; } = [];

    /// <summary>One line for logs: kind, path, SHA-256 and base folder.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Kind switch
    {
        CatalogueOriginKind.File => $"file {Path} (sha256 {Sha256})",
        CatalogueOriginKind.Embedded => $"the embedded catalogue {Path} (sha256 {Sha256}; relative paths resolve against {BaseDirectory})",
        _ => $"text (sha256 {Sha256}; relative paths resolve against {BaseDirectory})",
    };

    internal static CatalogueOrigin For(CatalogueOriginKind kind, string? path, string text, string baseDirectory) => new()
    {
        Kind = kind,
        Path = path,
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
        BaseDirectory = baseDirectory,
    };
}

/// <summary>A source the catalogue loader left out, and why.</summary>
/// <param name="Id">The source id.</param>
/// <param name="Reason">Why it was left out.</param>
public sealed record SkippedSource(string Id, string Reason);

using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Sample;

/// <summary>
/// Writes a synthetic, offline stand-in for every source of a catalogue: one file per source (enabled or not), in the
/// source's declared format, with exactly the publisher headers its <c>columns:</c> map names, so the parsers that
/// read the real files read these unchanged. The data describe a small synthetic geography inside the six real
/// Liverpool City Region districts (synthetic LSOA, MSOA and ward codes in unused GSS ranges) and are never copied
/// from real files. Used by <c>refresh --sample</c>:
/// <c>catalogue.WithLocations(SampleMirror.Generate(catalogue, dir))</c>.
/// </summary>
public static class SampleMirror
{
    /// <summary>The seed used when none is given.</summary>
    public const int DefaultSeed = 20261125;

    /// <summary>
    /// Generates the sample files into <paramref name="directory"/> (created if missing; existing sample files are
    /// overwritten). The same catalogue and seed always give byte-identical files.
    /// </summary>
    /// <param name="catalogue">The catalogue whose sources to mirror.</param>
    /// <param name="directory">The folder to write into.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>Source id to the absolute file URI of its sample file.</returns>
    /// <exception cref="NotSupportedException">A source's kind or format cannot be generated.</exception>
    public static IReadOnlyDictionary<string, Uri> Generate(SourceCatalogue catalogue, string directory, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);

        var root = Path.GetFullPath(directory);
        Directory.CreateDirectory(root);
        var geography = SampleGeography.Create(seed);
        var result = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var source in catalogue.Sources)
        {
            var random = new Random(unchecked(seed ^ StableHash(source.Id)));
            var table = SampleContent.Build(source, geography, random);
            var bytes = SampleWriters.Write(source, table);
            var path = Path.Combine(root, source.Id + Naming.FormatExtension(source.Format));
            File.WriteAllBytes(path, bytes);
            result[source.Id] = new Uri(path);
        }

        return result;
    }

    /// <summary>FNV-1a over the id's UTF-16 code units: stable across processes, unlike string.GetHashCode.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return unchecked((int)hash);
    }
}

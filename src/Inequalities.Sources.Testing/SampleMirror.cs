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
    /// overwritten). The same catalogue and seed always give byte-identical files (in the same month, when a zip
    /// member is a <c>{month:FORMAT}</c> template: it is written as the clock's current month names it). An
    /// <c>arcgis</c> source gets the GeoJSON FeatureCollection its pages would be assembled into.
    /// </summary>
    /// <param name="catalogue">The catalogue whose sources to mirror.</param>
    /// <param name="directory">The folder to write into.</param>
    /// <param name="seed">The random seed.</param>
    /// <param name="timeProvider">The clock templated members are resolved with (the fetcher's; default the system clock).</param>
    /// <returns>Source id to the absolute file URI of its sample file.</returns>
    /// <exception cref="NotSupportedException">A source's kind or format cannot be generated.</exception>
    public static IReadOnlyDictionary<string, Uri> Generate(SourceCatalogue catalogue, string directory, int seed = DefaultSeed, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);

        var root = Path.GetFullPath(directory);
        Directory.CreateDirectory(root);
        var geography = SampleGeography.Create(seed);
        var result = new Dictionary<string, Uri>(StringComparer.Ordinal);
        var month = MonthTemplate.MonthOf(timeProvider ?? TimeProvider.System);
        foreach (var template in catalogue.Sources)
        {
            var source = template.ForMonth(month);
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

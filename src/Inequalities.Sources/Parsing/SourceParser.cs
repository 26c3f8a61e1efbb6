using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Kinds;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// Parses a source's local copy into typed columns, driven by its <c>columns:</c> map: one method per kind, each the
/// kind's own parser (see <see cref="SourceKinds"/>). Every problem is a <see cref="SourceDataException"/> naming the
/// source, row, column and what was expected.
/// </summary>
public static class SourceParser
{
    /// <summary>Parses a deprivation-kind source (an index at LSOA level).</summary>
    /// <param name="source">The catalogue entry (kind deprivation).</param>
    /// <param name="path">The local copy.</param>
    public static DeprivationData Deprivation(SourceDefinition source, string path) =>
        DeprivationKind.Read(RequireKind(source, SourceKind.Deprivation), path);

    /// <summary>Parses a lookup-kind source: every mapped code and name column, codes checked as GSS codes.</summary>
    /// <param name="source">The catalogue entry (kind lookup).</param>
    /// <param name="path">The local copy.</param>
    public static LookupData Lookup(SourceDefinition source, string path) =>
        LookupKind.Read(RequireKind(source, SourceKind.Lookup), path);

    /// <summary>
    /// Parses a population-kind source: wide (a <c>population.total</c> column and optional
    /// <c>population.age.&lt;band&gt;</c> columns) or long (<c>age</c> and <c>value</c> columns, summed per area).
    /// </summary>
    /// <param name="source">The catalogue entry (kind population).</param>
    /// <param name="path">The local copy.</param>
    public static PopulationData Population(SourceDefinition source, string path) =>
        PopulationKind.Read(RequireKind(source, SourceKind.Population), path);

    /// <summary>
    /// Parses an indicator-kind (long or wide) or fingertips-kind source into long rows. Fingertips rows that break
    /// an area down by a category (deprivation decile, ethnicity...) are skipped and counted.
    /// </summary>
    /// <param name="source">The catalogue entry (kind indicator or fingertips).</param>
    /// <param name="path">The local copy.</param>
    public static IndicatorData Indicators(SourceDefinition source, string path)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Kind is not (SourceKind.Indicator or SourceKind.Fingertips))
        {
            throw new ArgumentException($"Source '{source.Id}' is of kind {source.Kind}, not indicator or fingertips.", nameof(source));
        }

        return IndicatorReader.Read(source, path);
    }

    /// <summary>Parses a boundaries-kind source (format <c>geojson</c> or <c>arcgis</c>, or a zip member of format <c>geojson</c>).</summary>
    /// <param name="source">The catalogue entry (kind boundaries).</param>
    /// <param name="path">The local copy.</param>
    public static BoundaryData Boundaries(SourceDefinition source, string path) =>
        BoundariesKind.Read(RequireKind(source, SourceKind.Boundaries), path);

    /// <summary>
    /// Parses a centroids-kind source (csv, xlsx, json or geojson properties). Points are WGS84 <c>longitude</c> and
    /// <c>latitude</c>, or British National Grid <c>easting</c> and <c>northing</c>, converted to WGS84.
    /// </summary>
    /// <param name="source">The catalogue entry (kind centroids).</param>
    /// <param name="path">The local copy.</param>
    public static CentroidData Centroids(SourceDefinition source, string path) =>
        CentroidsKind.Read(RequireKind(source, SourceKind.Centroids), path);

    /// <summary>Parses an asset register (kind assets); malformed rows are collected as rejected, the rest kept.</summary>
    /// <param name="source">The catalogue entry (kind assets).</param>
    /// <param name="path">The local copy.</param>
    public static AssetData Assets(SourceDefinition source, string path) =>
        AssetsKind.Read(RequireKind(source, SourceKind.Assets), path);

    /// <summary>A stable snake_case id for a published indicator label.</summary>
    /// <param name="label">The label, e.g. <c>Life expectancy</c>.</param>
    public static string Slug(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var sb = new System.Text.StringBuilder(label.Length);
        foreach (var c in label.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '_')
            {
                sb.Append('_');
            }
        }

        return sb.ToString().TrimEnd('_');
    }

    private static SourceDefinition RequireKind(SourceDefinition source, SourceKind kind)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Kind == kind ? source : throw new ArgumentException($"Source '{source.Id}' is of kind {source.Kind}, not {kind}.", nameof(source));
    }
}

/// <summary>Parses an asset register (kind assets): see <see cref="SourceParser.Assets"/>.</summary>
public static class AssetParser
{
    /// <summary>Parses the register.</summary>
    /// <param name="source">The catalogue entry (kind assets).</param>
    /// <param name="path">The local copy.</param>
    public static AssetData Parse(SourceDefinition source, string path) => SourceParser.Assets(source, path);
}

/// <summary>Parses boundaries and centroids: see <see cref="SourceParser.Boundaries"/> and <see cref="SourceParser.Centroids"/>.</summary>
public static class GeoParsers
{
    /// <summary>Parses a boundaries-kind source.</summary>
    /// <param name="source">The catalogue entry (kind boundaries).</param>
    /// <param name="path">The local copy.</param>
    public static BoundaryData Boundaries(SourceDefinition source, string path) => SourceParser.Boundaries(source, path);

    /// <summary>Parses a centroids-kind source.</summary>
    /// <param name="source">The catalogue entry (kind centroids).</param>
    /// <param name="path">The local copy.</param>
    public static CentroidData Centroids(SourceDefinition source, string path) => SourceParser.Centroids(source, path);
}

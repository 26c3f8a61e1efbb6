using System.Globalization;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Sample;

/// <summary>
/// Writes one source's sample rows from its kind, columns and options (never from its id), over the synthetic
/// <see cref="SampleGeography"/>: each built-in kind's part of the sample mirror (Inequalities.Sources.Testing), kept
/// in the kind's folder beside its parser so both change together.
/// </summary>
internal interface ISampleKind
{
    /// <summary>Adds the source's rows to <paramref name="table"/>.</summary>
    void Sample(SourceDefinition source, SampleGeography geo, Random random, SampleTable table);
}

/// <summary>What the kinds' sample writers share: the areas of a source's geography, number formats, common fields.</summary>
internal static class SampleValues
{
    public static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static readonly string[] Periods = ["2019", "2020", "2021"];

    public static int VintageOf(SourceDefinition source) => source.Vintage is >= 2021 ? 2021 : 2011;

    /// <summary>The areas a source's rows are at, by its geography and vintage.</summary>
    public static IReadOnlyList<SampleArea> AreasOf(SourceDefinition source, SampleGeography geo) => source.Geography switch
    {
        GeographyLevel.Lsoa => VintageOf(source) == 2021 ? geo.Lsoa21 : geo.Lsoa11,
        GeographyLevel.Msoa => geo.Msoa,
        GeographyLevel.Ward => geo.Wards,
        GeographyLevel.Lad or GeographyLevel.Utla or GeographyLevel.Mixed or GeographyLevel.Point or GeographyLevel.Postcode => LadAreas(geo),
        GeographyLevel.CombinedAuthority => [CombinedAuthority(geo)],
        GeographyLevel.Region => [CombinedAuthority(geo) with { Code = SampleGeography.RegionCode, Name = SampleGeography.RegionName }],
        GeographyLevel.Country => [CombinedAuthority(geo) with { Code = SampleGeography.EnglandCode, Name = "England" }],
        _ => LadAreas(geo),
    };

    public static List<SampleArea> LadAreas(SampleGeography geo) =>
        geo.Lads.Select(l => new SampleArea(l.Code, l.Name, l, l.West, l.South, l.East, l.North)
        {
            Population = geo.Lsoa11.Where(a => a.Lad.Code == l.Code).Sum(a => a.Population),
        }).ToList();

    public static SampleArea CombinedAuthority(SampleGeography geo)
    {
        var first = geo.Lads[0];
        return new SampleArea(SampleGeography.CombinedAuthorityCode, SampleGeography.CombinedAuthorityName, first,
            geo.Lads.Min(l => l.West), geo.Lads.Min(l => l.South), geo.Lads.Max(l => l.East), geo.Lads.Max(l => l.North))
        {
            Population = geo.TotalPopulation,
        };
    }

    public static string F(double value, int decimals) => Math.Round(value, decimals).ToString("0.###############", Inv);

    public static string I(long value) => value.ToString(Inv);

    public static string? Common(string canonical, SampleArea area) => canonical switch
    {
        "lsoa_code" or "area_code" => area.Code,
        "lsoa_name" or "area_name" => area.Name,
        "lad_code" => area.Lad.Code,
        "lad_name" => area.Lad.Name,
        _ => null,
    };

    public static string? PopulationValue(string canonical, int total, SampleTable table)
    {
        var children = (int)(total * 0.19);
        var middle = (int)(total * 0.56);
        switch (canonical)
        {
            case "population.total":
                return I(total);
            case "population.children":
                return I(children);
            case "population.age_16_59":
                return I(middle);
            case "population.older":
                return I(total - children - middle);
            case "population.working_age":
                return I((int)(total * 0.60));
        }

        if (canonical.StartsWith("population.age.", StringComparison.Ordinal))
        {
            // Spread the total over the mapped age columns; when the full single-year set is mapped they sum to the total.
            var ages = table.Columns.Where(c => c.Canonical.StartsWith("population.age.", StringComparison.Ordinal)).Select(c => c.Canonical).ToList();
            var index = ages.IndexOf(canonical);
            var share = total / ages.Count;
            return I(index == ages.Count - 1 ? total - (share * (ages.Count - 1)) : share);
        }

        return null;
    }

    public static string? Attribute(string canonical, SourceDefinition source) => canonical switch
    {
        "sex" => "Persons",
        "period" => source.Period ?? "2021",
        _ => null,
    };

    /// <summary>Decile 1 holds the most deprived tenth: ceil(rank * 10 / n).</summary>
    public static int Decile(int rank, int count) => (int)Math.Ceiling(rank * 10.0 / count);
}

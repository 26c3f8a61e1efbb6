using Inequalities.Core.Columnar;
using Inequalities.Sources.Parsing;

namespace Inequalities.Lake.Tests.Build;

/// <summary>
/// One district vintage for the whole shared-data lake: every English LSOA of both vintages carries a LAD 2024
/// district, its region and (2011) its MSOA, checked against the raw ONS lookups in ../shared/data.
/// </summary>
[Collection(SharedLakeCollection.Name)]
public sealed class SharedLakeDistrictTests(SharedLakeFixture lake)
{
    // The districts created on 1 April 2023 (Cumberland, Westmorland and Furness, North Yorkshire, Somerset).
    private static readonly string[] Reorganised = ["E06000063", "E06000064", "E06000065", "E06000066"];

    [Fact]
    public async Task Areas_EveryEnglishLsoaOfBothVintages_HasALad2024DistrictAndItsRegion()
    {
        var areas = await lake.Snapshot.ReadTableAsync("areas");
        var regionOf = RawRegions();
        Assert.Equal(296, regionOf.Count);

        foreach (var (vintage, expected) in new[] { (2011, 32_844), (2021, 33_755) })
        {
            var rows = Rows(areas, vintage);
            Assert.Equal(expected, rows.Count);
            Assert.All(rows, i =>
            {
                var lad = areas.Strings("lad_code")[i];
                Assert.True(lad is not null && regionOf.ContainsKey(lad), $"{areas.Strings("lsoa_code")[i]} ({vintage}) has district '{lad}', not a LAD 2024 code");
                Assert.Equal(regionOf[lad!], areas.Strings("region_code")[i]);
                Assert.Equal(2024, areas.Primitive<int>("lad_vintage")[i]);
                Assert.False(string.IsNullOrEmpty(areas.Strings("lad_name")[i]));
            });
        }
    }

    [Fact]
    public async Task Areas_ReorganisedDistricts_CarryTheNewUnitaryCodesInBothVintages()
    {
        var areas = await lake.Snapshot.ReadTableAsync("areas");
        var lad24Of2021 = RawLad24Of2021();
        var changes = Lookup("lookup-lsoa11-lsoa21");

        // From the raw lookups: LSOA 2021s by their LAD 2024, and LSOA 2011s whose LSOA 2021s all lie in one district.
        var expected2021 = Reorganised.ToDictionary(c => c, c => lad24Of2021.Count(kv => kv.Key.StartsWith("E01", StringComparison.Ordinal) && kv.Value == c));
        var childDistricts = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        for (var i = 0; i < changes.Rows; i++)
        {
            var lsoa11 = changes.Columns["lsoa11_code"][i]!;
            if (lsoa11.StartsWith("E01", StringComparison.Ordinal))
            {
                (childDistricts.TryGetValue(lsoa11, out var set) ? set : childDistricts[lsoa11] = new HashSet<string>(StringComparer.Ordinal)).Add(lad24Of2021[changes.Columns["lsoa21_code"][i]!]);
            }
        }

        var expected2011 = Reorganised.ToDictionary(c => c, c => childDistricts.Values.Count(s => s.Count == 1 && s.Contains(c)));
        Assert.All(Reorganised, c => Assert.True(expected2021[c] > 100 && expected2011[c] > 100, $"{c}: the raw lookups should hold its LSOAs"));

        foreach (var code in Reorganised)
        {
            Assert.Equal(expected2021[code], Rows(areas, 2021).Count(i => areas.Strings("lad_code")[i] == code));
            Assert.Equal(expected2011[code], Rows(areas, 2011).Count(i => areas.Strings("lad_code")[i] == code));
        }

        // Their LAD 2022 codes (the former districts, e.g. Allerdale E07000026 in Cumberland) stay as lad_code_previous.
        var previous = Rows(areas, 2011).Where(i => areas.Strings("lad_code")[i] == "E06000063").Select(i => areas.Strings("lad_code_previous")[i]).Distinct().Order().ToList();
        Assert.Equal(["E07000026", "E07000028", "E07000029"], previous);
    }

    [Fact]
    public async Task Areas_LadCodePrevious_IsTheLad2022OfTheRawChangeLookup()
    {
        var areas = await lake.Snapshot.ReadTableAsync("areas");
        var changes = Lookup("lookup-lsoa11-lsoa21");
        var lad22 = new Dictionary<(int, string), string>();
        for (var i = 0; i < changes.Rows; i++)
        {
            lad22.TryAdd((2011, changes.Columns["lsoa11_code"][i]!), changes.Columns["lad22_code"][i]!);
            lad22.TryAdd((2021, changes.Columns["lsoa21_code"][i]!), changes.Columns["lad22_code"][i]!);
        }

        foreach (var vintage in new[] { 2011, 2021 })
        {
            Assert.All(Rows(areas, vintage), i =>
            {
                Assert.Equal(lad22[(vintage, areas.Strings("lsoa_code")[i]!)], areas.Strings("lad_code_previous")[i]);
                Assert.Equal(2022, areas.Primitive<int>("lad_vintage_previous")[i]);
            });
        }
    }

    [Fact]
    public async Task Areas_Lsoa2011SplitAcrossDistricts_TakesTheDistrictHoldingMostOfItsPopulation()
    {
        var areas = await lake.Snapshot.ReadTableAsync("areas");
        var lad24Of2021 = RawLad24Of2021();
        var changes = Lookup("lookup-lsoa11-lsoa21");
        var census = lake.Catalogue["population-census2021-lsoa21"];
        var population = SourceParser.Population(census, census.Location.LocalPath);
        var pop21 = population.AreaCodes.Select((c, i) => (c, i)).ToDictionary(x => x.c!, x => population.Totals[x.i], StringComparer.Ordinal);

        // Recomputed from the raw files: LSOA 2011s whose 2021 LSOAs lie in more than one LAD 2024 district.
        var parts = Enumerable.Range(0, changes.Rows)
            .Where(i => changes.Columns["lsoa11_code"][i]!.StartsWith("E01", StringComparison.Ordinal))
            .GroupBy(i => changes.Columns["lsoa11_code"][i]!)
            .Select(g => (Lsoa11: g.Key, Children: g.Select(i => changes.Columns["lsoa21_code"][i]!).ToList()))
            .Where(x => x.Children.Select(c => lad24Of2021[c]).Distinct().Count() > 1)
            .ToList();
        Assert.NotEmpty(parts);

        var ladOf = Rows(areas, 2011).ToDictionary(i => areas.Strings("lsoa_code")[i]!, i => areas.Strings("lad_code")[i]);
        var note = lake.Snapshot.Manifest.Sources.Single(s => s.Id == "lookup-lsoa11-lsoa21").Note;
        foreach (var (lsoa11, children) in parts)
        {
            var expected = children.GroupBy(c => lad24Of2021[c]).OrderByDescending(g => g.Sum(c => pop21[c])).First().Key;
            Assert.Equal(expected, ladOf[lsoa11]);
            Assert.Contains($"{lsoa11} -> {expected}", note, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Areas_Lsoa2011_EveryOneHasTheMsoaOfTheRawLookup()
    {
        var areas = await lake.Snapshot.ReadTableAsync("areas");
        var raw = Lookup("lookup-lsoa11-msoa11");
        var msoaOf = Enumerable.Range(0, raw.Rows).ToDictionary(i => raw.Columns["lsoa11_code"][i]!, i => raw.Columns["msoa11_code"][i]);

        var rows = Rows(areas, 2011);
        Assert.Equal(32_844, rows.Count(i => areas.Strings("msoa_code")[i] is not null));
        Assert.All(rows, i => Assert.Equal(msoaOf[areas.Strings("lsoa_code")[i]!], areas.Strings("msoa_code")[i]));
    }

    [Fact]
    public async Task Areas_LiverpoolCityRegion_KeepsItsLsoasAndCombinedAuthority()
    {
        var areas = await lake.Snapshot.ReadTableAsync("areas");

        Assert.Equal(989, Rows(areas, 2011).Count(i => areas.Strings("cauth_code")[i] == "E47000004"));
        Assert.Equal(1_003, Rows(areas, 2021).Count(i => areas.Strings("cauth_code")[i] == "E47000004"));

        // The combined-authority lookup is LAD 2023; its 53 districts are all unchanged in LAD 2024, and the manifest says so.
        var note = lake.Snapshot.Manifest.Sources.Single(s => s.Id == "lookup-lad-cauth").Note;
        Assert.Contains("LAD 2023 districts; the lake's districts are LAD 2024: 53 of 53 codes are unchanged", note, StringComparison.Ordinal);
    }

    private static List<int> Rows(Table areas, int vintage) =>
        Enumerable.Range(0, areas.RowCount).Where(i => areas.Primitive<int>("lsoa_vintage")[i] == vintage).ToList();

    private LookupData Lookup(string id) => SourceParser.Lookup(lake.Catalogue[id], lake.Catalogue[id].Location.LocalPath);

    private Dictionary<string, string> RawRegions()
    {
        var raw = Lookup("lookup-lad-region");
        return Enumerable.Range(0, raw.Rows).ToDictionary(i => raw.Columns["lad24_code"][i]!, i => raw.Columns["region24_code"][i]!, StringComparer.Ordinal);
    }

    private Dictionary<string, string> RawLad24Of2021()
    {
        var raw = Lookup("lookup-lsoa21-ward24-lad24");
        return Enumerable.Range(0, raw.Rows).ToDictionary(i => raw.Columns["lsoa21_code"][i]!, i => raw.Columns["lad24_code"][i]!, StringComparer.Ordinal);
    }
}
